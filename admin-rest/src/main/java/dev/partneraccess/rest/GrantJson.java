package dev.partneraccess.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.access.Grant;
import dev.partneraccess.core.support.Json;

/** A grant's representation in the REST API and the self-service answers. */
final class GrantJson {

    private GrantJson() {
    }

    static ObjectNode write(Grant grant) {
        ObjectNode json = Json.object();
        json.put("id", grant.id());
        json.put("requestId", grant.requestId());
        json.put("user", grant.userId());
        json.put("partner", grant.partnerId());
        json.put("role", grant.roleName());
        json.put("client", grant.clientId());
        json.put("grantedAt", Json.isoTime(grant.grantedAt()));
        json.put("expiresAt", Json.isoTime(grant.expiresAt()));
        json.put("status", grant.status());
        json.put("revokedReason", grant.revokedReason());
        json.put("exception", grant.exception());
        return json;
    }
}
