package dev.partneraccess.core.jpa;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;

import dev.partneraccess.core.policy.PolicyCache;

import jakarta.persistence.EntityManager;

/** Registers the {@code PA_} tables and their Liquibase changelog with Keycloak's persistence unit. */
public final class PartnerAccessJpaEntityProviderFactory implements JpaEntityProviderFactory, JpaEntityProvider {

    public static final String PROVIDER_ID = "partner-access";

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return this;
    }

    @Override
    public List<Class<?>> getEntities() {
        return List.of(PolicyVersionEntity.class, EvidenceEntity.class, EvidenceHeadEntity.class, RequestEntity.class,
                StageEntity.class, GrantEntity.class);
    }

    @Override
    public String getChangelogLocation() {
        return "META-INF/partner-access/changelog-master.xml";
    }

    @Override
    public String getFactoryId() {
        return PROVIDER_ID;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // A deleted realm takes its partner data with it; nothing else refers to these rows.
        factory.register(event -> {
            if (event instanceof RealmModel.RealmRemovedEvent removed) {
                EntityManager em = removed.getKeycloakSession().getProvider(JpaConnectionProvider.class).getEntityManager();
                String realmId = removed.getRealm().getId();
                PolicyCache.forget(realmId);
                for (String query : List.of("PA_Stage.deleteByRealm", "PA_Request.deleteByRealm",
                        "PA_Grant.deleteByRealm", "PA_Evidence.deleteByRealm", "PA_EvidenceHead.deleteByRealm", "PA_PolicyVersion.deleteByRealm")) {
                    em.createNamedQuery(query).setParameter("realmId", realmId).executeUpdate();
                }
            }
        });
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
