package dev.partneraccess.core.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.support.Json;

/**
 * Which active grants a review covers: each field narrows it, null leaves it open. {@code role} and {@code client}
 * name the governed role (a realm role when only {@code role} is given with {@code client} absent, any role of the
 * client when only {@code client} is given); {@code serviceAccounts} true keeps only service accounts' grants, false
 * only people's.
 */
public record ReviewScope(String partner, String tier, String region, String role, String client, Boolean serviceAccounts) {

    public static final String[] FIELDS = {"partner", "tier", "region", "role", "client", "serviceAccounts"};

    /** Whether no field narrows the scope. */
    public boolean isEmpty() {
        return partner == null && tier == null && region == null && role == null && client == null && serviceAccounts == null;
    }

    /** The scope as the review row keeps it: only the fields given. */
    public String stored() {
        return Json.write(toJson());
    }

    /** The scope as the evidence records it: only the fields given. */
    ObjectNode toJson() {
        ObjectNode json = Json.object();
        putIfSet(json, "partner", partner);
        putIfSet(json, "tier", tier);
        putIfSet(json, "region", region);
        putIfSet(json, "role", role);
        putIfSet(json, "client", client);
        if (serviceAccounts != null) {
            json.put("serviceAccounts", serviceAccounts);
        }
        return json;
    }

    /** The scope a review row keeps ({@link #stored()}). */
    public static ReviewScope fromStored(String stored) {
        JsonNode json = Json.read(stored);
        return new ReviewScope(text(json, "partner"), text(json, "tier"), text(json, "region"), text(json, "role"),
                text(json, "client"), json.hasNonNull("serviceAccounts") ? json.get("serviceAccounts").asBoolean() : null);
    }

    private static void putIfSet(ObjectNode json, String field, String value) {
        if (value != null) {
            json.put(field, value);
        }
    }

    private static String text(JsonNode json, String field) {
        return json.hasNonNull(field) ? json.get(field).asText() : null;
    }
}
