package dev.partneraccess.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.access.ServiceAccount;
import dev.partneraccess.core.support.Json;

/** A service account's representation; the secret only where the caller is to see it, once. */
final class ServiceAccountJson {

    private ServiceAccountJson() {
    }

    /** Without the secret: lists, admin events, disable. */
    static ObjectNode write(ServiceAccount account) {
        ObjectNode json = Json.object();
        json.put("id", account.id());
        json.put("clientId", account.clientId());
        json.put("partner", account.partnerId());
        json.put("purpose", account.purpose());
        json.put("owner", account.ownerId());
        json.put("expiresAt", Json.isoTime(account.expiresAt()));
        json.put("secretRotatedAt", Json.isoTime(account.secretRotatedAt()));
        json.put("enabled", account.enabled());
        json.put("lastUsedAt", account.lastUsedAt() == null ? null : Json.isoTime(account.lastUsedAt()));
        return json;
    }

    /** With the secret just issued: the answer to a creation or a rotation. */
    static ObjectNode withSecret(ServiceAccount account) {
        ObjectNode json = write(account);
        json.put("secret", account.secret());
        return json;
    }
}
