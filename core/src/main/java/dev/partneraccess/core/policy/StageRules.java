package dev.partneraccess.core.policy;

import static dev.partneraccess.core.policy.PolicyFields.allowOnly;
import static dev.partneraccess.core.policy.PolicyFields.object;
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

    private StageRules() {
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
            switch (name) {
                case "regional" -> {
                    allowOnly(stage, Set.of("approverRolePrefix"), path + ".");
                    String prefix = requiredText(stage, "approverRolePrefix", path + ".approverRolePrefix", 200);
                    stages.put(name, new Policy.Stage(name, null, prefix, false));
                }
                case "owner" -> {
                    allowOnly(stage, Set.of("businessOwner"), path + ".");
                    JsonNode flag = stage.get("businessOwner");
                    if (flag == null || !flag.isBoolean() || !flag.booleanValue()) {
                        throw Refusal.invalid(path + ".businessOwner",
                                "The owner stage is decided by the partner's business owner: set \"businessOwner\": true.");
                    }
                    stages.put(name, new Policy.Stage(name, null, null, true));
                }
                default -> {
                    allowOnly(stage, Set.of("approverRole"), path + ".");
                    String role = requiredText(stage, "approverRole", path + ".approverRole", 255);
                    if (!catalog.realmRoleExists(role)) {
                        throw Refusal.invalid(path + ".approverRole", "Realm role '" + role + "' does not exist.");
                    }
                    stages.put(name, new Policy.Stage(name, role, null, false));
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
