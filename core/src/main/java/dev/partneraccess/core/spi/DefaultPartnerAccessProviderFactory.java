package dev.partneraccess.core.spi;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.services.scheduled.ClusterAwareScheduledTaskRunner;
import org.keycloak.timer.TimerProvider;

import dev.partneraccess.core.access.PostureMetrics;
import dev.partneraccess.core.access.SweepTask;
import dev.partneraccess.core.jpa.PartnerProfileBackfill;
import dev.partneraccess.core.jpa.JpaStores;
import dev.partneraccess.core.content.ContentReleaseCache;
import dev.partneraccess.core.policy.PolicyCache;

/**
 * The {@code default} partner access provider's factory. It reads the server options once, holds what a node keeps in
 * memory (the parsed policies, the gauges), and once the schema is ready
 * backfills partner profiles and schedules the expiry sweep (once per cluster) and the gauges' refresh (on every
 * node). A removed realm's partner data goes with it.
 */
public final class DefaultPartnerAccessProviderFactory implements PartnerAccessProviderFactory {

    public static final String PROVIDER_ID = "default";
    private static final Logger LOG = Logger.getLogger(DefaultPartnerAccessProviderFactory.class);
    static final String METRICS_TASK = "partner-access-posture-metrics";

    private ServerOptions options = new ServerOptions(ServerOptions.DEFAULT_SWEEP_INTERVAL,
            ServerOptions.DEFAULT_SWEEP_BATCH_SIZE, ServerOptions.DEFAULT_METRICS_INTERVAL);
    private final PolicyCache policyCache = new PolicyCache();
    private final ContentReleaseCache releaseCache = new ContentReleaseCache();
    private final PostureMetrics metrics = new PostureMetrics();

    @Override
    public PartnerAccessProvider create(KeycloakSession session) {
        return new DefaultPartnerAccessProvider(session, this);
    }

    @Override
    public void init(Config.Scope config) {
        options = ServerOptions.read(config, Config.scope(ServerOptions.LEGACY_SPI, ServerOptions.LEGACY_PROVIDER), LOG::warn);
        LOG.infof("partner access: expiry sweep every %d s in batches of %d, gauges refreshed every %d s",
                options.sweepIntervalSeconds(), options.sweepBatchSize(), options.metricsIntervalSeconds());
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(ServerOptions.SWEEP_INTERVAL).type("int").defaultValue(ServerOptions.DEFAULT_SWEEP_INTERVAL)
                .helpText("Seconds between two runs of the partner access expiry sweep (once per cluster).").add()
                .property().name(ServerOptions.SWEEP_BATCH_SIZE).type("int").defaultValue(ServerOptions.DEFAULT_SWEEP_BATCH_SIZE)
                .helpText("Grants, requests or notices the expiry sweep handles per transaction.").add()
                .property().name(ServerOptions.METRICS_INTERVAL).type("int").defaultValue(ServerOptions.DEFAULT_METRICS_INTERVAL)
                .helpText("Seconds between two refreshes of the partner_access_* gauges on each node.").add()
                .build();
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> onEvent(factory, event));
    }

    private void onEvent(KeycloakSessionFactory factory, ProviderEvent event) {
        if (event instanceof PostMigrationEvent) {
            PartnerProfileBackfill.run(factory);
            schedule(factory);
        }
        if (event instanceof RealmModel.RealmRemovedEvent removed) {
            // A deleted realm takes its partner data with it; nothing else refers to these rows.
            String realmId = removed.getRealm().getId();
            JpaStores.deleteRealm(removed.getKeycloakSession(), realmId);
            policyCache.forget(realmId);
            releaseCache.forget(realmId);
        }
    }

    /** Registers the expiry sweep with Keycloak's timer, through the cluster-aware runner, and the gauges' refresh. */
    private void schedule(KeycloakSessionFactory factory) {
        long interval = TimeUnit.SECONDS.toMillis(options.sweepIntervalSeconds());
        String node = Objects.requireNonNullElse(System.getProperty("jboss.node.name"), "node")
                + "-" + UUID.randomUUID().toString().substring(0, 8);
        KeycloakModelUtils.runJobInTransaction(factory, session -> {
            TimerProvider timer = session.getProvider(TimerProvider.class);
            timer.schedule(new ClusterAwareScheduledTaskRunner(factory, new SweepTask(interval, node), interval),
                    interval, SweepTask.NAME);
            // Every node refreshes its own gauges from the database, so each shows the same truth.
            timer.schedule(() -> metrics.refresh(factory), TimeUnit.SECONDS.toMillis(options.metricsIntervalSeconds()),
                    METRICS_TASK);
        });
    }

    /** Grants, requests or notices the expiry sweep handles per transaction. */
    int sweepBatchSize() {
        return options.sweepBatchSize();
    }

    PolicyCache policyCache() {
        return policyCache;
    }

    ContentReleaseCache releaseCache() {
        return releaseCache;
    }

    PostureMetrics metrics() {
        return metrics;
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
