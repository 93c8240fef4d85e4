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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;

import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.executors.ExecutorsProvider;
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
import dev.partneraccess.core.support.BatchFutures;
import dev.partneraccess.core.support.Json;
import dev.partneraccess.core.support.Refusal;
import dev.partneraccess.core.support.TextRules;

/**
 * Closes reviews: every item's decision is applied (an undecided one takes the review's default and reads as
 * defaulted; {@code revoke} revokes the grant through the usual revocation, done for the whole batch at once), in
 * batches of the sweep's batch size, each in a transaction of its own with the review row share-locked and
 * re-checked and its items locked. Each item records what closing did with it, so a re-run after a crash applies the
 * rest and repeats nothing; when no item is left, a last transaction, with the review row locked alone, marks it
 * CLOSED and writes {@code REVIEW_CLOSED} once.
 */
final class ReviewClosing {

    private static final Logger LOG = Logger.getLogger(ReviewClosing.class);

    /** Keycloak's executor that runs a closing's batches, two at a time. */
    static final String EXECUTOR = "partner-access-review-close";
    static final String KEPT = "kept";
    static final String REVOKED = "revoked";
    static final String SKIPPED = "skipped";

    /** What one batch found. */
    enum Step { NOT_OPEN, NOT_DUE, MORE, CLOSED }

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

    /**
     * Runs the review's batches until it is closed, not open or not due, at most {@code maxBatches}; answers the last
     * step. The batches' items are read ahead by key (an index scan from the start would step over every item applied
     * so far, still in the index until the database vacuums it), and two batches run at a time: while one holds the
     * chain lock to record its revocations, the next removes its role mappings. A single batch runs in the caller's
     * thread, more on Keycloak's executor {@value #EXECUTOR}. When no item is left, one more transaction closes it.
     */
    private Step batches(String id, Actor actor, Long dueAt, int maxBatches) {
        int size = access.sweep().batchSize();
        List<Future<Step>> submitted = new ArrayList<>();
        ExecutorService workers = null;
        Future<Step> previous = null;
        String after = null;
        boolean exhausted = false;
        try {
            for (int i = 0; i < maxBatches; i++) {
                String from = after;
                List<String> page = inOwnTransaction(reviews -> reviews.closing().nextIds(id, from, size));
                if (page == null) {
                    return Step.NOT_OPEN;
                }
                if (page.isEmpty()) {
                    exhausted = true;
                    break;
                }
                after = page.get(page.size() - 1);
                boolean last = page.size() < size || i + 1 == maxBatches;
                if (previous == null && last) {
                    // The common case of a small review needs no second thread.
                    Step step = applyInOwnTransaction(id, actor, dueAt, page);
                    if (step != Step.MORE) {
                        return step;
                    }
                    exhausted = page.size() < size;
                    break;
                }
                if (workers == null) {
                    workers = session.getProvider(ExecutorsProvider.class).getExecutor(EXECUTOR);
                }
                Future<Step> current = workers.submit(() -> applyInOwnTransaction(id, actor, dueAt, page));
                submitted.add(current);
                if (previous != null) {
                    Step step = BatchFutures.outcome(previous, "closing a review");
                    if (step != Step.MORE) {
                        return step;
                    }
                }
                previous = current;
                if (last) {
                    exhausted = page.size() < size;
                    break;
                }
            }
            if (previous != null) {
                Step step = BatchFutures.outcome(previous, "closing a review");
                if (step != Step.MORE) {
                    return step;
                }
            }
        } finally {
            // A batch still running finishes (commits or rolls back) before the caller hears of the outcome.
            BatchFutures.awaitQuietly(submitted, LOG, "review closing");
        }
        if (!exhausted) {
            return Step.MORE;
        }
        Step finished = inOwnTransaction(reviews -> reviews.closing().finishIfApplied(id, actor, dueAt));
        return finished == null ? Step.NOT_OPEN : finished;
    }

    /** The ids of the next unapplied items after {@code after}, a batch's worth. */
    List<String> nextIds(String id, String after, int size) {
        return store.unappliedIds(id, after, size);
    }

    private Step applyInOwnTransaction(String id, Actor actor, Long dueAt, List<String> page) {
        Step step = inOwnTransaction(reviews -> reviews.closing().batch(id, actor, dueAt, page));
        return step == null ? Step.NOT_OPEN : step;
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
     * One batch in this session's transaction: the review row share-locked and checked again (still OPEN; with
     * {@code dueAt}, due then or closing begun), then those of the page's items not applied yet locked and applied.
     */
    Step batch(String id, Actor actor, Long dueAt, List<String> page) {
        Optional<Review> locked = store.sharedForClosing(realm.getId(), id);
        if (locked.isEmpty() || !OPEN.equals(locked.get().status())) {
            return Step.NOT_OPEN;
        }
        Review review = locked.get();
        if (notDue(review, dueAt)) {
            return Step.NOT_DUE;
        }
        long now = Time.currentTimeMillis();
        List<ReviewStore.Pending> items = store.lockUnapplied(review.id(), page);
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
        return Step.MORE;
    }

    /**
     * The last transaction of a closing: with the review row locked alone, and every item applied, marks it CLOSED
     * and records {@code REVIEW_CLOSED}; an item still unapplied (a batch that failed) leaves it to the next run.
     */
    Step finishIfApplied(String id, Actor actor, Long dueAt) {
        Optional<Review> locked = store.locked(realm.getId(), id);
        if (locked.isEmpty() || !OPEN.equals(locked.get().status())) {
            return Step.NOT_OPEN;
        }
        Review review = locked.get();
        if (notDue(review, dueAt)) {
            return Step.NOT_DUE;
        }
        if (!store.unappliedIds(review.id(), null, 1).isEmpty()) {
            return Step.MORE;
        }
        finish(review, actor, Time.currentTimeMillis());
        return Step.CLOSED;
    }

    /** With {@code dueAt} (the sweep): the review is not due then and its closing has not begun. */
    private boolean notDue(Review review, Long dueAt) {
        return dueAt != null && review.dueAt() > dueAt && !store.closingBegun(review.id());
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
