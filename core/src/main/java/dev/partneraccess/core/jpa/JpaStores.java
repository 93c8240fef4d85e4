package dev.partneraccess.core.jpa;

import jakarta.persistence.EntityManager;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

/** Builds the stores that work on the session's persistence context, so no caller outside this package sees it. */
public final class JpaStores {

    private JpaStores() {
    }

    private static EntityManager em(KeycloakSession session) {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    public static NoticeStore notices(KeycloakSession session) {
        return new NoticeStore(em(session));
    }

    public static RequestStore requests(KeycloakSession session, String realmId) {
        return new RequestStore(em(session), realmId);
    }

    public static DelegationStore delegations(KeycloakSession session, String realmId) {
        return new DelegationStore(em(session), realmId);
    }

    public static GrantStore grants(KeycloakSession session, String realmId) {
        return new GrantStore(em(session), realmId);
    }

    public static ServiceAccountStore serviceAccounts(KeycloakSession session, String realmId) {
        return new ServiceAccountStore(em(session), realmId);
    }

    public static SessionStore sessions(KeycloakSession session) {
        return new SessionStore(em(session));
    }

    public static ContentStore contents(KeycloakSession session, String realmId) {
        return new ContentStore(em(session), realmId);
    }

    /** Removes what the product kept about a realm that is being deleted. */
    public static void deleteRealm(KeycloakSession session, String realmId) {
        RealmData.delete(em(session), realmId);
    }
}
