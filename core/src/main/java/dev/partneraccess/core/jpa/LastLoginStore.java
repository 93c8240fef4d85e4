package dev.partneraccess.core.jpa;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.utils.KeycloakModelUtils;

import jakarta.persistence.EntityManager;

/**
 * The users' last logins ({@code PA_LAST_LOGIN}), recorded by the gate at most once an hour per user across the
 * cluster: the hour is claimed in Keycloak's single-use store first, so most logins write nothing to the database.
 */
public final class LastLoginStore {

    private static final Logger LOG = Logger.getLogger(LastLoginStore.class);
    static final long HOUR_SECONDS = 3600;
    /** The width of {@code PA_LAST_LOGIN.USER_ID}, a Keycloak user id. */
    private static final int USER_ID_MAX = 36;
    private static final String PREFIX = "partner-access:last-login:";

    private final KeycloakSession session;

    public LastLoginStore(KeycloakSession session) {
        this.session = session;
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    /**
     * Records a login at {@code nowMillis} unless this user's login was already recorded in the same hour of
     * Keycloak's clock (tests move it). The claim lives for two hours of real time, long enough to cover its hour even
     * when the clock was moved.
     */
    public void recordLogin(String realmId, String userId, long nowMillis) {
        if (userId.length() > USER_ID_MAX) {
            // A user of a storage provider without import (f:<component>:<id>) does not fit the column; not recorded.
            return;
        }
        long hour = nowMillis / 1000 / HOUR_SECONDS;
        if (!session.singleUseObjects().putIfAbsent(PREFIX + realmId + ":" + userId + ":" + hour, 2 * HOUR_SECONDS)) {
            return;
        }
        // A transaction of its own: the record serves the reviews' recommendations, and a write that fails (two nodes
        // inserting a user's first row at once) must never fail the login it comes from.
        try {
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(),
                    own -> write(own.getProvider(JpaConnectionProvider.class).getEntityManager(), realmId, userId, nowMillis));
        } catch (RuntimeException e) {
            LOG.warnf("The login of user %s was not recorded for the access reviews: %s", userId, e.getMessage());
        }
    }

    private static void write(EntityManager em, String realmId, String userId, long nowMillis) {
        int updated = em.createQuery("update PaLastLogin l set l.loginAt = :now where l.userId = :userId")
                .setParameter("now", nowMillis).setParameter("userId", userId).executeUpdate();
        if (updated == 0) {
            LastLoginEntity entity = new LastLoginEntity();
            entity.setUserId(userId);
            entity.setRealmId(realmId);
            entity.setLoginAt(nowMillis);
            em.persist(entity);
        }
    }

    /** The last recorded login of each of these users that has one (epoch milliseconds). */
    public Map<String, Long> lastLogins(String realmId, Collection<String> userIds) {
        Map<String, Long> found = new HashMap<>();
        if (userIds.isEmpty()) {
            return found;
        }
        em().createQuery("select l.userId, l.loginAt from PaLastLogin l where l.realmId = :realmId and l.userId in :ids",
                        Object[].class)
                .setParameter("realmId", realmId).setParameter("ids", userIds).getResultStream()
                .forEach(row -> found.put((String) row[0], (Long) row[1]));
        return found;
    }
}
