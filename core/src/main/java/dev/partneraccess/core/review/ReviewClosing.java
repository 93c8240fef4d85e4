package dev.partneraccess.core.review;

import static dev.partneraccess.core.review.ReviewService.CLOSED;
import static dev.partneraccess.core.review.ReviewService.KEEP;
import static dev.partneraccess.core.review.ReviewService.OPEN;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.access.GrantService;
import dev.partneraccess.core.evidence.EvidenceLedger;
import dev.partneraccess.core.evidence.EvidenceType;
import dev.partneraccess.core.jpa.ReviewStore;
import dev.partneraccess.core.spi.PartnerAccessProvider;
import dev.partneraccess.core.support.Actor;
import dev.partneraccess.core.support.Json;
import dev.partneraccess.core.support.Refusal;
import dev.partneraccess.core.support.TextRules;

/**
 * Closes reviews: every item's decision is applied (an undecided one takes the review's default and reads as
 * defaulted; {@code revoke} revokes the grant through the usual revocation, done for the whole batch at once), in
 * batches of {@value #BATCH} items, each batch in a transaction of its own with the review row locked and re-checked.
 * Each item records what closing did with it, so a re-run after a crash applies the rest and repeats nothing; the
 * batch that finds nothing more to apply marks the review CLOSED and writes {@code REVIEW_CLOSED} once.
 */
final class ReviewClosing {

    private static final Logger LOG = Logger.getLogger(ReviewClosing.class);

    /** Items applied per transaction. */
    static final int BATCH = 500;
    static final String KEPT = "kept";
    static final String REVOKED = "revoked";
    static final String SKIPPED = "skipped";

    /** What one batch found. */
    enum Step { NOT_OPEN, NOT_DUE, MORE, CLOSED }

    /** A batch's step, and the last item it applied: the next batch of the same run reads the items after it. */
    record Batch(Step step, String lastItem) {
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final PartnerAccessProvider access;
    private final EvidenceLedger ledger;
    private final ReviewStore store;
    private final ReviewQueries queries;

    ReviewClosing(KeycloakSession session, RealmModel realm, PartnerAccessProvider access, ReviewStore store,
                  ReviewQueries queries) {
        this.session = session;
        this.realm = realm;
        this.access = access;
        this.ledger = access.ledger();
        this.store = store;
        this.queries = queries;
    }

    /**
     * Closes an OPEN review by hand now, running its batches each in its own transaction (this session's transaction
     * holds no lock of it); 409 when it is already closed. Answers the closed review as a new transaction reads it.
     */
    Review close(String id, Actor actor) {
        Review review = queries.get(id);
        if (CLOSED.equals(review.status())) {
            throw Refusal.conflict("status", "Review '" + id + "' is already CLOSED.");
        }
        if (batches(review.id(), actor, null, Integer.MAX_VALUE) == Step.NOT_OPEN) {
            throw Refusal.conflict("status", "Review '" + id + "' is already CLOSED.");
        }
        Review closed = inOwnTransaction(reviews -> reviews.queries().get(review.id()));
        return closed == null ? queries.get(id) : closed;
    }

    /**
     * Closes the realm's OPEN reviews past their due date at {@code now}, and finishes those whose closing stopped
     * half way, at most {@code limit} reviews and {@code maxBatches} batches each; another node closing the same
     * review meanwhile is waited for on the row lock and then seen. Answers how many this call closed.
     */
    int closeDue(long now, int limit, int maxBatches) {
        int closed = 0;
        for (String id : store.dueOrClosingIds(realm.getId(), now, limit)) {
            try {
                if (batches(id, Actor.SYSTEM, now, maxBatches) == Step.CLOSED) {
                    closed++;
                }
            } catch (RuntimeException e) {
                // The failed batch rolled back and wrote nothing; the next run takes it up where it stopped, and the
                // other due reviews are closed meanwhile.
                LOG.warnf(e, "partner access sweep of realm %s: closing review %s stopped; the next run goes on",
                        realm.getName(), id);
            }
        }
        return closed;
    }

    /** Runs the review's batches until it is closed, not open or not due, at most {@code maxBatches}; answers the last step. */
    private Step batches(String id, Actor actor, Long dueAt, int maxBatches) {
        Step step = Step.MORE;
        // Items are applied in id order, so the next batch starts after the last one applied: an index scan from
        // the start would step over every item applied so far, still in the index until the database vacuums it.
        String after = null;
        for (int i = 0; i < maxBatches && step == Step.MORE; i++) {
            String from = after;
            Batch batch = inOwnTransaction(reviews -> reviews.closing().batch(id, actor, dueAt, from));
            step = batch == null ? Step.NOT_OPEN : batch.step();
            after = batch == null ? null : batch.lastItem();
        }
        return step;
    }

    /** Runs {@code work} with the realm's review service of a new session, in that session's transaction; null if the realm is gone. */
    private <T> T inOwnTransaction(Function<ReviewService, T> work) {
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        String realmId = realm.getId();
        return KeycloakModelUtils.runJobInTransactionWithResult(factory, s -> {
            RealmModel in = s.realms().getRealm(realmId);
            if (in == null) {
                return null;
            }
            s.getContext().setRealm(in);
            return work.apply(s.getProvider(PartnerAccessProvider.class).reviews(in));
        });
    }

    /**
     * One batch in this session's transaction: the review row locked and checked again (still OPEN; with
     * {@code dueAt}, due then or closing begun), then the next unapplied items applied, those after {@code after}
     * when given (the last item the run's previous batch applied; every item up to it is applied then).
     */
    Batch batch(String id, Actor actor, Long dueAt, String after) {
        Optional<Review> locked = store.lockedForClosing(realm.getId(), id);
        if (locked.isEmpty() || !OPEN.equals(locked.get().status())) {
            return new Batch(Step.NOT_OPEN, null);
        }
        Review review = locked.get();
        if (dueAt != null && review.dueAt() > dueAt && !store.closingBegun(review.id())) {
            return new Batch(Step.NOT_DUE, null);
        }
        long now = Time.currentTimeMillis();
        List<ReviewStore.Pending> items = store.unappliedRows(review.id(), after, BATCH);
        List<String> undecided = items.stream().filter(item -> item.decision() == null).map(ReviewStore.Pending::id).toList();
        store.decideDefaults(undecided, review.defaultDecision(), Actor.SYSTEM.recorded(), now);
        List<String> kept = new ArrayList<>();
        Map<String, String> revokeItems = new LinkedHashMap<>();
        for (ReviewStore.Pending item : items) {
            String decision = item.decision() == null ? review.defaultDecision() : item.decision();
            if (KEEP.equals(decision)) {
                kept.add(item.id());
            } else {
                revokeItems.put(item.id(), item.grantId());
            }
        }
        Set<String> revoked = revokeAll(review, actor, revokeItems.values());
        List<String> revokedItems = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        // A grant that ended meanwhile (expired, revoked, offboarded) is skipped: its ending wrote its own evidence.
        revokeItems.forEach((itemId, grantId) -> (revoked.contains(grantId) ? revokedItems : skipped).add(itemId));
        store.applied(kept, KEPT);
        store.applied(revokedItems, REVOKED);
        store.applied(skipped, SKIPPED);
        if (items.size() == BATCH) {
            return new Batch(Step.MORE, items.get(items.size() - 1).id());
        }
        finish(review, actor, now);
        return new Batch(Step.CLOSED, null);
    }

    /**
     * Revokes the batch's grants through the usual revocation, all rows locked before the first evidence record;
     * answers the grant ids revoked.
     */
    private Set<String> revokeAll(Review review, Actor actor, Collection<String> grantIds) {
        if (grantIds.isEmpty()) {
            return Set.of();
        }
        String reason = TextRules.clip("Review '" + review.name() + "' (" + review.id() + ")", GrantService.REASON_MAX);
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("reason", "review");
        evidence.put("reviewId", review.id());
        return access.grants(realm).revokeByIds(List.copyOf(new LinkedHashSet<>(grantIds)), reason, actor, evidence);
    }

    /** Marks the locked review CLOSED and records {@code REVIEW_CLOSED} with what closing did, counted over all its items. */
    private void finish(Review review, Actor actor, long now) {
        store.close(review.id(), now);
        Map<String, Long> outcomes = store.outcomes(review.id());
        ObjectNode details = Json.object();
        details.put("name", review.name());
        details.put("kept", outcomes.getOrDefault(KEPT, 0L));
        details.put("revoked", outcomes.getOrDefault(REVOKED, 0L));
        details.put("defaulted", outcomes.getOrDefault("defaulted", 0L));
        details.put("skipped", outcomes.getOrDefault(SKIPPED, 0L));
        details.put("defaultDecision", review.defaultDecision());
        ledger.append(realm.getId(), EvidenceType.REVIEW_CLOSED, actor, review.id(), review.scope().partner(), details);
    }
}
