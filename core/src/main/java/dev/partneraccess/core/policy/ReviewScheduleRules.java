package dev.partneraccess.core.policy;

import static dev.partneraccess.core.policy.PolicyFields.allowOnly;
import static dev.partneraccess.core.policy.PolicyFields.object;
import static dev.partneraccess.core.policy.PolicyFields.optionalText;
import static dev.partneraccess.core.policy.PolicyFields.requiredInt;
import static dev.partneraccess.core.policy.PolicyFields.requiredText;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.partneraccess.core.support.Refusal;

/**
 * The {@code reviewSchedule} section: recurring access reviews
 * {@code [{"name","everyDays","scope","reviewer","days","defaultDecision"}]}, names unique, the scope naming at least
 * one of its fields. Whether a reviewer user exists, and whether the scope matches a grant, is seen when the sweep
 * starts the review (a scope matching nothing then starts nothing).
 */
final class ReviewScheduleRules {

    private static final Set<String> FIELDS = Set.of("name", "everyDays", "scope", "reviewer", "days", "defaultDecision");
    private static final Set<String> SCOPE_FIELDS = Set.of("partner", "tier", "region", "role", "client", "serviceAccounts");
    private static final Set<String> DECISIONS = Set.of("keep", "revoke");

    private ReviewScheduleRules() {
    }

    static List<Policy.ReviewSchedule> schedules(JsonNode node) {
        List<Policy.ReviewSchedule> schedules = new ArrayList<>();
        if (node == null || node.isNull()) {
            return schedules;
        }
        if (!node.isArray()) {
            throw Refusal.invalid("reviewSchedule", "'reviewSchedule' must be an array of schedules.");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String path = "reviewSchedule[" + i + "]";
            JsonNode entry = object(node.get(i), path);
            allowOnly(entry, FIELDS, path + ".");
            String name = requiredText(entry, "name", path + ".name", 200);
            if (!names.add(name)) {
                throw Refusal.invalid(path + ".name", "'reviewSchedule' names '" + name + "' twice.");
            }
            int everyDays = requiredInt(entry, "everyDays", path + ".everyDays", 1, 365);
            JsonNode scope = object(entry.get("scope"), path + ".scope");
            allowOnly(scope, SCOPE_FIELDS, path + ".scope.");
            if (scope.isEmpty()) {
                throw Refusal.invalid(path + ".scope", "'" + path + ".scope' must name at least one of "
                        + String.join(", ", List.of("partner", "tier", "region", "role", "client", "serviceAccounts")) + ".");
            }
            Boolean serviceAccounts = null;
            JsonNode accounts = scope.get("serviceAccounts");
            if (accounts != null && !accounts.isNull()) {
                if (!accounts.isBoolean()) {
                    throw Refusal.invalid(path + ".scope.serviceAccounts", "'" + path + ".scope.serviceAccounts' must be true or false.");
                }
                serviceAccounts = accounts.booleanValue();
            }
            String reviewer = requiredText(entry, "reviewer", path + ".reviewer", 36);
            int days = requiredInt(entry, "days", path + ".days", 1, 365);
            if (days > everyDays) {
                throw Refusal.invalid(path + ".days", "'" + path + ".days' must not exceed '" + path
                        + ".everyDays': a review ends before the next one starts.");
            }
            String defaultDecision = requiredText(entry, "defaultDecision", path + ".defaultDecision", 16);
            if (!DECISIONS.contains(defaultDecision)) {
                throw Refusal.invalid(path + ".defaultDecision", "'" + path + ".defaultDecision' must be 'keep' or 'revoke'.");
            }
            schedules.add(new Policy.ReviewSchedule(name, everyDays, optionalText(scope, "partner", path + ".scope.partner", 36),
                    optionalText(scope, "tier", path + ".scope.tier", 255), optionalText(scope, "region", path + ".scope.region", 255),
                    optionalText(scope, "role", path + ".scope.role", 255), optionalText(scope, "client", path + ".scope.client", 255),
                    serviceAccounts, reviewer, days, defaultDecision));
        }
        return schedules;
    }
}
