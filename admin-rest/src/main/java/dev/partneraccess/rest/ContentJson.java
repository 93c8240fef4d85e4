package dev.partneraccess.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.content.ContentPackage;
import dev.partneraccess.core.support.Json;

/** A content package's representation in the REST API and self-service. */
final class ContentJson {

    private ContentJson() {
    }

    static ObjectNode write(ContentPackage content) {
        ObjectNode json = Json.object();
        json.put("id", content.id());
        json.put("name", content.name());
        json.put("kind", content.kind());
        json.put("client", content.clientId());
        json.put("uri", content.uri());
        json.put("owner", content.owner());
        json.put("minTier", content.minTier());
        ArrayNode regions = json.putArray("regions");
        content.regions().forEach(regions::add);
        json.put("days", content.days());
        json.put("baseId", content.baseId());
        json.put("status", content.status());
        json.put("resourceId", content.resourceId());
        json.put("requestId", content.requestId());
        json.put("releasedAt", content.releasedAt() == null ? null : Json.isoTime(content.releasedAt()));
        json.put("expiresAt", content.expiresAt() == null ? null : Json.isoTime(content.expiresAt()));
        json.put("createdAt", Json.isoTime(content.createdAt()));
        json.put("createdBy", content.createdBy());
        json.put("endedAt", content.endedAt() == null ? null : Json.isoTime(content.endedAt()));
        json.put("endReason", content.endReason());
        return json;
    }

    /** What a partner user sees of a package they may view. */
    static ObjectNode writeViewable(ContentPackage content) {
        ObjectNode json = Json.object();
        json.put("id", content.id());
        json.put("name", content.name());
        json.put("kind", content.kind());
        json.put("client", content.clientId());
        json.put("uri", content.uri());
        json.put("resourceId", content.resourceId());
        json.put("expiresAt", content.expiresAt() == null ? null : Json.isoTime(content.expiresAt()));
        return json;
    }
}
