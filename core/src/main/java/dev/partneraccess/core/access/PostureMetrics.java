package dev.partneraccess.core.access;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import dev.partneraccess.core.partner.PartnerStatus;
import dev.partneraccess.core.spi.PartnerAccessProvider;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;

/**
 * The report's figures as {@code partner_access_*} gauges on Keycloak's metrics endpoint, tagged with the realm. Each
 * node computes them from the database on a schedule (and whenever it answers {@code GET /report}); a scrape only
 * reads the last figures. Every node therefore shows the database's truth, not counts of its own.
 */
public final class PostureMetrics {

    private static final Logger LOG = Logger.getLogger(PostureMetrics.class);

    /**
     * Gauge name suffix, and which figure it shows: a number as it is, a flag as 1 or 0, a time in epoch seconds, and
     * an absent figure as NaN.
     */
    private record Figure(String name, Function<PostureFigures, Object> figure, String description) {
    }

    private static final List<Figure> FIGURE_LIST = List.of(
            new Figure("partners_active", f -> f.partners().get(PartnerStatus.ACTIVE), "Partners with status ACTIVE"),
            new Figure("partners_suspended", f -> f.partners().get(PartnerStatus.SUSPENDED), "Partners with status SUSPENDED"),
            new Figure("partners_offboarded", f -> f.partners().get(PartnerStatus.OFFBOARDED), "Partners with status OFFBOARDED"),
            new Figure("grants_active", f -> f.grants().active(), "Active governed grants"),
            new Figure("grants_expiring_in_7_days", f -> f.grants().expiringIn7Days(), "Active grants ending within 7 days"),
            new Figure("grants_without_expiry", f -> f.grants().withoutExpiry(), "Governed roles held with no active grant (no end)"),
            new Figure("grants_exceptions", f -> f.grants().exceptions(), "Active grants issued as exceptions to the policy"),
            new Figure("requests_pending", f -> f.requests().pending(), "Pending access requests"),
            new Figure("requests_oldest_pending_days", f -> f.requests().oldestPendingDays(), "Age in days of the oldest pending request"),
            new Figure("out_of_band_reverted_30d", f -> f.outOfBand().reverted30d(), "Out-of-band grants reverted in 30 days"),
            new Figure("out_of_band_flagged_30d", f -> f.outOfBand().flagged30d(), "Out-of-band grants flagged in 30 days"),
            new Figure("service_accounts_enabled", f -> f.serviceAccounts().enabled(), "Enabled partner service accounts"),
            new Figure("service_accounts_expired_but_enabled", f -> f.serviceAccounts().expiredButEnabled(), "Service accounts past their end, still enabled"),
            new Figure("service_accounts_secrets_over_max_age", f -> f.serviceAccounts().secretsOverMaxAge(), "Service accounts whose secret is older than the tier allows"),
            new Figure("service_accounts_unused_for_90_days", f -> f.serviceAccounts().unusedFor90Days(), "Enabled service accounts unused for 90 days"),
            new Figure("evidence_records", f -> f.evidence().records(), "Records in the evidence ledger"),
            new Figure("evidence_valid", f -> f.evidence().valid(), "1 when the ledger verified at its last check, 0 when broken"),
            new Figure("evidence_last_verified_timestamp_seconds", f -> lastVerifiedAt(f.evidence().lastVerifiedAt()), "When the ledger was last verified"),
            new Figure("wiring_ok", f -> f.wiring().ok(), "1 when every wiring check of GET /setup passes, 0 when the policy can be bypassed"),
            new Figure("reviews_open", f -> f.reviews().open(), "Access reviews still open"),
            new Figure("reviews_overdue_items", f -> f.reviews().overdueItems(), "Undecided items of open reviews past their due date"),
            new Figure("reviews_revoked_last_90_days", f -> f.reviews().revokedLast90Days(), "Items revoked by reviews closed in the last 90 days"),
            new Figure("content_released", f -> f.content().released(), "Content packages released"),
            new Figure("content_in_review", f -> f.content().inReview(), "Content packages in review"),
            new Figure("content_expiring_in_7_days", f -> f.content().expiringIn7Days(), "Content releases ending within 7 days"));

    /** This node's last figures per realm; one instance per node, held by the partner access provider's factory. */
    private final Map<String, AtomicReference<PostureFigures>> figures = new ConcurrentHashMap<>();

    /** Publishes a realm's figures (registering its gauges the first time). */
    public void publish(RealmModel realm, PostureFigures report) {
        figures.computeIfAbsent(realm.getId(), id -> {
            AtomicReference<PostureFigures> holder = new AtomicReference<>(report);
            for (Figure figure : FIGURE_LIST) {
                Gauge.builder("partner_access_" + figure.name(), holder, h -> value(h.get(), figure))
                        .description(figure.description()).tag("realm", realm.getName()).register(Metrics.globalRegistry);
            }
            return holder;
        }).set(report);
    }

    private static double value(PostureFigures report, Figure figure) {
        Object value = report == null ? null : figure.figure().apply(report);
        if (value == null) {
            return Double.NaN;
        }
        if (value instanceof Boolean flag) {
            return flag ? 1 : 0;
        }
        if (value instanceof Instant time) {
            return time.getEpochSecond();
        }
        return ((Number) value).doubleValue();
    }

    private static Instant lastVerifiedAt(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    /** The scheduled refresh on this node: every realm with a policy. */
    public void refresh(KeycloakSessionFactory factory) {
        try {
            List<String> realms = new ArrayList<>();
            KeycloakModelUtils.runJobInTransaction(factory, s -> realms.addAll(s.getProvider(PartnerAccessProvider.class)
                    .policies().realmsWithPolicy()));
            for (String realmId : realms) {
                KeycloakModelUtils.runJobInTransaction(factory, s -> refresh(s, realmId));
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "partner access metrics could not be refreshed");
        }
    }

    private void refresh(KeycloakSession session, String realmId) {
        RealmModel realm = session.realms().getRealm(realmId);
        if (realm != null) {
            session.getContext().setRealm(realm);
            publish(realm, session.getProvider(PartnerAccessProvider.class).report(realm).compute());
        }
    }
}
