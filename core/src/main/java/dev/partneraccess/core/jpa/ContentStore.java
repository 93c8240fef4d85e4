package dev.partneraccess.core.jpa;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.partneraccess.core.content.ContentModel;
import dev.partneraccess.core.content.ContentPackage;
import dev.partneraccess.core.support.Paging;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;

/**
 * The content packages of one realm ({@code PA_CONTENT}): every query, write and row lock of them is here. Rows the
 * services change come out as {@link ContentModel}, answers as {@link ContentPackage} values.
 */
public final class ContentStore {

    public static final String RELEASED = "RELEASED";
    public static final String IN_REVIEW = "IN_REVIEW";

    private final EntityManager em;
    private final String realmId;

    public ContentStore(EntityManager em, String realmId) {
        this.em = em;
        this.realmId = realmId;
    }

    /** A new row, not stored until {@link #persist}. */
    public ContentModel newContent() {
        return new ContentAdapter(new ContentEntity());
    }

    public void persist(ContentModel content) {
        em.persist(((ContentAdapter) content).entity);
    }

    /** The package of this realm, locked for the rest of the transaction; empty when there is none. */
    public Optional<ContentModel> lock(String id) {
        return find(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public Optional<ContentModel> find(String id) {
        return find(id, LockModeType.NONE);
    }

    private Optional<ContentModel> find(String id, LockModeType lock) {
        if (id == null || id.length() > 36) {
            return Optional.empty();
        }
        ContentEntity entity = em.find(ContentEntity.class, id, lock);
        return entity == null || !entity.getRealmId().equals(realmId) ? Optional.empty()
                : Optional.of(new ContentAdapter(entity));
    }

    /** The package standing for this Authorization Services resource: the policy provider's one read per decision. */
    public Optional<ContentPackage> byResource(String resourceId) {
        return em.createQuery("select c from PaContent c where c.resourceId = :resourceId and c.realmId = :realmId",
                        ContentEntity.class)
                .setParameter("resourceId", resourceId).setParameter("realmId", realmId).setMaxResults(1)
                .getResultList().stream().findFirst().map(ContentStore::answer);
    }

    /** Whether a package of this realm already has this name on this client. */
    public boolean nameTaken(String clientUuid, String name) {
        return !em.createQuery("select c.id from PaContent c where c.realmId = :realmId and c.clientUuid = :client"
                        + " and c.name = :name", String.class)
                .setParameter("realmId", realmId).setParameter("client", clientUuid).setParameter("name", name)
                .setMaxResults(1).getResultList().isEmpty();
    }

    public List<ContentPackage> list(String status, String kind, String clientId, Paging paging) {
        StringBuilder jpql = new StringBuilder("select c from PaContent c where c.realmId = :realmId");
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("realmId", realmId);
        if (status != null) {
            jpql.append(" and c.status = :status");
            parameters.put("status", status);
        }
        if (kind != null) {
            jpql.append(" and c.kind = :kind");
            parameters.put("kind", kind);
        }
        if (clientId != null) {
            jpql.append(" and c.clientId = :clientId");
            parameters.put("clientId", clientId);
        }
        jpql.append(" order by c.createdAt, c.id");
        TypedQuery<ContentEntity> query = em.createQuery(jpql.toString(), ContentEntity.class);
        parameters.forEach(query::setParameter);
        return query.setFirstResult(paging.first()).setMaxResults(paging.max()).getResultList().stream()
                .map(ContentStore::answer).toList();
    }

    /** Released packages whose release has not ended at {@code now}, oldest release first. */
    public List<ContentPackage> released(long now, int max) {
        return em.createQuery("select c from PaContent c where c.realmId = :realmId and c.status = 'RELEASED'"
                        + " and c.expiresAt > :now order by c.releasedAt, c.id", ContentEntity.class)
                .setParameter("realmId", realmId).setParameter("now", now).setMaxResults(max)
                .getResultList().stream().map(ContentStore::answer).toList();
    }

    /** The released adaptations of a base, locked, in id order (the base is locked before them). */
    public List<ContentModel> lockReleasedAdaptations(String baseId) {
        return em.createQuery("select c from PaContent c where c.realmId = :realmId and c.baseId = :baseId"
                        + " and c.status = 'RELEASED' order by c.id", ContentEntity.class)
                .setParameter("realmId", realmId).setParameter("baseId", baseId)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList().stream()
                .map(e -> (ContentModel) new ContentAdapter(e)).toList();
    }

    // ---- the sweep ----

    /** Ids of released packages whose release ended at or before {@code now}, in id order, at most {@code max}. */
    public List<String> expiryCandidates(long now, int max) {
        return em.createQuery("select c.id from PaContent c where c.realmId = :realmId and c.status = 'RELEASED'"
                        + " and c.expiresAt <= :now order by c.id", String.class)
                .setParameter("realmId", realmId).setParameter("now", now).setMaxResults(max).getResultList();
    }

    /** Ids of released adaptations whose base is no longer released, in id order, at most {@code max}. */
    public List<String> orphanCandidates(int max) {
        return em.createQuery("select a.id from PaContent a, PaContent b where a.realmId = :realmId"
                        + " and a.status = 'RELEASED' and a.baseId = b.id and b.status <> 'RELEASED' order by a.id", String.class)
                .setParameter("realmId", realmId).setMaxResults(max).getResultList();
    }

    /** The packages with these ids, locked, in id order. */
    public List<ContentModel> lockAll(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select c from PaContent c where c.realmId = :realmId and c.id in :ids order by c.id",
                        ContentEntity.class)
                .setParameter("realmId", realmId).setParameter("ids", ids)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList().stream()
                .map(e -> (ContentModel) new ContentAdapter(e)).toList();
    }

    // ---- the report ----

    public long count(String status) {
        return em.createQuery("select count(c) from PaContent c where c.realmId = :realmId and c.status = :status", Long.class)
                .setParameter("realmId", realmId).setParameter("status", status).getSingleResult();
    }

    /** Released packages whose release ends after {@code now} and at or before {@code until}. */
    public long releasedEndingBy(long now, long until) {
        return em.createQuery("select count(c) from PaContent c where c.realmId = :realmId and c.status = 'RELEASED'"
                        + " and c.expiresAt > :now and c.expiresAt <= :until", Long.class)
                .setParameter("realmId", realmId).setParameter("now", now).setParameter("until", until).getSingleResult();
    }

    public ContentPackage answer(ContentModel content) {
        return answer(((ContentAdapter) content).entity);
    }

    private static ContentPackage answer(ContentEntity c) {
        return new ContentPackage(c.getId(), c.getName(), c.getKind(), c.getClientId(), c.getUri(), c.getOwner(),
                c.getMinTier(), List.copyOf(ContentAdapter.regions(c.getRegions())), c.getDays(), c.getBaseId(),
                c.getStatus(), c.getResourceId(), c.getRequestId(), c.getReleasedAt(), c.getExpiresAt(), c.getCreatedAt(),
                c.getCreatedBy(), c.getEndedAt(), c.getEndReason());
    }
}
