package dev.partneraccess.core.review;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import dev.partneraccess.core.jpa.ReviewStore;
import dev.partneraccess.core.policy.Policy;
import dev.partneraccess.core.spi.PartnerAccessProvider;
import dev.partneraccess.core.support.Actor;
import dev.partneraccess.core.support.Json;
import dev.partneraccess.core.support.Paging;

/**
 * Access reviews (recertification) of one realm: a review snapshots the active grants in its scope as items, each
 * with the users who may decide it; reviewers keep or revoke their items; closing applies every decision, revoking
 * through the grant service, and undecided items take the review's default decision.
 *
 * <p>The entry point the provider hands out: {@link ReviewOpening} starts reviews (by hand and from the policy's
 * {@code reviewSchedule}), {@link ReviewDecisions} records decisions, {@link ReviewClosing} applies them in batches,
 * {@link ReviewQueries} reads.
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
    /** Reviewers are reminded once, this many days before the review is due (a shorter review is not reminded). */
    public static final int REMIND_DAYS = 3;
    private static final long DAY = TimeUnit.DAYS.toMillis(1);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final ReviewStore store;
    private final ReviewQueries queries;
    private final ReviewOpening opening;
    private final ReviewDecisions decisions;
    private final ReviewClosing closing;

    /** Built by {@link PartnerAccessProvider#reviews(RealmModel)}, once per session and realm. */
    public ReviewService(KeycloakSession session, RealmModel realm, PartnerAccessProvider access) {
        this.session = session;
        this.realm = realm;
        this.store = new ReviewStore(session);
        this.queries = new ReviewQueries(session, realm, store, access.lastLogins());
        this.opening = new ReviewOpening(session, realm, access, store);
        this.decisions = new ReviewDecisions(realm, access.ledger(), store, queries);
        this.closing = new ReviewClosing(session, realm, access, store, queries);
    }

    ReviewQueries queries() {
        return queries;
    }

    ReviewClosing closing() {
        return closing;
    }

    /**
     * Starts a review: checks the reviewer rule, snapshots every ACTIVE grant in scope with its reviewers and records
     * {@code REVIEW_STARTED}, all in this transaction; the reviewers are mailed after it commits. A scope that
     * matches no active grant is refused and nothing is written.
     */
    public Review create(NewReview input, Actor actor) {
        return opening.create(input, actor);
    }

    public Review get(String id) {
        return queries.get(id);
    }

    public List<Review> list(String status, Paging paging) {
        return queries.list(status, paging);
    }

    /** The OPEN reviews in which {@code reviewerId} still has an item to decide, newest first. */
    public List<Review> awaiting(String reviewerId, Paging paging) {
        return queries.awaiting(reviewerId, paging);
    }

    /**
     * A review's items with their recommendations. {@code decision} is {@code keep}, {@code revoke} or
     * {@code undecided}; {@code reviewerId} (null for all) keeps the items that user may decide, and with
     * {@code awaiting} only those still undecided.
     */
    public List<ReviewItem> items(String reviewId, String decision, String reviewerId, boolean awaiting, Paging paging) {
        return queries.items(reviewId, decision, reviewerId, awaiting, paging);
    }

    /** A reviewer's decision on one item, review row locked before the item. */
    public ReviewItem decide(String reviewId, String itemId, ItemDecision input, UserModel reviewer, Actor actor) {
        return decisions.decide(reviewId, itemId, input, reviewer, actor);
    }

    /**
     * Closes an OPEN review by hand now, in batches each in a transaction of its own; 409 when it is already closed.
     * Must be called from a transaction that holds no lock of the review.
     */
    public Review close(String id, Actor actor) {
        return closing.close(id, actor);
    }

    /**
     * Closes the realm's OPEN reviews past their due date at {@code now} (and finishes any whose closing stopped half
     * way), at most {@code limit} of them and {@code maxBatches} batches each, every batch in its own transaction with
     * the review row locked and checked again, so running it twice, or on two nodes, changes nothing the second time.
     * Answers how many it closed.
     */
    public int closeDue(long now, int limit, int maxBatches) {
        return closing.closeDue(now, limit, maxBatches);
    }

    /**
     * The period of a schedule at {@code now}: whole periods of {@code everyDays} days since the epoch, so every node
     * computes the same key.
     */
    public static String periodKey(Policy.ReviewSchedule schedule, long now) {
        return schedule.everyDays() + "d:" + Math.floorDiv(now, schedule.everyDays() * DAY);
    }

    /**
     * Starts the schedule's review of the period of {@code now}, by {@code system}, in this transaction, unless it was
     * started already or its scope matches no active grant; answers the review it started.
     */
    public Optional<Review> startScheduled(Policy.ReviewSchedule schedule, long now) {
        String key = periodKey(schedule, now);
        long periodStart = Math.floorDiv(now, schedule.everyDays() * DAY) * schedule.everyDays() * DAY;
        return opening.startScheduled(schedule, key, schedule.name() + " " + Json.isoTime(periodStart).substring(0, 10));
    }

    /** Whether the schedule's review of the period of {@code now} exists (a node that lost the race sees it). */
    public boolean scheduledStarted(Policy.ReviewSchedule schedule, long now) {
        return store.periodStarted(realm.getId(), schedule.name(), periodKey(schedule, now));
    }

    /**
     * Reminds the reviewers of at most {@code limit} OPEN reviews due within {@value #REMIND_DAYS} days, once per
     * review (marked on its locked row), those with undecided items only; the mails leave after the commit.
     * Answers how many reviews were reminded.
     */
    public int remindDue(long now, int limit) {
        int reminded = 0;
        ReviewNotifier notifier = new ReviewNotifier(session, realm);
        long span = REMIND_DAYS * DAY;
        for (String id : store.dueForReminder(realm.getId(), now, now + span, span, limit)) {
            if (store.markReminded(id, now)) {
                notifier.reminder(queries.get(id), store.reviewerIds(id, true, ReviewNotifier.MAX_RECIPIENTS));
                reminded++;
            }
        }
        return reminded;
    }
}
