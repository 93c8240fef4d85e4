package dev.partneraccess.core.evidence;

import dev.partneraccess.core.support.Refusal;
import dev.partneraccess.core.support.Json;
import dev.partneraccess.core.support.TextRules;

/** The filters of {@code GET /evidence}; every one is optional. */
public record EvidenceFilter(String type, String subject, String partner, Long fromMillis, Long toMillis) {

    public static EvidenceFilter parse(String type, String subject, String partner, String from, String to) {
        String t = TextRules.filter("type", type);
        if (t != null && EvidenceType.parse(t) == null) {
            throw Refusal.invalid("type", "Unknown evidence type '" + t + "'.");
        }
        Long f = parseTime("from", from);
        Long u = parseTime("to", to);
        if (f != null && u != null && f > u) {
            throw Refusal.invalid("from", "'from' is after 'to'.");
        }
        return new EvidenceFilter(t, TextRules.filter("subject", subject), TextRules.filter("partner", partner), f, u);
    }

    public static EvidenceFilter all() {
        return new EvidenceFilter(null, null, null, null, null);
    }

    static Long parseTime(String field, String raw) {
        String value = TextRules.filter(field, raw);
        return value == null ? null : Json.parseIsoTime(value, field);
    }
}
