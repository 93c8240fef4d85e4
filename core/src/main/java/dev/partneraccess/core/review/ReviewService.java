package dev.partneraccess.core.review;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.access.GovernedRoles;
import dev.partneraccess.core.access.Grant;
import dev.partneraccess.core.access.GrantService;
import dev.partneraccess.core.access.StageSelection;
import dev.partneraccess.core.evidence.EvidenceLedger;
import dev.partneraccess.core.evidence.EvidenceType;
import dev.partneraccess.core.jpa.LastLoginStore;
import dev.partneraccess.core.jpa.ReviewStore;
import dev.partneraccess.core.jpa.ReviewStore.ActiveGrant;
import dev.partneraccess.core.partner.Partner;
import dev.partneraccess.core.partner.PartnerDirectory;
import dev.partneraccess.core.policy.Policy;
import dev.partneraccess.core.policy.StoredPolicy;
import dev.partneraccess.core.spi.PartnerAccessProvider;
import dev.partneraccess.core.support.Actor;
import dev.partneraccess.core.support.Json;
import dev.partneraccess.core.support.Paging;
import dev.partneraccess.core.support.Refusal;
import dev.partneraccess.core.support.TextRules;

/**
 * Access reviews (recertification) of one realm: a review snapshots the active grants in its scope as items, each
 * with the users who may decide it; reviewers keep or revoke their items; closing applies every decision at once,
 * revoking through the grant service, and undecided items take the review's default decision.
 */
public final class ReviewService {

    public static final String OPEN = ReviewStore.OPEN;
    public static final String CLOSED = ReviewStore.CLOSED;
    public static final String KEEP = "keep";
    public static final String REVOKE = "revoke";
    public static final String OWNER = "owner";
    public static final String APPROVERS = "approvers";
    public static final int DAYS_MIN = 1;
    public static final int DAYS_MAX = 365;
    public static final int NAME_MAX = 255;
    public static final int JUSTIFICATION_MAX = 2000;
    /** At most this many holders of one approver role become reviewers of an item. */
    static final int MAX_ROLE_REVIEWERS = 1000;
    /** Items read at a time while closing. */
    static final int CLOSE_BATCH = 500;
    private static final long DAY = TimeUnit.DAYS.toMillis(1);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final PartnerAccessProvider access;
    private final EvidenceLedger ledger;
    private final ReviewStore store;
    private final LastLoginStore logins;

    /** Built by {@link PartnerAccessProvider#reviews(RealmModel)}, once per session and realm. */
    public ReviewService(KeycloakSession session, RealmModel realm, PartnerAccessProvider access) {
        this.session = session;
        this.realm = realm;
        this.access = access;
        this.ledger = access.ledger();
        this.store = new ReviewStore(session);
        this.logins = access.lastLogins();
    }

    /**
     * Starts a review: checks the reviewer rule, snapshots every ACTIVE grant in scope with its reviewers and records
     * {@code REVIEW_STARTED}, all in this transaction. A scope that matches no active grant is refused and nothing is
     * written.
     */
    public Review create(NewReview input, Actor actor) {
        ReviewScope scope = input.scope();
        String reviewer = input.reviewer();
        if (!OWNER.equals(reviewer) && !APPROVERS.equals(reviewer)
                && (!TextRules.plausibleId(reviewer) || session.users().getUserById(realm, reviewer) == null)) {
            throw Refusal.invalid("reviewer", "'reviewer' must be 'owner', 'approvers' or the id of a user of this realm;"
                    + " there is no user '" + reviewer + "'.");
        }
        if (input.days() < DAYS_MIN || input.days() > DAYS_MAX) {
            throw Refusal.invalid("days", "'days' must be between " + DAYS_MIN + " and " + DAYS_MAX + ".");
        }
        if (!KEEP.equals(input.defaultDecision()) && !REVOKE.equals(input.defaultDecision())) {
            throw Refusal.invalid("defaultDecision", "'defaultDecision' must be 'keep' or 'revoke'.");
        }
        Map<String, Optional<Partner>> partners = new HashMap<>();
        List<ActiveGrant> grants = new ArrayList<>();
        for (ActiveGrant grant : store.activeGrants(realm.getId(), scope.partner(), scope.role(), scope.client(),
                scope.serviceAccounts())) {
            Optional<Partner> partner = partners.computeIfAbsent(grant.partnerId(),
                    id -> PartnerDirectory.byId(session, realm, id));
            if (scope.tier() != null && !partner.map(p -> scope.tier().equalsIgnoreCase(p.tier())).orElse(false)) {
                continue;
            }
            if (scope.region() != null && !partner.map(p -> scope.region().equalsIgnoreCase(p.region())).orElse(false)) {
                continue;
            }
            grants.add(grant);
        }
        if (grants.isEmpty()) {
            throw Refusal.invalid("scope", "The scope " + scope.stored() + " matches no ACTIVE grant in this"
                    + " realm; nothing to review.");
        }
        Policy policy = APPROVERS.equals(reviewer)
                ? access.policies().current(realm).map(StoredPolicy::policy).orElse(null) : null;
        long now = Time.currentTimeMillis();
        long dueAt = now + input.days() * DAY;
        String id = store.create(realm.getId(), input.name(), scope.stored(), reviewer,
                input.defaultDecision(), now, actor.recorded(), dueAt);
        Map<String, List<String>> roleHolders = new HashMap<>();
        List<ReviewStore.NewItem> items = new ArrayList<>();
        for (ActiveGrant grant : grants) {
            Partner partner = partners.get(grant.partnerId()).orElse(null);
            Set<String> reviewers = reviewers(reviewer, grant, partner, policy, roleHolders);
            // Nobody reviews their own access.
            reviewers.remove(grant.userId());
            items.add(new ReviewStore.NewItem(grant, reviewers));
        }
        store.addItems(realm.getId(), id, items);
        ObjectNode details = Json.object();
        details.put("name", input.name());
        details.set("scope", scope.toJson());
        details.put("reviewer", reviewer);
        details.put("days", input.days());
        details.put("dueAt", Json.isoTime(dueAt));
        details.put("defaultDecision", input.defaultDecision());
        details.put("items", grants.size());
        ledger.append(realm.getId(), EvidenceType.REVIEW_STARTED, actor, id, scope.partner(), details);
        return store.find(realm.getId(), id).orElseThrow();
    }

    /** Who may decide a grant's item under the review's reviewer rule. */
    private Set<String> reviewers(String rule, ActiveGrant grant, Partner partner, Policy policy,
                                  Map<String, List<String>> roleHolders) {
        Set<String> users = new LinkedHashSet<>();
        if (OWNER.equals(rule)) {
            if (partner != null && partner.businessOwner() != null) {
                users.add(partner.businessOwner());
            }
            return users;
        }
        if (!APPROVERS.equals(rule)) {
            users.add(rule);
            return users;
        }
        if (policy == null || partner == null) {
            return users;
        }
        Optional<Policy.Programme> programme = GovernedRoles.programme(policy, grant.roleName(), grant.clientId());
        if (programme.isEmpty()) {
            return users;
        }
        List<String> stages = StageSelection.forAccess(policy, programme.get(), grant.serviceAccount());
        for (String name : stages) {
            Policy.Stage stage = policy.stages().get(name);
            if (stage == null) {
                continue;
            }
            StageSelection.Decider decider;
            try {
                decider = StageSelection.decider(stage, partner, userId -> session.users().getUserById(realm, userId) != null);
            } catch (Refusal lacking) {
                // A partner without a business owner or a region has nobody for that stage; the others still review.
                continue;
            }
            if (decider.userId() != null) {
                users.add(decider.userId());
            } else {
                users.addAll(roleHolders.computeIfAbsent(decider.role(), this::holdersOf));
            }
        }
        return users;
    }

    /** The users holding the realm role of this lower-case name. */
    private List<String> holdersOf(String roleName) {
        List<String> ids = new ArrayList<>();
        session.roles().searchForRolesStream(realm, roleName, 0, 20)
                .filter(role -> role.getName().toLowerCase(Locale.ROOT).equals(roleName))
                .forEach((RoleModel role) -> session.users().getRoleMembersStream(realm, role, 0, MAX_ROLE_REVIEWERS)
                        .map(UserModel::getId).forEach(ids::add));
        return ids;
    }

    public Review get(String id) {
        return found(TextRules.plausibleId(id) ? store.find(realm.getId(), id) : Optional.empty(), id);
    }

    public List<Review> list(String status, Paging paging) {
        status = TextRules.filter("status", status);
        if (status != null && !OPEN.equals(status) && !CLOSED.equals(status)) {
            throw Refusal.invalid("status", "'status' must be one of OPEN, CLOSED.");
        }
        return store.list(realm.getId(), status, paging);
    }

    /**
     * A review's items with their recommendations. {@code decision} is {@code keep}, {@code revoke} or
     * {@code undecided}; {@code reviewerId} (null for all) keeps the items that user may decide, and with
     * {@code awaiting} only those still undecided.
     */
    public List<ReviewItem> items(String reviewId, String decision, String reviewerId, boolean awaiting, Paging paging) {
        Review review = get(reviewId);
        decision = TextRules.filter("decision", decision);
        if (decision != null && !KEEP.equals(decision) && !REVOKE.equals(decision) && !"undecided".equals(decision)) {
            throw Refusal.invalid("decision", "'decision' must be one of keep, revoke, undecided.");
        }
        boolean undecided = awaiting || "undecided".equals(decision);
        String decided = "undecided".equals(decision) ? null : decision;
        if (awaiting && decided != null) {
            return List.of();
        }
        return read(store.items(review.id(), decided, undecided, reviewerId, paging));
    }

    /** Adds the holders' usernames and the recommendations, read for the whole page at once. */
    private List<ReviewItem> read(List<ReviewItem> items) {
        long now = Time.currentTimeMillis();
        List<String> people = items.stream().filter(i -> !i.serviceAccount()).map(ReviewItem::userId).distinct().toList();
        List<String> accounts = items.stream().filter(ReviewItem::serviceAccount).map(ReviewItem::userId).distinct().toList();
        Map<String, Long> lastLogins = logins.lastLogins(realm.getId(), people);
        Map<String, Long> lastUse = store.serviceAccountLastUse(realm.getId(), accounts);
        Map<String, String> usernames = new HashMap<>();
        return items.stream().map(item -> {
            String username = usernames.computeIfAbsent(item.userId(), id -> {
                UserModel user = session.users().getUserById(realm, id);
                return user == null ? "" : user.getUsername();
            });
            Long lastSeen = item.serviceAccount() ? lastUse.get(item.userId()) : lastLogins.get(item.userId());
            return item.withReading(username.isEmpty() ? null : username,
                    Recommendation.of(item.serviceAccount(), lastSeen, item.grantedAt(), now));
        }).toList();
    }

    /**
     * A reviewer's decision on one item. The review row is locked first, then the item, the order closing takes them
     * in, so no decision lands on a review being closed.
     */
    public ReviewItem decide(String reviewId, String itemId, ItemDecision input, UserModel reviewer, Actor actor) {
        Review review = found(TextRules.plausibleId(reviewId) ? store.locked(realm.getId(), reviewId) : Optional.empty(), reviewId);
        ReviewItem item = (TextRules.plausibleId(itemId) ? store.lockedItem(review.id(), itemId) : Optional.<ReviewItem>empty())
                .orElseThrow(() -> Refusal.notFound("No item '" + itemId + "' in review '" + reviewId + "'."));
        if (item.userId().equals(reviewer.getId())) {
            throw Refusal.forbidden("Nobody reviews their own access: this item is your own grant.");
        }
        if (!item.reviewers().contains(reviewer.getId())) {
            throw Refusal.forbidden("You are not a reviewer of this item.");
        }
        if (CLOSED.equals(review.status())) {
            throw Refusal.conflict("status", "Review '" + review.id() + "' is CLOSED; it takes no more decisions.");
        }
        if (item.decision() != null) {
            throw Refusal.conflict("decision", "This item was already decided: " + item.decision() + ".");
        }
        if (!KEEP.equals(input.decision()) && !REVOKE.equals(input.decision())) {
            throw Refusal.invalid("decision", "'decision' must be 'keep' or 'revoke'.");
        }
        long now = Time.currentTimeMillis();
        store.decide(item.id(), input.decision(), false, actor.recorded(), now, input.justification());
        ObjectNode details = itemDetails(review, item);
        details.put("decision", input.decision());
        details.put("justification", input.justification());
        ledger.append(realm.getId(), EvidenceType.REVIEW_DECIDED, actor, item.id(), item.partnerId(), details);
        return read(store.lockedItem(review.id(), item.id()).map(List::of).orElseThrow()).get(0);
    }

    /** Closes an OPEN review by hand now; 409 when it is already closed. */
    public Review close(String id, Actor actor) {
        Review review = found(TextRules.plausibleId(id) ? store.locked(realm.getId(), id) : Optional.empty(), id);
        if (CLOSED.equals(review.status())) {
            throw Refusal.conflict("status", "Review '" + id + "' is already CLOSED.");
        }
        apply(review, actor);
        return store.find(realm.getId(), id).orElseThrow();
    }

    /**
     * Closes at most {@code limit} of the realm's OPEN reviews past their due date, each row locked and checked again
     * (another node may have closed it meanwhile), so running it twice changes nothing the second time. Answers how
     * many it closed.
     */
    public int closeDue(long now, int limit) {
        int closed = 0;
        for (String id : store.dueIds(realm.getId(), now, limit)) {
            Optional<Review> review = store.locked(realm.getId(), id);
            if (review.isPresent() && OPEN.equals(review.get().status()) && review.get().dueAt() <= now) {
                apply(review.get(), Actor.SYSTEM);
                closed++;
            }
        }
        return closed;
    }

    /** Applies every decision of a locked OPEN review, item by item in id order, then marks it CLOSED. */
    private void apply(Review review, Actor actor) {
        GrantService grants = access.grants(realm);
        long now = Time.currentTimeMillis();
        long kept = 0;
        long revoked = 0;
        long defaulted = 0;
        long skipped = 0;
        String after = null;
        List<ReviewItem> batch;
        do {
            batch = store.itemsAfter(review.id(), after, CLOSE_BATCH);
            for (ReviewItem item : batch) {
                after = item.id();
                String decision = item.decision();
                if (decision == null) {
                    decision = review.defaultDecision();
                    store.decide(item.id(), decision, true, Actor.SYSTEM.recorded(), now, null);
                    defaulted++;
                }
                if (KEEP.equals(decision)) {
                    kept++;
                    continue;
                }
                Grant grant = grants.get(item.grantId());
                if (!GrantService.ACTIVE.equals(grant.status())) {
                    // Ended meanwhile (expired, revoked, offboarded): nothing left to revoke.
                    skipped++;
                    continue;
                }
                grants.revoke(item.grantId(), "review " + review.id(), actor);
                revoked++;
            }
        } while (batch.size() == CLOSE_BATCH);
        store.close(review.id(), now);
        ObjectNode details = Json.object();
        details.put("name", review.name());
        details.put("kept", kept);
        details.put("revoked", revoked);
        details.put("defaulted", defaulted);
        details.put("skipped", skipped);
        details.put("defaultDecision", review.defaultDecision());
        ledger.append(realm.getId(), EvidenceType.REVIEW_CLOSED, actor, review.id(), review.scope().partner(), details);
    }

    private static ObjectNode itemDetails(Review review, ReviewItem item) {
        ObjectNode details = Json.object();
        details.put("reviewId", review.id());
        details.put("grantId", item.grantId());
        details.put("user", item.userId());
        details.put("role", item.roleName());
        details.put("client", item.clientId());
        return details;
    }

    private Review found(Optional<Review> review, String id) {
        return review.orElseThrow(() -> Refusal.notFound("No review '" + id + "' in this realm."));
    }
}
