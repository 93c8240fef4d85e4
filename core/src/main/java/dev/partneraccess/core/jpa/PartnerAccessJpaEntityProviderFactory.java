package dev.partneraccess.core.jpa;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.keycloak.Config;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.services.scheduled.ClusterAwareScheduledTaskRunner;
import org.keycloak.timer.TimerProvider;

import dev.partneraccess.core.access.PostureMetrics;
import dev.partneraccess.core.access.SweepTask;
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
                StageEntity.class, GrantEntity.class, NoticeEntity.class, TaskLeaseEntity.class,
                ServiceAccountEntity.class, LedgerCheckEntity.class, PartnerProfileEntity.class);
    }

    @Override
    public String getChangelogLocation() {
        return "META-INF/partner-access/changelog-master.xml";
    }

    @Override
    public String getFactoryId() {
        return PROVIDER_ID;
    }

    /** Server options: {@code --spi-jpa-entity-provider--partner-access--sweep-interval} (seconds) and {@code ...--sweep-batch-size}. */
    public static final String SWEEP_INTERVAL = "sweep-interval";
    public static final String SWEEP_BATCH_SIZE = "sweep-batch-size";

    private long sweepIntervalSeconds = 60;
    private int sweepBatchSize = 500;
    private long metricsIntervalSeconds = 60;
    public static final String METRICS_INTERVAL = "metrics-interval";

    @Override
    public void init(Config.Scope config) {
        sweepIntervalSeconds = Math.max(1, config.getLong(SWEEP_INTERVAL, 60L));
        sweepBatchSize = Math.max(1, config.getInt(SWEEP_BATCH_SIZE, 500));
        metricsIntervalSeconds = Math.max(1, config.getLong(METRICS_INTERVAL, 60L));
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(SWEEP_INTERVAL).type("int").defaultValue(60)
                .helpText("Seconds between two runs of the partner access expiry sweep (once per cluster).").add()
                .property().name(SWEEP_BATCH_SIZE).type("int").defaultValue(500)
                .helpText("Grants, requests or notices the expiry sweep handles per transaction.").add()
                .property().name(METRICS_INTERVAL).type("int").defaultValue(60)
                .helpText("Seconds between two refreshes of the partner_access_* gauges on each node.").add()
                .build();
    }

    public int sweepBatchSize() {
        return sweepBatchSize;
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // A deleted realm takes its partner data with it; nothing else refers to these rows.
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                PartnerProfileBackfill.run(factory);
                scheduleSweep(factory);
            }
            if (event instanceof RealmModel.RealmRemovedEvent removed) {
                EntityManager em = removed.getKeycloakSession().getProvider(JpaConnectionProvider.class).getEntityManager();
                String realmId = removed.getRealm().getId();
                PolicyCache.forget(realmId);
                for (String query : List.of("PA_PartnerProfile.deleteByRealm", "PA_LedgerCheck.deleteByRealm", "PA_ServiceAccount.deleteByRealm", "PA_Notice.deleteByRealm", "PA_Stage.deleteByRealm", "PA_Request.deleteByRealm",
                        "PA_Grant.deleteByRealm", "PA_Evidence.deleteByRealm", "PA_EvidenceHead.deleteByRealm", "PA_PolicyVersion.deleteByRealm")) {
                    em.createNamedQuery(query).setParameter("realmId", realmId).executeUpdate();
                }
            }
        });
    }

    /** Registers the expiry sweep with Keycloak's timer, through the cluster-aware runner, once the schema is ready. */
    private void scheduleSweep(KeycloakSessionFactory factory) {
        long interval = TimeUnit.SECONDS.toMillis(sweepIntervalSeconds);
        String node = java.util.Objects.requireNonNullElse(System.getProperty("jboss.node.name"), "node")
                + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        KeycloakModelUtils.runJobInTransaction(factory, session -> {
            TimerProvider timer = session.getProvider(TimerProvider.class);
            timer.schedule(new ClusterAwareScheduledTaskRunner(factory, new SweepTask(interval, sweepBatchSize, node), interval),
                    interval, SweepTask.NAME);
            // Every node refreshes its own gauges from the database, so each shows the same truth.
            long metricsInterval = TimeUnit.SECONDS.toMillis(metricsIntervalSeconds);
            timer.schedule(() -> PostureMetrics.refresh(factory), metricsInterval, "partner-access-posture-metrics");
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
