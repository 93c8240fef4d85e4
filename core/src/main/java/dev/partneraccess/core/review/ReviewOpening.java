package dev.partneraccess.core.review;

import static dev.partneraccess.core.review.ReviewService.APPROVERS;
import static dev.partneraccess.core.review.ReviewService.DAYS_MAX;
import static dev.partneraccess.core.review.ReviewService.DAYS_MIN;
import static dev.partneraccess.core.review.ReviewService.KEEP;
import static dev.partneraccess.core.review.ReviewService.OWNER;
import static dev.partneraccess.core.review.ReviewService.REVOKE;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.access.GovernedRoles;
import dev.partneraccess.core.access.RoleHolders;
import dev.partneraccess.core.access.StageSelection;
import dev.partneraccess.core.evidence.EvidenceLedger;
import dev.partneraccess.core.evidence.EvidenceType;
import dev.partneraccess.core.jpa.ReviewStore;
import dev.partneraccess.core.jpa.ReviewStore.ActiveGrant;
import dev.partneraccess.core.partner.Partner;
import dev.partneraccess.core.partner.PartnerDirectory;
import dev.partneraccess.core.policy.Policy;
import dev.partneraccess.core.policy.StoredPolicy;
import dev.partneraccess.core.spi.PartnerAccessProvider;
import dev.partneraccess.core.support.Actor;
import dev.partneraccess.core.support.Json;
import dev.partneraccess.core.support.Refusal;
import dev.partneraccess.core.support.TextRules;

/**
 * Starts reviews: checks the reviewer rule, snapshots every ACTIVE grant in scope with its reviewers, records
 * {@code REVIEW_STARTED} and mails the reviewers after the commit; by an admin, or by the sweep from the policy's
 * {@code reviewSchedule}, once per schedule and period.
 */
final class ReviewOpening {

    /** At most this many holders of one approver role become reviewers of an item. */
    static final int MAX_ROLE_REVIEWERS = 1000;
    private static final long DAY = TimeUnit.DAYS.toMillis(1);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final PartnerAccessProvider access;
    private final EvidenceLedger ledger;
    private final ReviewStore store;

    ReviewOpening(KeycloakSession session, RealmModel realm, PartnerAccessProvider access, ReviewStore store) {
        this.session = session;
        this.realm = realm;
        this.access = access;
        this.ledger = access.ledger();
        this.store = store;
    }

    /** A review by hand: a scope that matches no active grant is refused and nothing is written. */
    Review create(NewReview input, Actor actor) {
        return open(input, actor, null, null).orElseThrow(() -> Refusal.invalid("scope", "The scope "
                + input.scope().stored() + " matches no ACTIVE grant in this realm; nothing to review."));
    }

    /**
     * The schedule's review of the period {@code periodKey}, unless it was started already (checked first, the
     * schedule's rows locked; the unique key catches a second node in the very first period) or its scope matches
     * no active grant, which starts nothing and is no error.
     */
    Optional<Review> startScheduled(Policy.ReviewSchedule schedule, String periodKey, String name) {
        if (store.periodStarted(realm.getId(), schedule.name(), periodKey)) {
            return Optional.empty();
        }
        ReviewScope scope = new ReviewScope(schedule.partner(), schedule.tier(), schedule.region(), schedule.role(),
                schedule.client(), schedule.serviceAccounts());
        return open(new NewReview(name, scope, schedule.reviewer(), schedule.days(), schedule.defaultDecision()),
                Actor.SYSTEM, schedule.name(), periodKey);
    }

    private Optional<Review> open(NewReview input, Actor actor, String scheduleName, String periodKey) {
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
            return Optional.empty();
        }
        Policy policy = APPROVERS.equals(reviewer)
                ? access.policies().current(realm).map(StoredPolicy::policy).orElse(null) : null;
        long now = Time.currentTimeMillis();
        long dueAt = now + input.days() * DAY;
        String id = store.create(realm.getId(), input.name(), scope.stored(), reviewer,
                input.defaultDecision(), now, actor.recorded(), dueAt, scheduleName, periodKey);
        Map<String, List<String>> roleHolders = new HashMap<>();
        List<ReviewStore.NewItem> items = new ArrayList<>();
        Set<String> everyReviewer = new LinkedHashSet<>();
        for (ActiveGrant grant : grants) {
            Partner partner = partners.get(grant.partnerId()).orElse(null);
            Set<String> reviewers = reviewers(reviewer, grant, partner, policy, roleHolders);
            // Nobody reviews their own access, nor that of a service account they own.
            reviewers.remove(grant.userId());
            if (grant.owner() != null) {
                reviewers.remove(grant.owner());
            }
            everyReviewer.addAll(reviewers);
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
        if (scheduleName != null) {
            details.put("schedule", scheduleName);
            details.put("period", periodKey);
        }
        ledger.append(realm.getId(), EvidenceType.REVIEW_STARTED, actor, id, scope.partner(), details);
        Review review = store.find(realm.getId(), id).orElseThrow();
        new ReviewNotifier(session, realm).started(review, everyReviewer);
        return Optional.of(review);
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

    /** The users holding the realm role of this lower-case name, however they hold it. */
    private List<String> holdersOf(String roleName) {
        return List.copyOf(new RoleHolders(session, realm).of(roleName, MAX_ROLE_REVIEWERS).keySet());
    }
}
