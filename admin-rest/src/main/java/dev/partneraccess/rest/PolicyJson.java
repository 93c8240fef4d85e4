package dev.partneraccess.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.policy.StoredPolicy;
import dev.partneraccess.core.support.Json;

/** A stored policy version's representation: the document with its version, when and by whom it was set. */
final class PolicyJson {

    private PolicyJson() {
    }

    static ObjectNode write(StoredPolicy stored) {
        ObjectNode json = stored.policy().document().deepCopy();
        json.put("version", stored.version());
        json.put("updatedAt", Json.isoTime(stored.updatedAt()));
        json.put("updatedBy", stored.updatedBy());
        return json;
    }
}
