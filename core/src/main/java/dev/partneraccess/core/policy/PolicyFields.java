package dev.partneraccess.core.policy;

import java.util.Iterator;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.partneraccess.core.support.Refusal;
import dev.partneraccess.core.support.TextRules;

/**
 * The field checks every section of the policy document shares: an object, no unknown field, a bounded text, a whole
 * number in range. Each refusal names the field at fault by its path.
 */
final class PolicyFields {

    /** The longest time limit in days any section accepts. */
    static final int MAX_DAYS = 3650;

    private PolicyFields() {
    }

    static JsonNode object(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw Refusal.invalid(path, "'" + path + "' must be an object.");
        }
        return node;
    }

    static void allowOnly(JsonNode node, Set<String> allowed, String prefix) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw Refusal.invalid(prefix + name, "Unknown field '" + prefix + name + "'.");
            }
        }
    }

    static String requiredText(JsonNode node, String field, String path, int max) {
        String value = optionalText(node, field, path, max);
        if (value == null) {
            throw Refusal.invalid(path, "'" + path + "' is required.");
        }
        return value;
    }

    static String optionalText(JsonNode node, String field, String path, int max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.textValue().isBlank()) {
            throw Refusal.invalid(path, "'" + path + "' must be a non-empty string.");
        }
        if (value.textValue().length() > max) {
            throw Refusal.invalid(path, "'" + path + "' is longer than " + max + " characters.");
        }
        return TextRules.check(path, value.textValue().strip(), TextRules.LINE);
    }

    static int requiredInt(JsonNode node, String field, String path, int min, int max) {
        Integer value = optionalInt(node, field, path, min, max, null);
        if (value == null) {
            throw Refusal.invalid(path, "'" + path + "' is required.");
        }
        return value;
    }

    static Integer optionalInt(JsonNode node, String field, String path, int min, int max, Integer fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < min || value.intValue() > max) {
            throw Refusal.invalid(path, "'" + path + "' must be a whole number between " + min + " and " + max + ".");
        }
        return value.intValue();
    }
}
