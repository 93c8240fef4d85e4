package dev.partneraccess.core.policy;

import static dev.partneraccess.core.policy.PolicyFields.allowOnly;
import static dev.partneraccess.core.policy.PolicyFields.object;
import static dev.partneraccess.core.policy.PolicyFields.requiredInt;
import static dev.partneraccess.core.policy.PolicyFields.requiredText;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.partneraccess.core.support.Refusal;

/**
 * The {@code content} section: {@code {"kinds":[{"name","stages":[..],"maxReleaseDays"}]}}, the kinds of partner
 * content and the review chain each needs before a release. A kind without stages is self-service (released on
 * submit, still time-bound and evidenced). A content package belongs to no partner, so the partner's business owner
 * ({@code owner}) cannot decide one of its stages. The section is read from the stored document by {@link #kinds},
 * after this class validated it.
 */
public final class ContentRules {

    /** A kind of content: its review stages in order, and the most days a release of it may last. */
    public record Kind(String name, List<String> stages, int maxReleaseDays) {
    }

    private static final Set<String> FIELDS = Set.of("kinds");
    private static final Set<String> KIND_FIELDS = Set.of("name", "stages", "maxReleaseDays");

    private ContentRules() {
    }

    static List<Kind> kinds(JsonNode node, Map<String, Policy.Stage> stages) {
        List<Kind> kinds = new ArrayList<>();
        if (node == null || node.isNull()) {
            return kinds;
        }
        object(node, "content");
        allowOnly(node, FIELDS, "content.");
        JsonNode list = node.get("kinds");
        if (list == null || !list.isArray()) {
            throw Refusal.invalid("content.kinds", "'content.kinds' must be an array of content kinds.");
        }
        for (int i = 0; i < list.size(); i++) {
            String path = "content.kinds[" + i + "]";
            JsonNode entry = object(list.get(i), path);
            allowOnly(entry, KIND_FIELDS, path + ".");
            String name = requiredText(entry, "name", path + ".name", 64);
            if (kinds.stream().anyMatch(k -> k.name().equals(name))) {
                throw Refusal.invalid(path + ".name", "'content.kinds' names kind '" + name + "' twice.");
            }
            List<String> kindStages = StageRules.stageList(entry.get("stages"), path + ".stages", stages, true);
            if (kindStages.contains("owner")) {
                throw Refusal.invalid(path + ".stages", "A content package belongs to no partner, so stage 'owner'"
                        + " (the partner's business owner) cannot review it.");
            }
            int maxReleaseDays = requiredInt(entry, "maxReleaseDays", path + ".maxReleaseDays", 1, PolicyFields.MAX_DAYS);
            kinds.add(new Kind(name, List.copyOf(kindStages), maxReleaseDays));
        }
        return kinds;
    }

    /** The content kinds of a validated policy. */
    public static List<Kind> kinds(Policy policy) {
        return kinds(policy.document().get("content"), policy.stages());
    }

    public static Optional<Kind> kind(Policy policy, String name) {
        return kinds(policy).stream().filter(k -> k.name().equals(name)).findFirst();
    }
}
