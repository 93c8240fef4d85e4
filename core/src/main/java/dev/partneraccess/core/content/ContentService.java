package dev.partneraccess.core.content;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.keycloak.authorization.model.Resource;
import org.keycloak.authorization.model.ResourceServer;
import org.keycloak.common.util.Time;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.access.AccessRequest;
import dev.partneraccess.core.access.RequestService;
import dev.partneraccess.core.evidence.EvidenceLedger;
import dev.partneraccess.core.evidence.EvidenceType;
import dev.partneraccess.core.jpa.ContentStore;
import dev.partneraccess.core.partner.Partner;
import dev.partneraccess.core.partner.PartnerDirectory;
import dev.partneraccess.core.policy.ContentRules;
import dev.partneraccess.core.policy.Policy;
import dev.partneraccess.core.policy.StoredPolicy;
import dev.partneraccess.core.spi.PartnerAccessProvider;
import dev.partneraccess.core.support.Actor;
import dev.partneraccess.core.support.Json;
import dev.partneraccess.core.support.Paging;
import dev.partneraccess.core.support.Refusal;

/**
 * Content release: a package is created as DRAFT with its Authorization Services resource
 * ({@link ContentAuthorization}), submitted into the one approval engine as a {@code CONTENT_RELEASE} request, released
 * for its days at the last approval, withdrawn by an admin or with its base, and expired by the sweep. Keycloak then
 * decides who may view it through the {@code partner-access-content} policy ({@link ContentAccess}). Every change
 * writes its evidence in the same transaction; rows are locked before the evidence chain, a base before its
 * adaptations, a request before its package.
 */
public final class ContentService {

    public static final String DRAFT = "DRAFT";
    public static final String IN_REVIEW = ContentStore.IN_REVIEW;
    public static final String RELEASED = ContentStore.RELEASED;
    public static final String WITHDRAWN = "WITHDRAWN";
    public static final String EXPIRED = "EXPIRED";
    public static final String REJECTED = "REJECTED";
    public static final List<String> STATUSES = List.of(DRAFT, IN_REVIEW, RELEASED, WITHDRAWN, EXPIRED, REJECTED);
    public static final int NAME_MAX = 200;
    public static final int URI_MAX = 2000;
    public static final int REGION_MAX = 64;
    public static final int REGIONS_MAX = 20;
    public static final int REASON_MAX = 2000;
    private static final long DAY = TimeUnit.DAYS.toMillis(1);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final PartnerAccessProvider access;
    private final ContentStore store;
    private final EvidenceLedger ledger;
    private final ContentAuthorization authorization;
    private final ContentReleaseCache releases;

    /** Built by {@link PartnerAccessProvider#contents(RealmModel)}, once per session and realm. */
    public ContentService(KeycloakSession session, RealmModel realm, PartnerAccessProvider access, ContentStore store,
                          ContentReleaseCache releases) {
        this.session = session;
        this.releases = releases;
        this.realm = realm;
        this.access = access;
        this.store = store;
        this.ledger = access.ledger();
        this.authorization = new ContentAuthorization(session, realm);
    }

    private Policy policy() {
        return access.policies().current(realm).map(StoredPolicy::policy).orElseThrow(() -> Refusal.conflict("policy",
                "This realm has no partner access policy."));
    }

    // ---- creating -------------------------------------------------------------------------------------------

    public ContentPackage create(NewContent input, Actor actor) {
        Policy policy = policy();
        ContentRules.Kind kind = ContentRules.kind(policy, input.kind()).orElseThrow(() -> Refusal.invalid("kind",
                "Unknown content kind '" + input.kind() + "'; the policy's kinds: " + String.join(", ",
                        ContentRules.kinds(policy).stream().map(ContentRules.Kind::name).toList()) + "."));
        if (input.days() > kind.maxReleaseDays()) {
            throw Refusal.invalid("days", "'days' may be at most " + kind.maxReleaseDays() + " for content of kind '"
                    + kind.name() + "'.");
        }
        if (policy.tier(input.minTier()).isEmpty()) {
            throw Refusal.invalid("minTier", "Unknown tier '" + input.minTier() + "'.");
        }
        UserModel owner = session.users().getUserById(realm, input.owner());
        if (owner == null) {
            throw Refusal.invalid("owner", "The owner '" + input.owner() + "' is no user of this realm.");
        }
        ClientModel client = realm.getClientByClientId(input.clientId());
        if (client == null) {
            throw Refusal.invalid("client", "No client '" + input.clientId() + "' in this realm.");
        }
        ResourceServer server = authorization.resourceServer(client);
        if (input.baseId() != null) {
            ContentModel base = store.find(input.baseId()).orElseThrow(() -> Refusal.invalid("baseId",
                    "No content package '" + input.baseId() + "' in this realm."));
            if (base.getBaseId() != null) {
                throw Refusal.invalid("baseId", "Package '" + base.getName() + "' is itself an adaptation; adapt its base '"
                        + base.getBaseId() + "' instead.");
            }
            List<String> outside = outside(input.regions(), base.getRegions());
            if (!outside.isEmpty()) {
                throw Refusal.invalid("regions", "A local adaptation's regions must be within its base's ("
                        + String.join(", ", base.getRegions()) + "); not: " + String.join(", ", outside) + ".");
            }
        }
        if (store.nameTaken(client.getId(), input.name())) {
            throw Refusal.conflict("name", "Client '" + client.getClientId() + "' already holds a content package named '"
                    + input.name() + "'.");
        }
        authorization.requireFreeName(server, input.name());

        ledger.lock(realm.getId());
        ContentModel content = store.newContent();
        content.setId(UUID.randomUUID().toString());
        content.setRealmId(realm.getId());
        content.setName(input.name());
        content.setKind(kind.name());
        content.setClientId(client.getClientId());
        content.setClientUuid(client.getId());
        content.setUri(input.uri());
        content.setOwner(owner.getId());
        content.setMinTier(input.minTier());
        content.setRegions(input.regions());
        content.setDays(input.days());
        content.setBaseId(input.baseId());
        content.setStatus(DRAFT);
        content.setCreatedAt(Time.currentTimeMillis());
        content.setCreatedBy(actor.recorded());
        content.setResourceId(authorization.create(server, content.getId(), input.name(), input.uri()));
        store.persist(content);

        ObjectNode details = details(content);
        details.put("uri", content.getUri());
        details.put("owner", content.getOwner());
        details.put("days", content.getDays());
        details.put("resourceId", content.getResourceId());
        ledger.append(realm.getId(), EvidenceType.CONTENT_CREATED, actor, content.getId(), null, details);
        return store.answer(content);
    }

    private static List<String> outside(List<String> regions, List<String> allowed) {
        List<String> lower = allowed.stream().map(r -> r.toLowerCase(Locale.ROOT)).toList();
        return regions.stream().filter(r -> !lower.contains(r.toLowerCase(Locale.ROOT))).toList();
    }

    // ---- the review -----------------------------------------------------------------------------------------

    /**
     * Submits a DRAFT package: opens its CONTENT_RELEASE request through the approval engine. An adaptation only while
     * its base is RELEASED. A kind without stages is released at once.
     */
    public ContentPackage submit(String id, Actor actor) {
        ContentModel content = locked(id);
        if (!DRAFT.equals(content.getStatus())) {
            throw Refusal.conflict("status", "Package '" + content.getName() + "' is " + content.getStatus()
                    + (content.getRequestId() == null ? "" : " (request '" + content.getRequestId() + "')")
                    + "; only a DRAFT package can be submitted.");
        }
        String baseRefusal = baseRefusal(content);
        if (baseRefusal != null) {
            throw Refusal.conflict("baseId", baseRefusal);
        }
        UserModel owner = session.users().getUserById(realm, content.getOwner());
        if (owner == null) {
            throw Refusal.conflict("owner", "The package's owner no longer exists; create the package anew.");
        }
        ContentRules.Kind kind = ContentRules.kind(policy(), content.getKind()).orElseThrow(() -> Refusal.conflict("kind",
                "The current policy has no content kind '" + content.getKind() + "'."));
        if (content.getDays() > kind.maxReleaseDays()) {
            throw Refusal.conflict("days", "The current policy allows at most " + kind.maxReleaseDays()
                    + " days for content of kind '" + kind.name() + "'; the package asks for " + content.getDays() + ".");
        }
        ledger.lock(realm.getId());
        status(content, IN_REVIEW);
        content.setEndedAt(null);
        content.setEndReason(null);
        ObjectNode details = details(content);
        details.put("days", content.getDays());
        ledger.append(realm.getId(), EvidenceType.CONTENT_SUBMITTED, actor, content.getId(), null, details);
        AccessRequest request = access.requests(realm).openContentRelease(store.answer(content), owner, actor);
        content.setRequestId(request.id());
        return store.answer(content);
    }

    /** Why an adaptation may not be released now (its base is not RELEASED), or null. */
    private String baseRefusal(ContentModel content) {
        if (content.getBaseId() == null) {
            return null;
        }
        Optional<ContentModel> base = store.find(content.getBaseId());
        if (base.isEmpty() || !RELEASED.equals(base.get().getStatus())
                || base.get().getExpiresAt() == null || base.get().getExpiresAt() <= Time.currentTimeMillis()) {
            return "A local adaptation is released only after its base: base package '" + content.getBaseId() + "' is "
                    + base.map(ContentModel::getStatus).orElse("gone") + ", not RELEASED.";
        }
        return null;
    }

    /** Locks, at a decision on its release request, the package the decision may release. */
    public void lockForReview(String id) {
        store.lock(id);
    }

    /** What no longer allows releasing the package at its last approval, or null. */
    public String recheck(String id) {
        Optional<ContentModel> found = store.lock(id);
        if (found.isEmpty()) {
            return "the content package no longer exists.";
        }
        ContentModel content = found.get();
        if (!IN_REVIEW.equals(content.getStatus())) {
            return "the package is " + content.getStatus() + ".";
        }
        String base = baseRefusal(content);
        if (base != null) {
            return base;
        }
        Optional<ContentRules.Kind> kind = access.policies().current(realm).flatMap(p -> ContentRules.kind(p.policy(), content.getKind()));
        if (kind.isEmpty()) {
            return "the current policy has no content kind '" + content.getKind() + "'.";
        }
        if (content.getDays() > kind.get().maxReleaseDays()) {
            return "the current policy allows at most " + kind.get().maxReleaseDays() + " days for kind '"
                    + content.getKind() + "'.";
        }
        return null;
    }

    /** The last approval (or the submission of a self-service kind): released for the package's days from now. */
    public void release(String id, String requestId, Actor actor) {
        ContentModel content = locked(id);
        long now = Time.currentTimeMillis();
        content.setRequestId(requestId);
        content.setReleasedAt(now);
        content.setExpiresAt(now + content.getDays() * DAY);
        status(content, RELEASED);
        ObjectNode details = details(content);
        details.put("requestId", requestId);
        details.put("releasedAt", Json.isoTime(now));
        details.put("expiresAt", Json.isoTime(content.getExpiresAt()));
        ledger.append(realm.getId(), EvidenceType.CONTENT_RELEASED, actor, content.getId(), null, details);
    }

    /**
     * The release request ended without approval: rejected packages are REJECTED; a cancelled or timed-out review
     * returns the package to DRAFT, to be submitted again. The request's own evidence records why.
     */
    public void reviewEnded(String id, String requestStatus, Actor actor) {
        store.lock(id).filter(c -> IN_REVIEW.equals(c.getStatus())).ifPresent(content -> {
            boolean rejected = RequestService.REJECTED.equals(requestStatus);
            status(content, rejected ? REJECTED : DRAFT);
            content.setEndedAt(rejected ? Time.currentTimeMillis() : null);
            content.setEndReason(rejected ? "review rejected" : null);
        });
    }

    // ---- ending a release -----------------------------------------------------------------------------------

    /** Withdraws a RELEASED package, and with it its released adaptations; the next decision request is refused. */
    public ContentPackage withdraw(String id, String reason, Actor actor) {
        ContentModel content = locked(id);
        if (!RELEASED.equals(content.getStatus())) {
            throw Refusal.conflict("status", "Package '" + content.getName() + "' is " + content.getStatus()
                    + "; only a RELEASED package can be withdrawn" + (IN_REVIEW.equals(content.getStatus())
                    ? " (cancel its request '" + content.getRequestId() + "' to stop its review)." : "."));
        }
        List<ContentModel> adaptations = store.lockReleasedAdaptations(content.getId());
        ledger.lock(realm.getId());
        end(content, WITHDRAWN, EvidenceType.CONTENT_WITHDRAWN, reason, null, actor);
        for (ContentModel adaptation : adaptations) {
            end(adaptation, WITHDRAWN, EvidenceType.CONTENT_WITHDRAWN, "withdrawn with its base", content.getId(), actor);
        }
        return store.answer(content);
    }

    /**
     * One batch of the sweep: at most {@code max} released packages past their end become EXPIRED, each re-checked
     * under its row lock; answers how many were found due.
     */
    public int expireDue(long now, int max) {
        List<String> due = store.expiryCandidates(now, max);
        List<ContentModel> rows = store.lockAll(due);
        if (!rows.isEmpty()) {
            ledger.lock(realm.getId());
        }
        rows.forEach(content -> expire(content, now));
        return due.size();
    }

    /** One batch of the sweep: released adaptations whose base is no longer released are withdrawn. */
    public int withdrawOrphans(int max) {
        List<String> due = store.orphanCandidates(max);
        List<ContentModel> rows = store.lockAll(due);
        if (!rows.isEmpty()) {
            ledger.lock(realm.getId());
        }
        rows.forEach(this::withdrawOrphan);
        return due.size();
    }

    private boolean expire(ContentModel content, long now) {
        if (!RELEASED.equals(content.getStatus()) || content.getExpiresAt() == null || content.getExpiresAt() > now) {
            return false;
        }
        end(content, EXPIRED, EvidenceType.CONTENT_EXPIRED, "release ended", null, Actor.SYSTEM);
        return true;
    }

    private boolean withdrawOrphan(ContentModel adaptation) {
        if (!RELEASED.equals(adaptation.getStatus()) || adaptation.getBaseId() == null) {
            return false;
        }
        Optional<ContentModel> base = store.find(adaptation.getBaseId());
        if (base.isPresent() && RELEASED.equals(base.get().getStatus())) {
            return false;
        }
        end(adaptation, WITHDRAWN, EvidenceType.CONTENT_WITHDRAWN, "base no longer released ("
                + base.map(ContentModel::getStatus).orElse("gone") + ")", adaptation.getBaseId(), Actor.SYSTEM);
        return true;
    }

    private void end(ContentModel content, String status, EvidenceType type, String reason, String withBase, Actor actor) {
        long now = Time.currentTimeMillis();
        status(content, status);
        content.setEndedAt(now);
        content.setEndReason(reason);
        ObjectNode details = details(content);
        details.put("reason", reason);
        if (withBase != null) {
            details.put("withBase", withBase);
        }
        details.put("releasedAt", content.getReleasedAt() == null ? null : Json.isoTime(content.getReleasedAt()));
        details.put("expiresAt", content.getExpiresAt() == null ? null : Json.isoTime(content.getExpiresAt()));
        ledger.append(realm.getId(), type, actor, content.getId(), null, details);
    }

    /**
     * The one way a package's status changes after its creation: with it, its resource gets a new stamp, so no node
     * decides on a release it kept from before ({@link ContentReleaseCache}).
     */
    private void status(ContentModel content, String status) {
        content.setStatus(status);
        authorization.stamp(content.getClientUuid(), content.getResourceId());
    }

    // ---- reading --------------------------------------------------------------------------------------------

    public ContentPackage get(String id) {
        return store.find(id).map(store::answer).orElseThrow(() -> Refusal.notFound("No content package '" + id + "' in this realm."));
    }

    public List<ContentPackage> list(String status, String kind, String clientId, Paging paging) {
        if (status != null && !STATUSES.contains(status)) {
            throw Refusal.invalid("status", "'status' must be one of " + String.join(", ", STATUSES) + ".");
        }
        return store.list(status, kind, clientId, paging);
    }

    /** The released packages the user may view now, as the {@code partner-access-content} policy decides. */
    public List<ContentPackage> viewableBy(UserModel user, int max) {
        Optional<Partner> partner = PartnerDirectory.partnerOf(session, realm, user);
        Optional<StoredPolicy> policy = access.policies().current(realm);
        if (partner.isEmpty() || policy.isEmpty()) {
            return List.of();
        }
        long now = Time.currentTimeMillis();
        List<ContentPackage> viewable = new ArrayList<>();
        for (ContentPackage content : store.released(now, 1000)) {
            if (viewable.size() < max && ContentAccess.mayView(content, partner.get(), policy.get().policy(), now)) {
                viewable.add(content);
            }
        }
        return viewable;
    }

    /**
     * The decision of the policy provider: may this user view the package standing for this resource now? The package
     * comes from the node's release cache while the resource's stamp is the one it was read under.
     */
    public boolean mayView(String userId, Resource resource) {
        Optional<ContentPackage> content = releases.get(realm.getId(), resource.getId(),
                resource.getSingleAttribute(ContentReleaseCache.STAMP_ATTRIBUTE), () -> store.byResource(resource.getId()));
        if (content.isEmpty() || userId == null) {
            return false;
        }
        UserModel user = session.users().getUserById(realm, userId);
        Optional<StoredPolicy> policy = access.policies().current(realm);
        if (user == null || policy.isEmpty()) {
            return false;
        }
        return ContentAccess.mayView(content.get(), PartnerDirectory.partnerOf(session, realm, user).orElse(null),
                policy.get().policy(), Time.currentTimeMillis());
    }

    /** The report's figures: released, in review, and releases ending within seven days. */
    public long[] figures() {
        long now = Time.currentTimeMillis();
        return new long[] {store.count(RELEASED), store.count(IN_REVIEW), store.releasedEndingBy(now, now + 7 * DAY)};
    }

    private ContentModel locked(String id) {
        return store.lock(id).orElseThrow(() -> Refusal.notFound("No content package '" + id + "' in this realm."));
    }

    private static ObjectNode details(ContentModel content) {
        ObjectNode details = Json.object();
        details.put("name", content.getName());
        details.put("kind", content.getKind());
        details.put("client", content.getClientId());
        details.put("minTier", content.getMinTier());
        ArrayNode regions = details.putArray("regions");
        content.getRegions().forEach(regions::add);
        details.put("baseId", content.getBaseId());
        return details;
    }
}
