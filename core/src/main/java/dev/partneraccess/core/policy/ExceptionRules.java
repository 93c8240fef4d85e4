package dev.partneraccess.core.policy;

import static dev.partneraccess.core.policy.PolicyFields.MAX_DAYS;
import static dev.partneraccess.core.policy.PolicyFields.allowOnly;
import static dev.partneraccess.core.policy.PolicyFields.object;
import static dev.partneraccess.core.policy.PolicyFields.requiredInt;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The {@code exceptions} section: the stages an exception adds (defined in {@code stages}) and the most days any
 * exception grant may last. Without it, no request may be an exception.
 */
final class ExceptionRules {

    private ExceptionRules() {
    }

    static Policy.Exceptions exceptions(JsonNode node, Map<String, Policy.Stage> stages) {
        if (node == null || node.isNull()) {
            return null;
        }
        JsonNode section = object(node, "exceptions");
        allowOnly(section, Set.of("stages", "maxDays"), "exceptions.");
        List<String> added = StageRules.stageList(section.get("stages"), "exceptions.stages", stages, true);
        int maxDays = requiredInt(section, "maxDays", "exceptions.maxDays", 1, MAX_DAYS);
        return new Policy.Exceptions(List.copyOf(added), maxDays);
    }
}
