package dev.partneraccess.core.policy;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.support.Refusal;
import dev.partneraccess.core.support.TextRules;

/**
 * Checks a policy document against the product's rules and the realm it governs, and turns it into a {@link Policy}.
 * Every refusal names the field at fault as a path such as {@code programmes[1].minTier}.
 */
public final class PolicyValidator {

    /** Fields the server adds to the document it returns; a PUT may echo them back and they are ignored. */
    public static final Set<String> SERVER_FIELDS = Set.of("version", "updatedAt", "updatedBy");

    private static final Set<String> TOP_FIELDS = Set.of("tiers", "agreement", "stages", "programmes",
            "requestTimeoutDays", "expiryNoticeDays", "outOfBand", "serviceAccountStages");
    private static final Set<String> TIER_FIELDS = Set.of("name", "rank", "maxGrantDays", "requiredActions",
            "attestationDays", "secretMaxDays");
    private static final Set<String> PROGRAMME_FIELDS = Set.of("role", "client", "stages", "minTier", "maxDays");
    private static final int MAX_DAYS = 3650;

    private final RealmCatalog catalog;

    public PolicyValidator(RealmCatalog catalog) {
        this.catalog = catalog;
    }

    public Policy validate(ObjectNode input) {
        ObjectNode doc = input.deepCopy();
        doc.remove(SERVER_FIELDS);
        allowOnly(doc, TOP_FIELDS, "");

        List<Policy.Tier> tiers = tiers(doc.get("tiers"));
        Policy.Agreement agreement = agreement(doc.get("agreement"), tiers);
        Map<String, Policy.Stage> stages = stages(doc.get("stages"));
        List<Policy.Programme> programmes = programmes(doc.get("programmes"), tiers, stages);
        int requestTimeoutDays = optionalInt(doc, "requestTimeoutDays", "requestTimeoutDays", 1, 365, 14);
        List<Integer> notices = expiryNoticeDays(doc.get("expiryNoticeDays"));
        String outOfBand = "revert";
        JsonNode oob = doc.get("outOfBand");
        if (oob != null && !oob.isNull()) {
            if (!oob.isTextual() || !Policy.OUT_OF_BAND_MODES.contains(oob.textValue())) {
                throw Refusal.invalid("outOfBand", "'outOfBand' must be \"revert\" or \"flag\".");
            }
            outOfBand = oob.textValue();
        }
        List<String> serviceAccountStages = stageList(doc.get("serviceAccountStages"), "serviceAccountStages", stages, false);
        return new Policy(List.copyOf(tiers), agreement, Map.copyOf(stages), List.copyOf(programmes), requestTimeoutDays,
                List.copyOf(notices), outOfBand, List.copyOf(serviceAccountStages), doc);
    }

    private List<Policy.Tier> tiers(JsonNode node) {
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
            List<String> actions = new ArrayList<>();
            JsonNode actionsNode = tier.get("requiredActions");
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

    private Policy.Agreement agreement(JsonNode node, List<Policy.Tier> tiers) {
        boolean needed = tiers.stream().anyMatch(t -> t.requiredActions().contains(Policy.AGREEMENT_ACTION));
        if (node == null || node.isNull()) {
            if (needed) {
                throw Refusal.invalid("agreement", "A tier requires " + Policy.AGREEMENT_ACTION
                        + ", so 'agreement' with 'version' and 'url' is required.");
            }
            return null;
        }
        JsonNode agreement = object(node, "agreement");
        allowOnly(agreement, Set.of("version", "url"), "agreement.");
        String version = requiredText(agreement, "version", "agreement.version", 64);
        String url = requiredText(agreement, "url", "agreement.url", 2000);
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || !Set.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))
                    || uri.getHost() == null) {
                throw new URISyntaxException(url, "not an absolute http(s) URL");
            }
        } catch (URISyntaxException e) {
            throw Refusal.invalid("agreement.url", "'agreement.url' must be an absolute http or https URL.");
        }
        return new Policy.Agreement(version, url);
    }

    private Map<String, Policy.Stage> stages(JsonNode node) {
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

    private List<Policy.Programme> programmes(JsonNode node, List<Policy.Tier> tiers, Map<String, Policy.Stage> stages) {
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
            List<String> programmeStages = stageList(programme.get("stages"), path + ".stages", stages, true);
            String minTier = requiredText(programme, "minTier", path + ".minTier", 64);
            if (tiers.stream().noneMatch(t -> t.name().equals(minTier))) {
                throw Refusal.invalid(path + ".minTier", "Tier '" + minTier + "' is not defined in 'tiers'.");
            }
            Integer maxDays = optionalInt(programme, "maxDays", path + ".maxDays", 1, MAX_DAYS, null);
            programmes.add(new Policy.Programme(role, client, List.copyOf(programmeStages), minTier, maxDays));
        }
        return programmes;
    }

    private static List<String> stageList(JsonNode node, String path, Map<String, Policy.Stage> stages, boolean required) {
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

    private static List<Integer> expiryNoticeDays(JsonNode node) {
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

    private static JsonNode object(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw Refusal.invalid(path, "'" + path + "' must be an object.");
        }
        return node;
    }

    private static void allowOnly(JsonNode node, Set<String> allowed, String prefix) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw Refusal.invalid(prefix + name, "Unknown field '" + prefix + name + "'.");
            }
        }
    }

    private static String requiredText(JsonNode node, String field, String path, int max) {
        String value = optionalText(node, field, path, max);
        if (value == null) {
            throw Refusal.invalid(path, "'" + path + "' is required.");
        }
        return value;
    }

    private static String optionalText(JsonNode node, String field, String path, int max) {
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

    private static int requiredInt(JsonNode node, String field, String path, int min, int max) {
        Integer value = optionalInt(node, field, path, min, max, null);
        if (value == null) {
            throw Refusal.invalid(path, "'" + path + "' is required.");
        }
        return value;
    }

    private static Integer optionalInt(JsonNode node, String field, String path, int min, int max, Integer fallback) {
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
