package dev.partneraccess.core.jpa;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

import dev.partneraccess.core.review.Review;
import dev.partneraccess.core.review.ReviewItem;
import dev.partneraccess.core.review.ReviewScope;
import dev.partneraccess.core.support.Paging;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;

/**
 * Access reviews, their items and reviewers ({@code PA_REVIEW}, {@code PA_REVIEW_ITEM}, {@code PA_REVIEW_REVIEWER}):
 * every query, write and row lock of them, and the read of the active grants a review snapshots. Locks are taken
 * review row first, then its items, then (through the grant service) the grants.
 */
public final class ReviewStore {

    public static final String OPEN = "OPEN";
    public static final String CLOSED = "CLOSED";
    /** Rows written before they are flushed and let go of, when a review starts. */
    static final int WRITE_BATCH = 1000;

    private final KeycloakSession session;

    public ReviewStore(KeycloakSession session) {
        this.session = session;
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    /** An active grant as a review snapshots it. */
    public record ActiveGrant(String id, String userId, String partnerId, String roleId, String roleName, String clientId,
                              long grantedAt, long expiresAt, boolean serviceAccount, String owner) {
    }

    /**
     * The realm's ACTIVE grants narrowed by partner, role name, client and holder kind (null leaves a field open),
     * oldest first; tier and region are the caller's to apply, since they live on the partner.
     */
    public List<ActiveGrant> activeGrants(String realmId, String partnerId, String role, String client, Boolean serviceAccounts) {
        StringBuilder jpql = new StringBuilder("select g.id, g.userId, g.partnerId, g.roleId, g.roleName, g.clientId,"
                + " g.grantedAt, g.expiresAt from PaGrant g where g.realmId = :realmId and g.status = 'ACTIVE'");
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("realmId", realmId);
        if (partnerId != null) {
            jpql.append(" and g.partnerId = :partnerId");
            parameters.put("partnerId", partnerId);
        }
        if (role != null) {
            jpql.append(" and g.roleName = :roleName");
            parameters.put("roleName", role);
        }
        if (client != null) {
            jpql.append(" and g.clientId = :clientId");
            parameters.put("clientId", client);
        }
        jpql.append(" order by g.grantedAt, g.id");
        TypedQuery<Object[]> query = em().createQuery(jpql.toString(), Object[].class);
        parameters.forEach(query::setParameter);
        Map<String, String> accounts = serviceAccountOwners(realmId);
        List<ActiveGrant> grants = new ArrayList<>();
        for (Object[] row : query.getResultList()) {
            boolean account = accounts.containsKey((String) row[1]);
            if (serviceAccounts != null && serviceAccounts != account) {
                continue;
            }
            grants.add(new ActiveGrant((String) row[0], (String) row[1], (String) row[2], (String) row[3], (String) row[4],
                    (String) row[5], (Long) row[6], (Long) row[7], account, accounts.get((String) row[1])));
        }
        return grants;
    }

    /** The realm's service-account users, each with the human owner of its account. */
    private Map<String, String> serviceAccountOwners(String realmId) {
        Map<String, String> owners = new HashMap<>();
        em().createQuery("select a.userId, a.owner from PaServiceAccount a where a.realmId = :realmId"
                        + " and a.userId is not null", Object[].class)
                .setParameter("realmId", realmId).getResultStream()
                .forEach(row -> owners.put((String) row[0], (String) row[1]));
        return owners;
    }

    /** The human owner of the service account whose user this is; empty for any other user. */
    public Optional<String> serviceAccountOwner(String realmId, String userId) {
        return em().createQuery("select a.owner from PaServiceAccount a where a.realmId = :realmId and a.userId = :userId",
                        String.class)
                .setParameter("realmId", realmId).setParameter("userId", userId).getResultStream().findFirst();
    }

    /**
     * The usernames of those of these users that Keycloak's own user store holds, in one read: a page of review items
     * names its holders without a model lookup each (which also reads the user's organization). Users of a federated
     * store without import are not among them.
     */
    public Map<String, String> localUsernames(String realmId, Collection<String> userIds) {
        Map<String, String> found = new HashMap<>();
        if (!userIds.isEmpty()) {
            em().createQuery("select u.id, u.username from UserEntity u where u.realmId = :realmId and u.id in :ids",
                            Object[].class)
                    .setParameter("realmId", realmId).setParameter("ids", userIds).getResultStream()
                    .forEach(row -> found.put((String) row[0], (String) row[1]));
        }
        return found;
    }

    /** When each of these service-account users' accounts last obtained a token, for those that ever did. */
    public Map<String, Long> serviceAccountLastUse(String realmId, Collection<String> userIds) {
        Map<String, Long> found = new HashMap<>();
        if (userIds.isEmpty()) {
            return found;
        }
        em().createQuery("select a.userId, a.lastUsedAt from PaServiceAccount a where a.realmId = :realmId"
                        + " and a.userId in :ids and a.lastUsedAt is not null", Object[].class)
                .setParameter("realmId", realmId).setParameter("ids", userIds).getResultStream()
                .forEach(row -> found.put((String) row[0], (Long) row[1]));
        return found;
    }

    /** Writes a new OPEN review; its items follow with {@link #addItems}. */
    public String create(String realmId, String name, String scopeJson, String reviewer, String defaultDecision,
                         long createdAt, String createdBy, long dueAt) {
        return create(realmId, name, scopeJson, reviewer, defaultDecision, createdAt, createdBy, dueAt, null, null);
    }

    /**
     * Writes a new OPEN review; with a schedule name and period key it is that schedule's review of that period, and
     * the row is sent to the database at once, so that a second one of the same period fails on the unique key
     * before any item is written.
     */
    public String create(String realmId, String name, String scopeJson, String reviewer, String defaultDecision,
                         long createdAt, String createdBy, long dueAt, String scheduleName, String periodKey) {
        ReviewEntity review = new ReviewEntity();
        review.setId(UUID.randomUUID().toString());
        review.setRealmId(realmId);
        review.setName(name);
        review.setStatus(OPEN);
        review.setScope(scopeJson);
        review.setReviewer(reviewer);
        review.setDefaultDecision(defaultDecision);
        review.setCreatedAt(createdAt);
        review.setCreatedBy(createdBy);
        review.setDueAt(dueAt);
        review.setScheduleName(scheduleName);
        review.setPeriodKey(periodKey);
        em().persist(review);
        if (scheduleName != null) {
            em().flush();
        }
        return review.getId();
    }

    /** A grant to add to a review, with the users who may decide its item. */
    public record NewItem(ActiveGrant grant, Collection<String> reviewers) {
    }

    /**
     * Adds the items of a new review. They are sent to the database a batch at a time and then let go of, so that a
     * review of many grants does not keep every row it wrote in the persistence context until the commit.
     */
    public void addItems(String realmId, String reviewId, List<NewItem> items) {
        EntityManager em = em();
        List<Object> written = new ArrayList<>();
        for (NewItem next : items) {
            ActiveGrant grant = next.grant();
            ReviewItemEntity item = new ReviewItemEntity();
            item.setId(UUID.randomUUID().toString());
            item.setReviewId(reviewId);
            item.setRealmId(realmId);
            item.setGrantId(grant.id());
            item.setUserId(grant.userId());
            item.setPartnerId(grant.partnerId());
            item.setRoleId(grant.roleId());
            item.setRoleName(grant.roleName());
            item.setClientId(grant.clientId());
            item.setGrantedAt(grant.grantedAt());
            item.setExpiresAt(grant.expiresAt());
            item.setServiceAccount(grant.serviceAccount());
            em.persist(item);
            written.add(item);
            for (String userId : next.reviewers()) {
                ReviewReviewerEntity reviewer = new ReviewReviewerEntity();
                reviewer.setId(item.getId() + ":" + userId);
                reviewer.setItemId(item.getId());
                reviewer.setUserId(userId);
                reviewer.setReviewId(reviewId);
                reviewer.setRealmId(realmId);
                em.persist(reviewer);
                written.add(reviewer);
            }
            if (written.size() >= WRITE_BATCH) {
                em.flush();
                written.forEach(em::detach);
                written.clear();
            }
        }
    }

    public Optional<Review> find(String realmId, String id) {
        ReviewEntity review = em().find(ReviewEntity.class, id);
        return review == null || !review.getRealmId().equals(realmId) ? Optional.empty() : Optional.of(review(review, counts(id)));
    }

    /**
     * The review without its item counts (they count every item of it), for callers that need only what it is: the
     * item list, at 100,000 items, would otherwise count them all on every page. Empty when it is not in this realm.
     */
    public Optional<Review> findUncounted(String realmId, String id) {
        ReviewEntity review = em().find(ReviewEntity.class, id);
        return review == null || !review.getRealmId().equals(realmId) ? Optional.empty()
                : Optional.of(review(review, new Review.Counts(0, 0, 0, 0)));
    }

    /**
     * The review, its row locked for the rest of the transaction, without its item counts (a decision and each
     * closing transaction lock it, and need only what it is); empty when it is not in this realm.
     */
    public Optional<Review> locked(String realmId, String id) {
        ReviewEntity review = em().find(ReviewEntity.class, id, LockModeType.PESSIMISTIC_WRITE);
        return review == null || !review.getRealmId().equals(realmId) ? Optional.empty()
                : Optional.of(review(review, new Review.Counts(0, 0, 0, 0)));
    }

    /** The realm's reviews, newest first, optionally of one status. */
    public List<Review> list(String realmId, String status, Paging paging) {
        TypedQuery<ReviewEntity> query = em().createQuery("select r from PaReview r where r.realmId = :realmId"
                + (status == null ? "" : " and r.status = :status") + " order by r.createdAt desc, r.id", ReviewEntity.class)
                .setParameter("realmId", realmId);
        if (status != null) {
            query.setParameter("status", status);
        }
        List<ReviewEntity> reviews = query.setFirstResult(paging.first()).setMaxResults(paging.max()).getResultList();
        return reviews.stream().map(r -> review(r, counts(r.getId()))).toList();
    }

    /** The realm's OPEN reviews with an undecided item {@code reviewerId} may decide, newest first. */
    public List<Review> awaiting(String realmId, String reviewerId, Paging paging) {
        List<ReviewEntity> reviews = em().createQuery("select r from PaReview r where r.realmId = :realmId"
                        + " and r.status = 'OPEN' and exists (select 1 from PaReviewReviewer v"
                        + " where v.reviewId = r.id and v.userId = :userId and v.decided = false)"
                        + " order by r.createdAt desc, r.id", ReviewEntity.class)
                .setParameter("realmId", realmId).setParameter("userId", reviewerId)
                .setFirstResult(paging.first()).setMaxResults(paging.max()).getResultList();
        return reviews.stream().map(r -> review(r, counts(r.getId()))).toList();
    }

    /** The ids of the realm's OPEN reviews due at {@code now}, earliest first, at most {@code limit}. */
    public List<String> dueIds(String realmId, long now, int limit) {
        return em().createQuery("select r.id from PaReview r where r.realmId = :realmId and r.status = 'OPEN'"
                        + " and r.dueAt <= :now order by r.dueAt, r.id", String.class)
                .setParameter("realmId", realmId).setParameter("now", now).setMaxResults(limit).getResultList();
    }

    /**
     * Whether the schedule already has its review of this period. The schedule's earlier reviews are locked first, so
     * two nodes asking at once for a schedule that has run before are served one after the other; for its very first
     * period the unique key on (realm, schedule, period) keeps the second insert out.
     */
    public boolean periodStarted(String realmId, String scheduleName, String periodKey) {
        List<String> periods = em().createQuery("select r.periodKey from PaReview r where r.realmId = :realmId"
                        + " and r.scheduleName = :name", String.class)
                .setParameter("realmId", realmId).setParameter("name", scheduleName)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        return periods.contains(periodKey);
    }

    /**
     * The ids of the realm's OPEN reviews due at {@code now} or whose closing has begun (some item applied, a closing
     * stopped half way), earliest due first, at most {@code limit}.
     */
    public List<String> dueOrClosingIds(String realmId, long now, int limit) {
        return em().createQuery("select r.id from PaReview r where r.realmId = :realmId and r.status = 'OPEN'"
                        + " and (r.dueAt <= :now or exists (select i.id from PaReviewItem i where i.reviewId = r.id"
                        + " and i.outcome is not null)) order by r.dueAt, r.id", String.class)
                .setParameter("realmId", realmId).setParameter("now", now).setMaxResults(limit).getResultList();
    }

    /**
     * The review, its row share-locked for the rest of the transaction, without its item counts: closing batches hold
     * it so, two at a time over different items, while a decision, a reminder or the close itself needs the row
     * alone and waits for them (databases without share locks take it alone, and batches then run one after the
     * other). Empty when it is not in this realm.
     */
    public Optional<Review> sharedForClosing(String realmId, String id) {
        ReviewEntity review = em().find(ReviewEntity.class, id, LockModeType.PESSIMISTIC_READ);
        return review == null || !review.getRealmId().equals(realmId) ? Optional.empty()
                : Optional.of(review(review, new Review.Counts(0, 0, 0, 0)));
    }

    /**
     * Of these items of the review, those closing has not applied yet, their rows locked, in id order and read as
     * values (the persistence context stays free of them); their decisions are read under the lock, so a decision
     * made after the ids were read is applied as it stands.
     */
    @SuppressWarnings("unchecked")
    public List<Pending> lockUnapplied(String reviewId, List<String> itemIds) {
        if (itemIds.isEmpty()) {
            return List.of();
        }
        List<Object[]> rows = em().createNativeQuery("SELECT ID, GRANT_ID, DECISION FROM PA_REVIEW_ITEM WHERE ID IN (:ids)"
                        + " AND REVIEW_ID = :reviewId AND OUTCOME IS NULL ORDER BY ID FOR UPDATE")
                .setParameter("ids", itemIds).setParameter("reviewId", reviewId).getResultList();
        return rows.stream().map(row -> new Pending((String) row[0], (String) row[1], (String) row[2])).toList();
    }

    /** Whether closing has applied some item of the review already (a closing that stopped half way). */
    public boolean closingBegun(String reviewId) {
        return !em().createQuery("select i.id from PaReviewItem i where i.reviewId = :id and i.outcome is not null",
                String.class).setParameter("id", reviewId).setMaxResults(1).getResultList().isEmpty();
    }

    /** An item as closing reads it: its grant and its decision (null while undecided). */
    public record Pending(String id, String grantId, String decision) {
    }

    /**
     * The ids of the next {@code limit} items of a review that closing has not applied yet, in id order (after the id
     * {@code after} when given): closing reads its batches ahead by these keys.
     */
    public List<String> unappliedIds(String reviewId, String after, int limit) {
        TypedQuery<String> query = em().createQuery("select i.id from PaReviewItem i"
                + " where i.reviewId = :reviewId and i.outcome is null" + (after == null ? "" : " and i.id > :after")
                + " order by i.id", String.class).setParameter("reviewId", reviewId);
        if (after != null) {
            query.setParameter("after", after);
        }
        return query.setMaxResults(limit).getResultList();
    }

    /** Gives the still undecided ones of these items the review's default, recorded as defaulted, in one statement. */
    public void decideDefaults(Collection<String> itemIds, String decision, String decidedBy, long decidedAt) {
        if (!itemIds.isEmpty()) {
            em().createQuery("update PaReviewItem i set i.decision = :decision, i.defaulted = true, i.decidedBy = :by,"
                            + " i.decidedAt = :at, i.justification = null where i.id in :ids and i.decision is null")
                    .setParameter("decision", decision).setParameter("by", decidedBy).setParameter("at", decidedAt)
                    .setParameter("ids", itemIds).executeUpdate();
            em().createQuery("update PaReviewReviewer r set r.decided = true where r.itemId in :ids and r.decided = false")
                    .setParameter("ids", itemIds).executeUpdate();
        }
    }

    /** Records what closing did with these items: {@code kept}, {@code revoked} or {@code skipped}, in one statement. */
    public void applied(Collection<String> itemIds, String outcome) {
        if (!itemIds.isEmpty()) {
            em().createQuery("update PaReviewItem i set i.outcome = :outcome where i.id in :ids and i.outcome is null")
                    .setParameter("outcome", outcome).setParameter("ids", itemIds).executeUpdate();
        }
    }

    /** What closing did with a review's items: how many of each outcome, and under {@code "defaulted"} how many were defaulted. */
    public Map<String, Long> outcomes(String reviewId) {
        Map<String, Long> counts = new HashMap<>();
        for (Object[] row : em().createQuery("select i.outcome, i.defaulted, count(i) from PaReviewItem i"
                + " where i.reviewId = :id group by i.outcome, i.defaulted", Object[].class)
                .setParameter("id", reviewId).getResultList()) {
            long n = ((Number) row[2]).longValue();
            if (row[0] != null) {
                counts.merge((String) row[0], n, Long::sum);
            }
            if (Boolean.TRUE.equals(row[1])) {
                counts.merge("defaulted", n, Long::sum);
            }
        }
        return counts;
    }

    /**
     * The ids of the realm's OPEN reviews due within {@code remindUntil} whose reviewers were not reminded yet and that
     * ran longer than {@code span} (a shorter review's start mail already said when it is due), at most {@code limit}.
     */
    public List<String> dueForReminder(String realmId, long now, long remindUntil, long span, int limit) {
        return em().createQuery("select r.id from PaReview r where r.realmId = :realmId and r.status = 'OPEN'"
                        + " and r.remindedAt is null and r.dueAt > :now and r.dueAt <= :until"
                        + " and r.dueAt - r.createdAt > :span order by r.dueAt, r.id", String.class)
                .setParameter("realmId", realmId).setParameter("now", now).setParameter("until", remindUntil)
                .setParameter("span", span).setMaxResults(limit).getResultList();
    }

    /** Marks a review's reminder as sent, the row locked and checked first; false when it was sent meanwhile. */
    public boolean markReminded(String id, long now) {
        ReviewEntity review = em().find(ReviewEntity.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (review == null || review.getRemindedAt() != null || !OPEN.equals(review.getStatus())) {
            return false;
        }
        review.setRemindedAt(now);
        return true;
    }

    /** The users who may decide some item of the review (only undecided ones with {@code undecided}), at most {@code limit}. */
    public List<String> reviewerIds(String reviewId, boolean undecided, int limit) {
        return em().createQuery(undecided
                        ? "select distinct r.userId from PaReviewReviewer r, PaReviewItem i where r.reviewId = :id"
                                + " and i.id = r.itemId and i.decision is null"
                        : "select distinct r.userId from PaReviewReviewer r where r.reviewId = :id", String.class)
                .setParameter("id", reviewId).setMaxResults(limit).getResultList();
    }

    /** Marks a locked review CLOSED. */
    public void close(String id, long now) {
        ReviewEntity review = em().find(ReviewEntity.class, id);
        review.setStatus(CLOSED);
        review.setClosedAt(now);
    }

    private Review.Counts counts(String reviewId) {
        long total = 0;
        long kept = 0;
        long revoked = 0;
        for (Object[] row : em().createQuery("select i.decision, count(i) from PaReviewItem i where i.reviewId = :id"
                + " group by i.decision", Object[].class).setParameter("id", reviewId).getResultList()) {
            long n = ((Number) row[1]).longValue();
            total += n;
            if ("keep".equals(row[0])) {
                kept += n;
            } else if ("revoke".equals(row[0])) {
                revoked += n;
            }
        }
        return new Review.Counts(total, kept + revoked, kept, revoked);
    }

    /**
     * A review's items in id order. {@code decision} keeps only items so decided ({@code keep} or {@code revoke}), or
     * only undecided ones when {@code undecided}; {@code reviewerId} keeps only the items that user may decide.
     */
    public List<ReviewItem> items(String reviewId, String decision, boolean undecided, String reviewerId, Paging paging) {
        if (reviewerId != null && undecided) {
            // The page is a range of the reviewer index (review, user, decided, item), then its items by id: no
            // plan has to walk the review's decided items or join every item to find the first page.
            List<String> page = em().createQuery("select r.itemId from PaReviewReviewer r where r.reviewId = :reviewId"
                            + " and r.userId = :userId and r.decided = false order by r.itemId", String.class)
                    .setParameter("reviewId", reviewId).setParameter("userId", reviewerId)
                    .setFirstResult(paging.first()).setMaxResults(paging.max()).getResultList();
            if (page.isEmpty()) {
                return List.of();
            }
            return items(em().createQuery("select i from PaReviewItem i where i.id in :ids and i.decision is null"
                    + " order by i.id", ReviewItemEntity.class).setParameter("ids", page).getResultList());
        }
        StringBuilder jpql = new StringBuilder(reviewerId == null
                ? "select i from PaReviewItem i where i.reviewId = :reviewId"
                : "select i from PaReviewItem i, PaReviewReviewer r where r.reviewId = :reviewId and r.userId = :userId"
                        + " and i.id = r.itemId");
        if (decision != null) {
            jpql.append(" and i.decision = :decision");
        } else if (undecided) {
            jpql.append(" and i.decision is null");
        }
        // A reviewer's items come in the order of the reviewer index (review, user, item).
        jpql.append(reviewerId == null ? " order by i.id" : " order by r.itemId");
        TypedQuery<ReviewItemEntity> query = em().createQuery(jpql.toString(), ReviewItemEntity.class)
                .setParameter("reviewId", reviewId);
        if (reviewerId != null) {
            query.setParameter("userId", reviewerId);
        }
        if (decision != null) {
            query.setParameter("decision", decision);
        }
        return items(query.setFirstResult(paging.first()).setMaxResults(paging.max()).getResultList());
    }

    /** The next {@code limit} items of a review after {@code afterId} in id order (null from the start), for closing. */
    public List<ReviewItem> itemsAfter(String reviewId, String afterId, int limit) {
        TypedQuery<ReviewItemEntity> query = em().createQuery("select i from PaReviewItem i where i.reviewId = :reviewId"
                + (afterId == null ? "" : " and i.id > :after") + " order by i.id", ReviewItemEntity.class)
                .setParameter("reviewId", reviewId);
        if (afterId != null) {
            query.setParameter("after", afterId);
        }
        return items(query.setMaxResults(limit).getResultList());
    }

    /** The item of this review, its row locked for the rest of the transaction; empty when the review has none such. */
    public Optional<ReviewItem> lockedItem(String reviewId, String itemId) {
        ReviewItemEntity item = em().find(ReviewItemEntity.class, itemId, LockModeType.PESSIMISTIC_WRITE);
        if (item == null || !item.getReviewId().equals(reviewId)) {
            return Optional.empty();
        }
        return Optional.of(items(List.of(item)).get(0));
    }

    /** Records an item's decision. */
    public void decide(String itemId, String decision, boolean defaulted, String decidedBy, long decidedAt, String justification) {
        ReviewItemEntity item = em().find(ReviewItemEntity.class, itemId);
        item.setDecision(decision);
        item.setDefaulted(defaulted);
        item.setDecidedBy(decidedBy);
        item.setDecidedAt(decidedAt);
        item.setJustification(justification);
        em().createQuery("update PaReviewReviewer r set r.decided = true where r.itemId = :itemId")
                .setParameter("itemId", itemId).executeUpdate();
    }

    private List<ReviewItem> items(List<ReviewItemEntity> entities) {
        Map<String, List<String>> reviewers = new HashMap<>();
        if (!entities.isEmpty()) {
            em().createQuery("select r.itemId, r.userId from PaReviewReviewer r where r.itemId in :ids order by r.userId",
                            Object[].class)
                    .setParameter("ids", entities.stream().map(ReviewItemEntity::getId).toList()).getResultStream()
                    .forEach(row -> reviewers.computeIfAbsent((String) row[0], k -> new ArrayList<>()).add((String) row[1]));
        }
        return entities.stream().map(i -> new ReviewItem(i.getId(), i.getReviewId(), i.getGrantId(), i.getUserId(), null,
                i.getPartnerId(), i.getRoleName(), i.getClientId(), i.getGrantedAt(), i.getExpiresAt(), i.isServiceAccount(),
                List.copyOf(reviewers.getOrDefault(i.getId(), List.of())), i.getDecision(), i.isDefaulted(),
                i.getDecidedBy(), i.getDecidedAt(), i.getJustification(), null)).toList();
    }

    private static Review review(ReviewEntity r, Review.Counts counts) {
        return new Review(r.getId(), r.getName(), r.getStatus(), ReviewScope.fromStored(r.getScope()), r.getReviewer(),
                r.getDefaultDecision(), r.getCreatedAt(), r.getCreatedBy(), r.getDueAt(), r.getClosedAt(), counts);
    }
}
