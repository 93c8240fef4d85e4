package dev.partneraccess.core.jpa;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.partneraccess.core.access.Delegation;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

/**
 * The approvers' delegations of one realm ({@code PA_DELEGATION}), one per approver. Writers hold the realm's evidence
 * lock, so two changes of one approver's delegation never race.
 */
public final class DelegationStore {

    private final EntityManager em;
    private final String realmId;

    public DelegationStore(EntityManager em, String realmId) {
        this.em = em;
        this.realmId = realmId;
    }

    /** The approver's delegation, ended or not. */
    public Optional<Delegation> from(String userId) {
        return entity(userId, false).map(DelegationStore::answer);
    }

    /** The delegations to this user still running at {@code now}, by delegator. */
    public List<Delegation> activeTo(String userId, long now) {
        return em.createNamedQuery("PA_Delegation.activeTo", DelegationEntity.class)
                .setParameter("realmId", realmId).setParameter("userId", userId).setParameter("now", now)
                .getResultStream().map(DelegationStore::answer).toList();
    }

    /** Sets the approver's delegation, replacing the one there was. */
    public Delegation put(String fromUser, String toUser, long until, long now) {
        Optional<DelegationEntity> existing = entity(fromUser, true);
        DelegationEntity entity = existing.orElseGet(DelegationEntity::new);
        entity.setToUser(toUser);
        entity.setUntil(until);
        entity.setCreatedAt(now);
        if (existing.isEmpty()) {
            entity.setId(UUID.randomUUID().toString());
            entity.setRealmId(realmId);
            entity.setFromUser(fromUser);
            em.persist(entity);
        }
        return answer(entity);
    }

    /** Removes the approver's delegation; answers it, if there was one. */
    public Optional<Delegation> remove(String fromUser) {
        Optional<DelegationEntity> entity = entity(fromUser, true);
        entity.ifPresent(em::remove);
        return entity.map(DelegationStore::answer);
    }

    /** Delegations past their end at {@code now}, oldest end first, at most {@code max}. */
    public List<Delegation> lapsed(long now, int max) {
        return em.createNamedQuery("PA_Delegation.lapsed", DelegationEntity.class)
                .setParameter("realmId", realmId).setParameter("now", now).setMaxResults(max)
                .getResultStream().map(DelegationStore::answer).toList();
    }

    private Optional<DelegationEntity> entity(String fromUser, boolean lock) {
        var query = em.createNamedQuery("PA_Delegation.from", DelegationEntity.class)
                .setParameter("realmId", realmId).setParameter("userId", fromUser);
        if (lock) {
            query.setLockMode(LockModeType.PESSIMISTIC_WRITE);
        }
        return query.getResultStream().findFirst();
    }

    private static Delegation answer(DelegationEntity entity) {
        return new Delegation(entity.getId(), entity.getFromUser(), entity.getToUser(), entity.getUntil(), entity.getCreatedAt());
    }
}
