package dev.partneraccess.core.policy;

import static dev.partneraccess.core.policy.PolicyFields.MAX_DAYS;
import static dev.partneraccess.core.policy.PolicyFields.allowOnly;
import static dev.partneraccess.core.policy.PolicyFields.object;
import static dev.partneraccess.core.policy.PolicyFields.optionalInt;
import static dev.partneraccess.core.policy.PolicyFields.optionalText;
import static dev.partneraccess.core.policy.PolicyFields.requiredText;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.partneraccess.core.support.Refusal;

/**
 * The {@code programmes} section: each governs one existing realm or client role, at most once, through stages
 * defined in {@code stages} and from a tier defined in {@code tiers}.
 */
final class ProgrammeRules {

    private static final Set<String> PROGRAMME_FIELDS = Set.of("role", "client", "stages", "minTier", "maxDays",
            "questions");

    private ProgrammeRules() {
    }

    static List<Policy.Programme> programmes(JsonNode node, List<Policy.Tier> tiers, Map<String, Policy.Stage> stages,
                                             RealmCatalog catalog) {
        List<Policy.Programme> programmes = new ArrayList<>();
        if (node == null || node.isNull()) {
            return programmes;
        }
        if (!node.isArray()) {
            throw Refusal.invalid("programmes", "'programmes' must be an array.");
        }
        Set<List<String>> seen = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String path = "programmes[" + i + "]";
            JsonNode programme = object(node.get(i), path);
            allowOnly(programme, PROGRAMME_FIELDS, path + ".");
            String role = requiredText(programme, "role", path + ".role", 255);
            String client = optionalText(programme, "client", path + ".client", 255);
            if (client == null) {
                if (!catalog.realmRoleExists(role)) {
                    throw Refusal.invalid(path + ".role", "Realm role '" + role + "' does not exist.");
                }
            } else if (!catalog.clientExists(client)) {
                throw Refusal.invalid(path + ".client", "Client '" + client + "' does not exist.");
            } else if (!catalog.clientRoleExists(client, role)) {
                throw Refusal.invalid(path + ".role", "Client '" + client + "' has no role '" + role + "'.");
            }
            if (!seen.add(java.util.Arrays.asList(client, role))) {
                throw Refusal.invalid(path + ".role", "Role '" + role + "'" + (client == null ? "" : " of client '" + client + "'")
                        + " is governed by two programmes.");
            }
            List<String> programmeStages = StageRules.stageList(programme.get("stages"), path + ".stages", stages, true);
            String minTier = requiredText(programme, "minTier", path + ".minTier", 64);
            if (tiers.stream().noneMatch(t -> t.name().equals(minTier))) {
                throw Refusal.invalid(path + ".minTier", "Tier '" + minTier + "' is not defined in 'tiers'.");
            }
            Integer maxDays = optionalInt(programme, "maxDays", path + ".maxDays", 1, MAX_DAYS, null);
            List<Policy.Question> questions = QuestionRules.questions(programme.get("questions"), path + ".questions");
            programmes.add(new Policy.Programme(role, client, List.copyOf(programmeStages), minTier, maxDays, questions));
        }
        return programmes;
    }
}
