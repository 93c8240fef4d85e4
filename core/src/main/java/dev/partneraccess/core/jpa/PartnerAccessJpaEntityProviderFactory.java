package dev.partneraccess.core.jpa;

import java.util.List;

import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;

import dev.partneraccess.core.support.NoLifecycle;

/**
 * Registers the {@code PA_} tables and their Liquibase changelog with Keycloak's persistence unit; nothing else. The
 * server options, the scheduled work and the cleanup of a removed realm belong to the partner access SPI's factory.
 */
public final class PartnerAccessJpaEntityProviderFactory implements JpaEntityProviderFactory, JpaEntityProvider,
        NoLifecycle<JpaEntityProvider> {

    public static final String PROVIDER_ID = "partner-access";

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return this;
    }

    @Override
    public List<Class<?>> getEntities() {
        return List.of(PolicyVersionEntity.class, EvidenceEntity.class, EvidenceHeadEntity.class, RequestEntity.class,
                StageEntity.class, GrantEntity.class, NoticeEntity.class, TaskLeaseEntity.class,
                ServiceAccountEntity.class, LedgerCheckEntity.class, PartnerProfileEntity.class,
                ReviewEntity.class, ReviewItemEntity.class, ReviewReviewerEntity.class, LastLoginEntity.class,
                ContentEntity.class, GrantCountEntity.class);
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
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
