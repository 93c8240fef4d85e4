package dev.partneraccess.core.policy;

import static dev.partneraccess.core.policy.PolicyFields.allowOnly;
import static dev.partneraccess.core.policy.PolicyFields.object;
import static dev.partneraccess.core.policy.PolicyFields.optionalInt;
import static dev.partneraccess.core.policy.PolicyFields.requiredText;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.partneraccess.core.support.Refusal;

/**
 * The {@code stages} section (who decides each approval stage, checked against the realm) and the lists of stage
 * names that programmes and {@code serviceAccountStages} take from it.
 */
final class StageRules {

    /** The longest wait before a stage is escalated. */
    static final int MAX_ESCALATION_DAYS = 365;
    private static final Set<String> ESCALATION_FIELDS = Set.of("escalateAfterDays", "escalateTo");

    private record Escalation(Integer days, String role) {
    }

    private StageRules() {
    }

    /** {@code escalateAfterDays} and {@code escalateTo.approverRole}: both or neither, the role an existing realm role. */
    private static Escalation escalation(JsonNode stage, String path, RealmCatalog catalog) {
        Integer days = optionalInt(stage, "escalateAfterDays", path + ".escalateAfterDays", 1, MAX_ESCALATION_DAYS, null);
        JsonNode to = stage.get("escalateTo");
        if (to == null || to.isNull()) {
            if (days != null) {
                throw Refusal.invalid(path + ".escalateTo", "'" + path + ".escalateTo' is required with 'escalateAfterDays':"
                        + " {\"approverRole\": \"<realm role>\"}.");
            }
            return new Escalation(null, null);
        }
        if (days == null) {
            throw Refusal.invalid(path + ".escalateAfterDays", "'" + path + ".escalateAfterDays' is required with 'escalateTo'.");
        }
        object(to, path + ".escalateTo");
        allowOnly(to, Set.of("approverRole"), path + ".escalateTo.");
        String role = requiredText(to, "approverRole", path + ".escalateTo.approverRole", 255);
        if (!catalog.realmRoleExists(role)) {
            throw Refusal.invalid(path + ".escalateTo.approverRole", "Realm role '" + role + "' does not exist.");
        }
        return new Escalation(days, role);
    }

    private static Set<String> with(Set<String> fields, String field) {
        Set<String> all = new java.util.HashSet<>(fields);
        all.add(field);
        return all;
    }

    static Map<String, Policy.Stage> stages(JsonNode node, RealmCatalog catalog) {
        Map<String, Policy.Stage> stages = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return stages;
        }
        JsonNode all = object(node, "stages");
        Iterator<Map.Entry<String, JsonNode>> fields = all.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            String name = entry.getKey();
            String path = "stages." + name;
            if (!Policy.STAGE_NAMES.contains(name)) {
                throw Refusal.invalid(path, "Unknown stage '" + name + "'; known stages: legal, brand, security, regional, owner.");
            }
            JsonNode stage = object(entry.getValue(), path);
            Escalation escalation = escalation(stage, path, catalog);
            switch (name) {
                case "regional" -> {
                    allowOnly(stage, with(ESCALATION_FIELDS, "approverRolePrefix"), path + ".");
                    String prefix = requiredText(stage, "approverRolePrefix", path + ".approverRolePrefix", 200);
                    stages.put(name, new Policy.Stage(name, null, prefix, false, escalation.days(), escalation.role()));
                }
                case "owner" -> {
                    allowOnly(stage, with(ESCALATION_FIELDS, "businessOwner"), path + ".");
                    JsonNode flag = stage.get("businessOwner");
                    if (flag == null || !flag.isBoolean() || !flag.booleanValue()) {
                        throw Refusal.invalid(path + ".businessOwner",
                                "The owner stage is decided by the partner's business owner: set \"businessOwner\": true.");
                    }
                    stages.put(name, new Policy.Stage(name, null, null, true, escalation.days(), escalation.role()));
                }
                default -> {
                    allowOnly(stage, with(ESCALATION_FIELDS, "approverRole"), path + ".");
                    String role = requiredText(stage, "approverRole", path + ".approverRole", 255);
                    if (!catalog.realmRoleExists(role)) {
                        throw Refusal.invalid(path + ".approverRole", "Realm role '" + role + "' does not exist.");
                    }
                    stages.put(name, new Policy.Stage(name, role, null, false, escalation.days(), escalation.role()));
                }
            }
        }
        return stages;
    }

    static List<String> stageList(JsonNode node, String path, Map<String, Policy.Stage> stages, boolean required) {
        List<String> names = new ArrayList<>();
        if (node == null || node.isNull()) {
            if (required) {
                throw Refusal.invalid(path, "'stages' is required; use [] for a self-service programme.");
            }
            return names;
        }
        if (!node.isArray()) {
            throw Refusal.invalid(path, "'" + path + "' must be an array of stage names.");
        }
        for (JsonNode stage : node) {
            if (!stage.isTextual() || !stages.containsKey(stage.textValue())) {
                throw Refusal.invalid(path, "Stage " + stage + " is not defined in 'stages'.");
            }
            if (names.contains(stage.textValue())) {
                throw Refusal.invalid(path, "Stage '" + stage.textValue() + "' is listed twice.");
            }
            names.add(stage.textValue());
        }
        return names;
    }
}
