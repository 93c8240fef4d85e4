package dev.partneraccess.core.jpa;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import org.keycloak.models.jpa.entities.UserEntity;
import org.keycloak.models.jpa.session.PersistentUserSessionEntity;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceUnitUtil;

/**
 * What the product reads and writes of Keycloak's own user and session rows for many users at once: ending the
 * sessions of a review's batch of holders would otherwise read two session lists and load each holder again, although
 * most of them have no session at all.
 */
public final class SessionStore {

    private final EntityManager em;

    SessionStore(EntityManager em) {
        this.em = em;
    }

    /**
     * Of these users, those with an online or offline session stored in the database, that is every session there is
     * when Keycloak persists user sessions (the caller checks that it does).
     */
    public Set<String> withStoredSessions(String realmId, Collection<String> userIds) {
        if (userIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(em.createQuery("select distinct s.userId from " + PersistentUserSessionEntity.class.getSimpleName()
                        + " s where s.realmId = :realmId and s.userId in :ids", String.class)
                .setParameter("realmId", realmId).setParameter("ids", userIds).getResultList());
    }

    /**
     * Moves the not-before of these users of Keycloak's own user store to {@code notBefore} in one statement. A user
     * whose row this transaction holds loaded gets the same value there too, so its flush at commit cannot write the
     * old one back. Answers how many rows were moved (a user of a federated store has none here).
     */
    public int moveNotBefore(String realmId, Collection<String> userIds, int notBefore) {
        if (userIds.isEmpty()) {
            return 0;
        }
        PersistenceUnitUtil loaded = em.getEntityManagerFactory().getPersistenceUnitUtil();
        for (String userId : userIds) {
            UserEntity user = em.getReference(UserEntity.class, userId);
            if (loaded.isLoaded(user)) {
                user.setNotBefore(notBefore);
            }
        }
        return em.createQuery("update " + UserEntity.class.getSimpleName()
                        + " u set u.notBefore = :notBefore where u.realmId = :realmId and u.id in :ids")
                .setParameter("notBefore", notBefore).setParameter("realmId", realmId).setParameter("ids", userIds)
                .executeUpdate();
    }
}
