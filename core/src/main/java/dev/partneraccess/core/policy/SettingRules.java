package dev.partneraccess.core.policy;

import static dev.partneraccess.core.policy.PolicyFields.optionalInt;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.partneraccess.core.support.Refusal;

/**
 * The single-value settings at the top of the document: {@code requestTimeoutDays}, {@code expiryNoticeDays} and
 * {@code outOfBand}, each with its default when absent.
 */
final class SettingRules {

    private SettingRules() {
    }

    static int requestTimeoutDays(JsonNode doc) {
        return optionalInt(doc, "requestTimeoutDays", "requestTimeoutDays", 1, 365, 14);
    }

    static List<Integer> expiryNoticeDays(JsonNode node) {
        List<Integer> days = new ArrayList<>();
        if (node == null || node.isNull()) {
            return days;
        }
        if (!node.isArray()) {
            throw Refusal.invalid("expiryNoticeDays", "'expiryNoticeDays' must be an array of whole days.");
        }
        for (JsonNode day : node) {
            if (!day.isIntegralNumber() || !day.canConvertToInt() || day.intValue() < 1 || day.intValue() > 365) {
                throw Refusal.invalid("expiryNoticeDays", "'expiryNoticeDays' entries must be whole days between 1 and 365.");
            }
            if (days.contains(day.intValue())) {
                throw Refusal.invalid("expiryNoticeDays", "'expiryNoticeDays' lists " + day.intValue() + " twice.");
            }
            days.add(day.intValue());
        }
        return days;
    }

    static String outOfBand(JsonNode oob) {
        String outOfBand = "revert";
        if (oob != null && !oob.isNull()) {
            if (!oob.isTextual() || !Policy.OUT_OF_BAND_MODES.contains(oob.textValue())) {
                throw Refusal.invalid("outOfBand", "'outOfBand' must be \"revert\" or \"flag\".");
            }
            outOfBand = oob.textValue();
        }
        return outOfBand;
    }
}
