package dev.partneraccess.core.jpa;

import java.util.List;

import jakarta.persistence.EntityManager;

/** The partner data of one realm, all of it: deleted when Keycloak removes the realm. */
public final class RealmData {

    private static final List<String> DELETES = List.of("PA_ReviewReviewer.deleteByRealm", "PA_ReviewItem.deleteByRealm",
            "PA_Review.deleteByRealm", "PA_LastLogin.deleteByRealm", "PA_PartnerProfile.deleteByRealm", "PA_LedgerCheck.deleteByRealm",
            "PA_ServiceAccount.deleteByRealm", "PA_Stage.deleteByRealm",
            "PA_Request.deleteByRealm", "PA_Grant.deleteByRealm", "PA_Evidence.deleteByRealm",
            "PA_EvidenceHead.deleteByRealm", "PA_PolicyVersion.deleteByRealm");

    private RealmData() {
    }

    public static void delete(EntityManager em, String realmId) {
        new NoticeStore(em).deleteRealm(realmId);
        for (String query : DELETES) {
            em.createNamedQuery(query).setParameter("realmId", realmId).executeUpdate();
        }
    }
}
