package dev.partneraccess.core.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import dev.partneraccess.core.content.ContentPackage;
import dev.partneraccess.core.content.ContentService;
import dev.partneraccess.core.policy.ContentRules;
import dev.partneraccess.core.policy.Policy;
import dev.partneraccess.core.policy.StoredPolicy;
import dev.partneraccess.core.spi.PartnerAccessProvider;
import dev.partneraccess.core.support.Actor;
import dev.partneraccess.core.support.Refusal;

/**
 * The release of a content package ({@link ContentService}): the stages of its kind, where {@code regional} stands for
 * one regional stage per region of the package, and for a local adaptation a regional stage for each of its regions
 * even when the kind has none. The request belongs to no partner; its beneficiary is the package's owner (who may
 * therefore decide none of its stages), its "role" {@link RequestService#CONTENT} with the package's id, its client
 * the resource server's. The last approval releases the package; a rejection, cancellation or time-out ends its
 * review.
 */
final class ContentReleaseKind implements RequestKind {

    static final String REGIONAL = "regional";

    private final RealmModel realm;
    private final PartnerAccessProvider access;

    ContentReleaseKind(RealmModel realm, PartnerAccessProvider access) {
        this.realm = realm;
        this.access = access;
    }

    private ContentService contents() {
        return access.contents(realm);
    }

    RequestOpening.Draft draft(ContentPackage content, UserModel owner) {
        StoredPolicy stored = access.policies().current(realm).orElseThrow(() -> Refusal.conflict("policy",
                "This realm has no partner access policy."));
        ContentRules.Kind kind = ContentRules.kind(stored.policy(), content.kind()).orElseThrow(() -> Refusal.conflict("kind",
                "The current policy has no content kind '" + content.kind() + "'."));
        List<Policy.Stage> stages = stages(kind.stages(), stored.policy().stages(), content.regions(), content.baseId() != null);
        List<String> names = stages.stream().map(Policy.Stage::name).toList();
        String purpose = "Release of content package '" + content.name() + "' (" + content.kind() + ") to tier '"
                + content.minTier() + "' and above in " + String.join(", ", content.regions()) + " for "
                + content.days() + " days" + (content.baseId() == null ? "" : ", a local adaptation of package '"
                + content.baseId() + "'") + ".";
        return new RequestOpening.Draft(this, RequestService.TYPE_CONTENT_RELEASE, owner, null, content.id(),
                RequestService.CONTENT, content.clientId(), purpose, content.days(), kind.maxReleaseDays(), stored,
                names, stages, "content", "content package '" + content.name() + "'",
                () -> {
                },
                request -> {
                },
                details -> {
                    details.put("content", content.id());
                    details.put("name", content.name());
                    details.put("kind", content.kind());
                    details.put("minTier", content.minTier());
                    com.fasterxml.jackson.databind.node.ArrayNode regions = details.putArray("regions");
                    content.regions().forEach(regions::add);
                    details.put("baseId", content.baseId());
                });
    }

    /**
     * A package's stages in decision order: its kind's, each {@code regional} one stage per region (decided by the
     * holders of the regional prefix plus that region), then for an adaptation a regional stage for each region not yet
     * there. Refused when a regional stage is needed and the policy defines none.
     */
    static List<Policy.Stage> stages(List<String> kindStages, Map<String, Policy.Stage> definitions, List<String> regions,
                                     boolean adaptation) {
        List<Policy.Stage> stages = new ArrayList<>();
        boolean regional = false;
        for (String name : kindStages) {
            if (REGIONAL.equals(name)) {
                regional = true;
                stages.addAll(regional(definitions, regions));
            } else {
                stages.add(definitions.get(name));
            }
        }
        if (adaptation && !regional) {
            stages.addAll(regional(definitions, regions));
        }
        return stages;
    }

    private static List<Policy.Stage> regional(Map<String, Policy.Stage> definitions, List<String> regions) {
        Policy.Stage definition = definitions.get(REGIONAL);
        if (definition == null || definition.approverRolePrefix() == null) {
            throw Refusal.conflict("stages", "A local adaptation is reviewed in a regional stage per region, and the"
                    + " policy defines no 'regional' stage with an 'approverRolePrefix'.");
        }
        return regions.stream().map(region -> new Policy.Stage(REGIONAL, definition.approverRolePrefix() + region, null, false))
                .toList();
    }

    /** The package the completion releases, locked after the request: the lock order everywhere. */
    @Override
    public void lockSubject(RequestModel request) {
        contents().lockForReview(request.getRoleId());
    }

    @Override
    public String recheck(RequestModel request) {
        return contents().recheck(request.getRoleId());
    }

    @Override
    public void complete(RequestModel request, Actor actor) {
        contents().release(request.getRoleId(), request.getId(), actor);
    }

    @Override
    public void ended(RequestModel request, String status, Actor actor) {
        contents().reviewEnded(request.getRoleId(), status, actor);
    }
}
