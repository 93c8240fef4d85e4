package dev.partneraccess.core.policy;

import static dev.partneraccess.core.policy.PolicyFields.MAX_DAYS;
import static dev.partneraccess.core.policy.PolicyFields.allowOnly;
import static dev.partneraccess.core.policy.PolicyFields.object;
import static dev.partneraccess.core.policy.PolicyFields.optionalInt;
import static dev.partneraccess.core.policy.PolicyFields.requiredInt;
import static dev.partneraccess.core.policy.PolicyFields.requiredText;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.partneraccess.core.support.Refusal;
import dev.partneraccess.core.support.TextRules;

/** The {@code tiers} section: a non-empty list of tiers with distinct names and ranks. */
final class TierRules {

    private static final Set<String> TIER_FIELDS = Set.of("name", "rank", "maxGrantDays", "requiredActions",
            "attestationDays", "secretMaxDays");

    private TierRules() {
    }

    static List<Policy.Tier> tiers(JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw Refusal.invalid("tiers", "'tiers' must be a non-empty array of tiers.");
        }
        List<Policy.Tier> tiers = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<Integer> ranks = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String path = "tiers[" + i + "]";
            JsonNode tier = object(node.get(i), path);
            allowOnly(tier, TIER_FIELDS, path + ".");
            String name = requiredText(tier, "name", path + ".name", 64);
            if (!names.add(TextRules.nameKey(name))) {
                throw Refusal.invalid(path + ".name", "Tier '" + name + "' is defined twice.");
            }
            int rank = requiredInt(tier, "rank", path + ".rank", 1, 1000);
            if (!ranks.add(rank)) {
                throw Refusal.invalid(path + ".rank", "Rank " + rank + " is used by two tiers; ranks must be distinct.");
            }
            int maxGrantDays = requiredInt(tier, "maxGrantDays", path + ".maxGrantDays", 1, MAX_DAYS);
            List<String> actions = requiredActions(tier.get("requiredActions"), path);
            Integer attestationDays = optionalInt(tier, "attestationDays", path + ".attestationDays", 1, MAX_DAYS, null);
            if (actions.contains(Policy.ATTESTATION_ACTION) && attestationDays == null) {
                throw Refusal.invalid(path + ".attestationDays",
                        "Tier '" + name + "' requires " + Policy.ATTESTATION_ACTION + " and so needs 'attestationDays'.");
            }
            Integer secretMaxDays = optionalInt(tier, "secretMaxDays", path + ".secretMaxDays", 1, MAX_DAYS, null);
            tiers.add(new Policy.Tier(name, rank, maxGrantDays, List.copyOf(actions), attestationDays, secretMaxDays));
        }
        return tiers;
    }

    private static List<String> requiredActions(JsonNode actionsNode, String path) {
        List<String> actions = new ArrayList<>();
        if (actionsNode != null && !actionsNode.isNull()) {
            if (!actionsNode.isArray()) {
                throw Refusal.invalid(path + ".requiredActions", "'requiredActions' must be an array.");
            }
            for (JsonNode action : actionsNode) {
                if (!action.isTextual() || !Policy.REQUIRED_ACTIONS.contains(action.textValue())) {
                    throw Refusal.invalid(path + ".requiredActions", "Unknown required action " + action
                            + "; known: " + Policy.AGREEMENT_ACTION + ", " + Policy.ATTESTATION_ACTION + ".");
                }
                if (actions.contains(action.textValue())) {
                    throw Refusal.invalid(path + ".requiredActions", "'" + action.textValue() + "' is listed twice.");
                }
                actions.add(action.textValue());
            }
        }
        return actions;
    }
}
