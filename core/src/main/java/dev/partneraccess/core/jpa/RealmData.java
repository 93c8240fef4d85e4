package dev.partneraccess.core.jpa;

import java.util.List;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

import jakarta.persistence.EntityManager;

/** The partner data of one realm, all of it: deleted when Keycloak removes the realm. */
public final class RealmData {

    private static final List<String> DELETES = List.of("PA_Content.deleteByRealm", "PA_ReviewReviewer.deleteByRealm", "PA_ReviewItem.deleteByRealm",
            "PA_Review.deleteByRealm", "PA_LastLogin.deleteByRealm", "PA_PartnerProfile.deleteByRealm", "PA_LedgerCheck.deleteByRealm",
            "PA_ServiceAccount.deleteByRealm", "PA_Delegation.deleteByRealm", "PA_Stage.deleteByRealm",
            "PA_Request.deleteByRealm", "PA_Grant.deleteByRealm", "PA_GrantCount.deleteByRealm", "PA_Evidence.deleteByRealm",
            "PA_EvidenceHead.deleteByRealm", "PA_PolicyVersion.deleteByRealm");

    private RealmData() {
    }

    public static void delete(EntityManager em, String realmId) {
        new NoticeStore(em).deleteRealm(realmId);
        for (String query : DELETES) {
            em.createNamedQuery(query).setParameter("realmId", realmId).executeUpdate();
        }
    }

    /** The realms that have a partner access policy: the ones the sweep goes through. */
    public static List<String> withPolicy(KeycloakSession session) {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager()
                .createQuery("select distinct p.realmId from PaPolicyVersion p", String.class).getResultList();
    }
}
