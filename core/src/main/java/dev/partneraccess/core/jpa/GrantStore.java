package dev.partneraccess.core.jpa;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.keycloak.models.jpa.entities.UserEntity;

import dev.partneraccess.core.access.Grant;
import dev.partneraccess.core.access.GrantModel;
import dev.partneraccess.core.access.HeldGrant;
import dev.partneraccess.core.support.Paging;

import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;

/**
 * The grants of one realm ({@code PA_GRANT}): every query, write and row lock of them is here. Rows the services
 * change come out as {@link GrantModel}, answers as {@link Grant} and {@link HeldGrant} values.
 */
public final class GrantStore {

    private final EntityManager em;
    private final String realmId;

    public GrantStore(EntityManager em, String realmId) {
        this.em = em;
        this.realmId = realmId;
    }

    /** A new grant row, not stored until {@link #persist}. */
    public GrantModel newGrant() {
        return new GrantAdapter(new GrantEntity());
    }

    public void persist(GrantModel grant) {
        em.persist(entity(grant));
    }

    /** The grant of this realm, locked for the rest of the transaction when {@code lock}; null when there is none. */
    public GrantModel find(String id, boolean lock) {
        GrantEntity grant = lock ? em.find(GrantEntity.class, id, LockModeType.PESSIMISTIC_WRITE) : em.find(GrantEntity.class, id);
        return grant == null || !grant.getRealmId().equals(realmId) ? null : new GrantAdapter(grant);
    }

    /**
     * Locks the active grants a user holds through a partner (user given) or all the partner's active grants (user
     * null), in id order.
     */
    public List<GrantModel> lockActive(String partnerId, String userId) {
        TypedQuery<GrantEntity> query = em.createQuery("select g from PaGrant g where g.realmId = :realmId"
                + " and g.partnerId = :partnerId and g.status = 'ACTIVE'" + (userId == null ? "" : " and g.userId = :userId")
                + " order by g.id", GrantEntity.class)
                .setParameter("realmId", realmId).setParameter("partnerId", partnerId);
        if (userId != null) {
            query.setParameter("userId", userId);
        }
        return models(query.setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList());
    }

    /** The user's ACTIVE grants, including those past their end, earliest expiry first. */
    public List<GrantModel> active(String userId) {
        return models(em.createNamedQuery("PA_Grant.activeForUser", GrantEntity.class)
                .setParameter("realmId", realmId)
                .setParameter("userId", userId)
                .getResultList());
    }

    /** The user's ACTIVE grants as the token side needs them, earliest expiry first (lapsed ones included). */
    public List<HeldGrant> held(String userId) {
        return active(userId).stream()
                .map(g -> new HeldGrant(g.getId(), g.getRoleId(), g.getRoleName(), g.getClientId(), g.getExpiresAt()))
                .toList();
    }

    /** The user's ACTIVE grant of the role, if any. */
    public Optional<GrantModel> activeForUserRole(String userId, String roleId) {
        return em.createNamedQuery("PA_Grant.activeForUserRole", GrantEntity.class)
                .setParameter("realmId", realmId).setParameter("userId", userId).setParameter("roleId", roleId)
                .getResultStream().findFirst().map(GrantAdapter::new);
    }

    public boolean hasActiveGrant(String userId, String roleId) {
        return !em.createNamedQuery("PA_Grant.activeForUserRole", GrantEntity.class)
                .setParameter("realmId", realmId)
                .setParameter("userId", userId)
                .setParameter("roleId", roleId)
                .setMaxResults(1).getResultList().isEmpty();
    }

    /** A page of the realm's grants, earliest granted first; null filters are left out. */
    public List<Grant> list(String userId, String partnerId, String roleName, String status, Long expiringBefore, Paging paging) {
        StringBuilder jpql = new StringBuilder("select g from PaGrant g where g.realmId = :realmId");
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("realmId", realmId);
        if (userId != null) {
            jpql.append(" and g.userId = :userId");
            parameters.put("userId", userId);
        }
        if (partnerId != null) {
            jpql.append(" and g.partnerId = :partnerId");
            parameters.put("partnerId", partnerId);
        }
        if (roleName != null) {
            jpql.append(" and g.roleName = :roleName");
            parameters.put("roleName", roleName);
        }
        if (status != null) {
            jpql.append(" and g.status = :status");
            parameters.put("status", status);
        }
        if (expiringBefore != null) {
            jpql.append(" and g.expiresAt < :before");
            parameters.put("before", expiringBefore);
        }
        jpql.append(" order by g.grantedAt, g.id");
        TypedQuery<GrantEntity> query = em.createQuery(jpql.toString(), GrantEntity.class);
        parameters.forEach(query::setParameter);
        return query.setFirstResult(paging.first()).setMaxResults(paging.max()).getResultStream().map(g -> answer(new GrantAdapter(g))).toList();
    }

    // ---- the sweep ----

    /** A due grant's id and end, the key the sweep pages by. */
    public record Due(String id, long expiresAt) {
    }

    /** The next page of ACTIVE grants past their end at {@code now}, after ({@code afterAt}, {@code afterId}) by (end, id). */
    public List<Due> due(long now, long afterAt, String afterId, int max) {
        return em.createQuery("select g.id, g.expiresAt from PaGrant g"
                        + " where g.realmId = :realmId and g.status = 'ACTIVE' and g.expiresAt <= :now"
                        + " and (g.expiresAt > :afterAt or (g.expiresAt = :afterAt and g.id > :afterId))"
                        + " order by g.expiresAt, g.id", Object[].class)
                .setParameter("realmId", realmId).setParameter("now", now).setParameter("afterAt", afterAt)
                .setParameter("afterId", afterId).setMaxResults(max).getResultList()
                .stream().map(row -> new Due((String) row[0], (Long) row[1])).toList();
    }

    /** Locks the grant rows by id, in id order, without loading them into the persistence context. */
    @SuppressWarnings("unchecked")
    public List<String> lockIds(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return em.createNativeQuery("SELECT ID FROM PA_GRANT WHERE ID IN (:ids) ORDER BY ID FOR UPDATE")
                .setParameter("ids", ids).getResultList();
    }

    /** From now on this transaction's writes wait for its commit instead of being flushed before every read. */
    public void flushAtCommit() {
        em.setFlushMode(FlushModeType.COMMIT);
    }

    /** A due grant's id, holder and role, as the expiry reads them before removing the role mapping. */
    public record Holding(String id, String userId, String roleId) {
    }

    /** Of these (locked) grants, those still ACTIVE and past their end at {@code now}. */
    public List<Holding> stillDue(List<String> lockedIds, long now) {
        return holdings(em.createQuery("select g.id, g.userId, g.roleId from PaGrant g where g.id in :ids"
                        + " and g.status = 'ACTIVE' and g.expiresAt <= :now", Object[].class)
                .setParameter("ids", lockedIds).setParameter("now", now).getResultList());
    }

    /** Of these (locked) grants, those still ACTIVE, in id order. */
    public List<Holding> stillActive(List<String> lockedIds) {
        if (lockedIds.isEmpty()) {
            return List.of();
        }
        return holdings(em.createQuery("select g.id, g.userId, g.roleId from PaGrant g where g.id in :ids"
                        + " and g.realmId = :realmId and g.status = 'ACTIVE' order by g.id", Object[].class)
                .setParameter("ids", lockedIds).setParameter("realmId", realmId).getResultList());
    }

    private static List<Holding> holdings(List<Object[]> rows) {
        return rows.stream().map(row -> new Holding((String) row[0], (String) row[1], (String) row[2])).toList();
    }

    /**
     * Reads these users of Keycloak's own store into the persistence context in one query, so that looking each up
     * through the model afterwards reads nothing more; users of other stores are simply not found here.
     */
    public void loadUsers(List<String> userIds) {
        if (!userIds.isEmpty()) {
            em.createQuery("select u from UserEntity u where u.id in :ids", UserEntity.class)
                    .setParameter("ids", userIds).getResultList();
        }
    }

    /** Leaves the user's entity out of the persistence context: the next flush need not look at it. */
    public void detachUser(String userId) {
        em.detach(em.getReference(UserEntity.class, userId));
    }

    /** These grants, loaded, in id order. */
    public List<GrantModel> byIds(Collection<String> ids) {
        return models(em.createQuery("select g from PaGrant g where g.id in :ids order by g.id", GrantEntity.class)
                .setParameter("ids", ids).getResultList());
    }

    /**
     * The next ACTIVE grants ending within ({@code now}, {@code horizon}] without the notice, by (end, id), at most
     * {@code max}.
     */
    public List<GrantModel> dueForNotice(long now, long horizon, NoticeStore.NotNoticed notNoticed, int max) {
        return models(notNoticed.bind(em.createQuery("select g from PaGrant g where g.realmId = :realmId"
                        + " and g.status = 'ACTIVE' and g.expiresAt > :now and g.expiresAt <= :horizon and "
                        + notNoticed.jpql("g") + " order by g.expiresAt, g.id", GrantEntity.class))
                .setParameter("realmId", realmId).setParameter("now", now).setParameter("horizon", horizon)
                .setMaxResults(max).getResultList());
    }

    // ---- answers ----

    /** The grant as the services answer it. */
    public Grant answer(GrantModel grant) {
        return new Grant(grant.getId(), grant.getRequestId(), grant.getUserId(), grant.getPartnerId(),
                grant.getRoleName(), grant.getClientId(), grant.getGrantedAt(), grant.getExpiresAt(),
                grant.getStatus(), grant.getRevokedReason(), grant.isException());
    }

    private static List<GrantModel> models(List<GrantEntity> entities) {
        return entities.stream().<GrantModel>map(GrantAdapter::new).toList();
    }

    private static GrantEntity entity(GrantModel grant) {
        return ((GrantAdapter) grant).entity;
    }
}
