package dev.partneraccess.core.jpa;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.partneraccess.core.access.AccessRequest;
import dev.partneraccess.core.access.RequestModel;
import dev.partneraccess.core.access.StageModel;
import dev.partneraccess.core.support.Json;
import dev.partneraccess.core.support.Paging;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;

/**
 * The access requests of one realm and their stages ({@code PA_REQUEST}, {@code PA_REQUEST_STAGE}): every query, write
 * and row lock of them is here. Rows the services change come out as {@link RequestModel} and {@link StageModel},
 * answers as {@link AccessRequest} values.
 */
public final class RequestStore {

    private final EntityManager em;
    private final String realmId;

    public RequestStore(EntityManager em, String realmId) {
        this.em = em;
        this.realmId = realmId;
    }

    // ---- new rows ----

    /** A new request row, not stored until {@link #persist}. */
    public RequestModel newRequest() {
        return new RequestAdapter(new RequestEntity());
    }

    /** A new stage row, not stored until {@link #persist}. */
    public StageModel newStage() {
        return new StageAdapter(new StageEntity());
    }

    /** Stores a new request, then its stages. */
    public void persist(RequestModel request, List<StageModel> stages) {
        em.persist(entity(request));
        stages.stream().map(RequestStore::stageEntity).forEach(em::persist);
    }

    // ---- one request ----

    /** The request of this realm, locked for the rest of the transaction when {@code lock}; null when there is none. */
    public RequestModel find(String id, boolean lock) {
        RequestEntity request = lock ? em.find(RequestEntity.class, id, LockModeType.PESSIMISTIC_WRITE) : em.find(RequestEntity.class, id);
        return request == null || !request.getRealmId().equals(realmId) ? null : new RequestAdapter(request);
    }

    /** The user's pending request for the role (for a service account's renewal, the "role" is the account), if any. */
    public Optional<RequestModel> pending(String userId, String roleId) {
        return em.createNamedQuery("PA_Request.pending", RequestEntity.class)
                .setParameter("realmId", realmId).setParameter("userId", userId).setParameter("roleId", roleId)
                .getResultStream().findFirst().map(RequestAdapter::new);
    }

    // ---- locks ----

    /**
     * Locks the pending requests of one member of a partner (user given) or of every member (user null), in id order.
     */
    public List<RequestModel> lockPending(String partnerId, String userId) {
        TypedQuery<RequestEntity> query = em.createQuery("select r from PaRequest r where r.realmId = :realmId"
                        + " and r.partnerId = :partnerId and r.status = 'PENDING'" + (userId == null ? "" : " and r.userId = :userId")
                        + " order by r.id", RequestEntity.class)
                .setParameter("realmId", realmId).setParameter("partnerId", partnerId);
        if (userId != null) {
            query.setParameter("userId", userId);
        }
        return models(query.setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList());
    }

    /** Locks the pending renewal requests of a grant. */
    public List<RequestModel> lockPendingRenewals(String grantId) {
        return lockPendingRenewals(List.of(grantId));
    }

    /** Locks the pending renewals of any of these grants, in id order. */
    public List<RequestModel> lockPendingRenewals(Collection<String> grantIds) {
        if (grantIds.isEmpty()) {
            return List.of();
        }
        return models(em.createQuery("select r from PaRequest r where r.realmId = :realmId and r.renewsGrantId in :grantIds"
                        + " and r.status = 'PENDING' order by r.id", RequestEntity.class)
                .setParameter("realmId", realmId).setParameter("grantIds", grantIds)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList());
    }

    // ---- the sweep ----

    /** Ids of pending requests made at or before {@code createdBefore}, oldest first, at most {@code max}. */
    public List<String> timeOutCandidates(long createdBefore, int max) {
        return em.createQuery("select r.id from PaRequest r where r.realmId = :realmId and r.status = 'PENDING'"
                        + " and r.createdAt <= :before order by r.createdAt, r.id", String.class)
                .setParameter("realmId", realmId).setParameter("before", createdBefore).setMaxResults(max).getResultList();
    }

    /**
     * Ids of the pending requests made at or before {@code createdBefore} whose pending stage named {@code stage} was not
     * escalated yet, oldest first, at most {@code max}.
     */
    public List<String> escalationCandidates(String stage, long createdBefore, int max) {
        return em.createQuery("select r.id from PaRequestStage s, PaRequest r where s.requestId = r.id"
                        + " and s.realmId = :realmId and s.status = 'PENDING' and s.stage = :stage and s.escalatedAt is null"
                        + " and r.status = 'PENDING' and r.createdAt <= :before order by r.createdAt, r.id", String.class)
                .setParameter("realmId", realmId).setParameter("stage", stage).setParameter("before", createdBefore)
                .setMaxResults(max).getResultList();
    }

    /** Locks these requests, in id order. */
    public List<RequestModel> lockAll(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return models(em.createQuery("select e from PaRequest e where e.id in :ids order by e.id", RequestEntity.class)
                .setParameter("ids", ids).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList());
    }

    // ---- stages ----

    /** The stages of these requests, by request, each request's in their order. */
    public Map<String, List<StageModel>> stages(List<String> requestIds) {
        Map<String, List<StageModel>> byRequest = new LinkedHashMap<>();
        em.createNamedQuery("PA_Stage.byRequests", StageEntity.class).setParameter("ids", requestIds)
                .getResultStream().forEach(s -> byRequest.computeIfAbsent(s.getRequestId(), k -> new ArrayList<>()).add(new StageAdapter(s)));
        return byRequest;
    }

    /** The stages of one request, in their order. */
    public List<StageModel> stagesOf(String requestId) {
        return stages(List.of(requestId)).getOrDefault(requestId, List.of());
    }

    /**
     * Moves the pending owner stages of a partner's pending requests from the old business owner to the new one;
     * answers how many moved.
     */
    public int reassignOwnerStages(String partnerId, String oldOwner, String newOwner) {
        return em.createQuery("update PaRequestStage s set s.approverUser = :newOwner where s.realmId = :realmId"
                        + " and s.status = 'PENDING' and s.approverUser = :oldOwner and s.requestId in"
                        + " (select r.id from PaRequest r where r.realmId = :realmId and r.partnerId = :partnerId"
                        + " and r.status = 'PENDING')")
                .setParameter("newOwner", newOwner).setParameter("oldOwner", oldOwner)
                .setParameter("realmId", realmId).setParameter("partnerId", partnerId)
                .executeUpdate();
    }

    // ---- lists ----

    /** A page of the realm's requests, oldest first; null filters are left out. */
    public List<AccessRequest> list(String status, String partnerId, String userId, Paging paging) {
        StringBuilder jpql = new StringBuilder("select r from PaRequest r where r.realmId = :realmId");
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("realmId", realmId);
        if (status != null) {
            jpql.append(" and r.status = :status");
            parameters.put("status", status);
        }
        if (partnerId != null) {
            jpql.append(" and r.partnerId = :partnerId");
            parameters.put("partnerId", partnerId);
        }
        if (userId != null) {
            jpql.append(" and r.userId = :userId");
            parameters.put("userId", userId);
        }
        jpql.append(" order by r.createdAt, r.id");
        TypedQuery<RequestEntity> query = em.createQuery(jpql.toString(), RequestEntity.class);
        parameters.forEach(query::setParameter);
        return withStages(query.setFirstResult(paging.first()).setMaxResults(paging.max()).getResultList());
    }

    /**
     * The pending requests with a pending stage of one of these roles (its approver role, or its escalation role once
     * escalated) or of one of these users, oldest first.
     */
    public List<AccessRequest> awaiting(Collection<String> roles, Collection<String> userIds, Paging paging) {
        List<RequestEntity> requests = em.createNamedQuery("PA_Request.awaiting", RequestEntity.class)
                .setParameter("realmId", realmId)
                .setParameter("roles", roles)
                .setParameter("userIds", userIds)
                .setFirstResult(paging.first()).setMaxResults(paging.max())
                .getResultList();
        return withStages(requests);
    }

    /** The user's own requests, newest first. */
    public List<AccessRequest> ofUser(String userId, Paging paging) {
        List<RequestEntity> requests = em.createQuery("select r from PaRequest r where r.realmId = :realmId and r.userId = :userId"
                        + " order by r.createdAt desc, r.id", RequestEntity.class)
                .setParameter("realmId", realmId).setParameter("userId", userId)
                .setFirstResult(paging.first()).setMaxResults(paging.max()).getResultList();
        return withStages(requests);
    }

    /** Two queries for a page, however long: the requests, then all their stages at once. */
    private List<AccessRequest> withStages(List<RequestEntity> requests) {
        if (requests.isEmpty()) {
            return List.of();
        }
        Map<String, List<StageModel>> stages = stages(requests.stream().map(RequestEntity::getId).toList());
        return requests.stream().map(r -> answer(new RequestAdapter(r), stages.getOrDefault(r.getId(), List.of()))).toList();
    }

    // ---- answers ----

    /** The request as the services answer it, with its stages in their order. */
    public AccessRequest answer(RequestModel request, List<StageModel> stages) {
        List<AccessRequest.Stage> ordered = stages.stream().sorted(Comparator.comparingInt(StageModel::getPosition))
                .map(s -> new AccessRequest.Stage(s.getStage(), s.getStatus(), s.getDecidedBy(), s.getDecidedAt(),
                        s.getJustification(), s.getOnBehalfOf(), s.getApproverRole(), s.getApproverUser(),
                        s.getEscalatedAt(), s.getEscalationRole(), null))
                .toList();
        return new AccessRequest(request.getId(), request.getType(), request.getUserId(), request.getPartnerId(),
                request.getRoleName(), request.getClientId(), request.getBusinessPurpose(), request.getDays(),
                request.getStatus(), request.getPolicyVersion(), ordered, request.getGrantId(),
                request.getServiceAccountId(), request.getCreatedAt(), request.getCreatedBy(),
                answers(request.getAnswers()), request.getExceptionReason());
    }

    /** The stored answers (a JSON object of texts by question id), in the order they were given. */
    public static Map<String, String> answers(String stored) {
        if (stored == null || stored.isBlank()) {
            return Map.of();
        }
        Map<String, String> answers = new LinkedHashMap<>();
        Json.read(stored).fields().forEachRemaining(e -> answers.put(e.getKey(), e.getValue().asText()));
        return java.util.Collections.unmodifiableMap(answers);
    }

    private static List<RequestModel> models(List<RequestEntity> entities) {
        return entities.stream().<RequestModel>map(RequestAdapter::new).toList();
    }

    private static RequestEntity entity(RequestModel request) {
        return ((RequestAdapter) request).entity;
    }

    private static StageEntity stageEntity(StageModel stage) {
        return ((StageAdapter) stage).entity;
    }
}
