package dev.partneraccess.core.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.support.Json;

/** A policy version as stored: the document plus who set it and when. */
public record StoredPolicy(int version, long updatedAt, String updatedBy, Policy policy) {

    public ObjectNode toJson() {
        ObjectNode json = policy.document().deepCopy();
        json.put("version", version);
        json.put("updatedAt", Json.isoTime(updatedAt));
        json.put("updatedBy", updatedBy);
        return json;
    }
}
