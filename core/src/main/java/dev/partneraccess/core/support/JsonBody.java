package dev.partneraccess.core.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A request body read strictly: malformed JSON, a body that is not an object, unknown fields, wrong types, oversized
 * values and text that breaks {@link TextRules} are refused with a 400 that names the field. Strings are read as one
 * line (names, ids, regions); the {@code Text} readers are for free text that may span lines.
 */
public final class JsonBody {

    public static final int DEFAULT_MAX_BYTES = 64 * 1024;

    private final ObjectNode node;

    private JsonBody(ObjectNode node) {
        this.node = node;
    }

    public static JsonBody parse(String raw) {
        return parse(raw, DEFAULT_MAX_BYTES);
    }

    public static JsonBody parse(String raw, int maxBytes) {
        return new JsonBody(parseObject(raw, maxBytes));
    }

    public static ObjectNode parseObject(String raw, int maxBytes) {
        if (raw == null || raw.isBlank()) {
            throw Refusal.invalid(null, "The request needs a JSON object body.");
        }
        if (raw.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            throw Refusal.invalid(null, "The request body is larger than " + maxBytes + " bytes.");
        }
        JsonNode parsed;
        try {
            parsed = Json.MAPPER.readTree(raw);
        } catch (JsonProcessingException e) {
            throw Refusal.invalid(null, "The request body is not valid JSON: " + e.getOriginalMessage());
        }
        if (!(parsed instanceof ObjectNode object)) {
            throw Refusal.invalid(null, "The request body must be a JSON object.");
        }
        return object;
    }

    public ObjectNode node() {
        return node;
    }

    /** Refuses any field outside {@code allowed}. */
    public JsonBody allowOnly(String... allowed) {
        Set<String> known = Set.of(allowed);
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                throw Refusal.invalid(name, "Unknown field '" + name + "'. Allowed fields: " + String.join(", ", allowed) + ".");
            }
        }
        return this;
    }

    public boolean has(String field) {
        return node.has(field);
    }

    /** Present and not JSON null. */
    public boolean hasValue(String field) {
        return node.hasNonNull(field);
    }

    /** A single-line string, trimmed; absent, null or blank is refused. */
    public String requiredString(String field, int maxLength) {
        return required(field, optionalString(field, maxLength));
    }

    /** A single-line string, trimmed, or null when absent. */
    public String optionalString(String field, int maxLength) {
        return string(field, maxLength, TextRules.LINE);
    }

    /** Free text (a reason, a justification), trimmed; it may span lines; absent, null or blank is refused. */
    public String requiredText(String field, int maxLength) {
        return required(field, optionalText(field, maxLength));
    }

    /** Free text, trimmed, or null when absent. */
    public String optionalText(String field, int maxLength) {
        return string(field, maxLength, TextRules.MULTI_LINE);
    }

    /** Free text of {@code min..max} characters; a too-short one is refused with {@code why} as the hint. */
    public String requiredText(String field, int min, int max, String why) {
        String value = requiredText(field, max);
        if (value.length() < min) {
            throw Refusal.invalid(field, "'" + field + "' must be at least " + min + " characters: " + why + ".");
        }
        return value;
    }

    private static String required(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw Refusal.invalid(field, "'" + field + "' is required.");
        }
        return value;
    }

    private String string(String field, int maxLength, boolean multiLine) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw Refusal.invalid(field, "'" + field + "' must be a string.");
        }
        String text = value.textValue().strip();
        if (text.length() > maxLength) {
            throw Refusal.invalid(field, "'" + field + "' is longer than " + maxLength + " characters.");
        }
        // Blank is the caller's to judge (absent for an optional field, missing for a required one).
        return text.isEmpty() ? text : TextRules.check(field, text, multiLine);
    }

    /** A whole number within {@code min..max}; the message says the allowed range. */
    public int requiredInt(String field, int min, int max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw Refusal.invalid(field, "'" + field + "' is required.");
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw Refusal.invalid(field, "'" + field + "' must be a whole number.");
        }
        int number = value.intValue();
        if (number < min || number > max) {
            throw Refusal.invalid(field, "'" + field + "' must be between " + min + " and " + max + ".");
        }
        return number;
    }

    public Boolean optionalBoolean(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw Refusal.invalid(field, "'" + field + "' must be true or false.");
        }
        return value.booleanValue();
    }

    /** A list of distinct non-blank strings, or null when absent. */
    public List<String> optionalStringList(String field, int maxItems, int maxLength) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw Refusal.invalid(field, "'" + field + "' must be an array of strings.");
        }
        if (value.size() > maxItems) {
            throw Refusal.invalid(field, "'" + field + "' has more than " + maxItems + " entries.");
        }
        Set<String> items = new LinkedHashSet<>();
        for (JsonNode item : value) {
            if (!item.isTextual() || item.textValue().isBlank()) {
                throw Refusal.invalid(field, "'" + field + "' must contain only non-empty strings.");
            }
            String text = item.textValue().strip();
            if (text.length() > maxLength) {
                throw Refusal.invalid(field, "An entry of '" + field + "' is longer than " + maxLength + " characters.");
            }
            String problem = TextRules.problem(text, TextRules.LINE);
            if (problem != null) {
                throw Refusal.invalid(field, "An entry of '" + field + "' " + problem + ".");
            }
            if (!items.add(text)) {
                throw Refusal.invalid(field, "'" + field + "' lists '" + text + "' twice.");
            }
        }
        return new ArrayList<>(items);
    }
}
