package dev.partneraccess.core.jpa;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

import jakarta.persistence.EntityManager;

/** The stored policy versions of each realm ({@code PA_POLICY_VERSION}): every query and write of them is here. */
public final class PolicyVersionStore {

    /** One stored version: the document's JSON text as saved, and who saved it when. */
    public record Version(int version, String document, long updatedAt, String updatedBy) {
    }

    private final KeycloakSession session;

    public PolicyVersionStore(KeycloakSession session) {
        this.session = session;
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    /** The realm's newest version, read from the database. */
    public Optional<Version> latest(String realmId) {
        List<PolicyVersionEntity> latest = em().createNamedQuery("PA_PolicyVersion.latest", PolicyVersionEntity.class)
                .setParameter("realmId", realmId)
                .setMaxResults(1)
                .getResultList();
        return latest.stream().findFirst().map(PolicyVersionStore::toVersion);
    }

    /** Writes a new version; versions are never changed once written. */
    public Version save(String realmId, int version, String document, long updatedAt, String updatedBy) {
        PolicyVersionEntity entity = new PolicyVersionEntity();
        entity.setId(UUID.randomUUID().toString());
        entity.setRealmId(realmId);
        entity.setVersion(version);
        entity.setDocument(document);
        entity.setUpdatedAt(updatedAt);
        entity.setUpdatedBy(updatedBy);
        em().persist(entity);
        return toVersion(entity);
    }

    /** The ids of the realms that have a policy. */
    public List<String> realmsWithPolicy() {
        return em().createQuery("select distinct p.realmId from PaPolicyVersion p", String.class).getResultList();
    }

    private static Version toVersion(PolicyVersionEntity entity) {
        return new Version(entity.getVersion(), entity.getDocument(), entity.getUpdatedAt(), entity.getUpdatedBy());
    }
}
