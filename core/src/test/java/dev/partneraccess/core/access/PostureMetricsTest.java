package dev.partneraccess.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.models.RealmModel;

import dev.partneraccess.core.partner.PartnerStatus;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class PostureMetricsTest {

    /** 2025-11-26T09:54:56.789Z */
    private static final long VERIFIED_AT = 1764150896789L;

    /** Keycloak's metrics endpoint in the server; a plain registry here. */
    private static final SimpleMeterRegistry REGISTRY = new SimpleMeterRegistry();

    @BeforeAll
    static void addRegistry() {
        Metrics.addRegistry(REGISTRY);
    }

    @AfterAll
    static void removeRegistry() {
        Metrics.removeRegistry(REGISTRY);
    }

    @Test
    @DisplayName("Given a realm's figures, then each gauge shows its figure: flags as 1 or 0, the last check in epoch seconds")
    void gaugesShowTheFigures() {
        PostureMetrics metrics = new PostureMetrics();
        metrics.publish(realm("metrics-checked"), figures(new PostureFigures.Evidence(42, VERIFIED_AT, false), true));

        assertThat(gauge("partners_active", "metrics-checked")).isEqualTo(3);
        assertThat(gauge("partners_offboarded", "metrics-checked")).isEqualTo(0);
        assertThat(gauge("grants_expiring_in_7_days", "metrics-checked")).isEqualTo(5);
        assertThat(gauge("requests_oldest_pending_days", "metrics-checked")).isEqualTo(9);
        assertThat(gauge("service_accounts_unused_for_90_days", "metrics-checked")).isEqualTo(14);
        assertThat(gauge("evidence_records", "metrics-checked")).isEqualTo(42);
        assertThat(gauge("evidence_valid", "metrics-checked")).isEqualTo(0);
        assertThat(gauge("evidence_last_verified_timestamp_seconds", "metrics-checked")).isEqualTo(1764150896);
        assertThat(gauge("wiring_ok", "metrics-checked")).isEqualTo(1);
        assertThat(gauge("reviews_open", "metrics-checked")).isEqualTo(15);
        assertThat(gauge("reviews_overdue_items", "metrics-checked")).isEqualTo(16);
        assertThat(gauge("reviews_revoked_last_90_days", "metrics-checked")).isEqualTo(17);
        assertThat(gauge("content_released", "metrics-checked")).isEqualTo(18);
        assertThat(gauge("content_in_review", "metrics-checked")).isEqualTo(19);
        assertThat(gauge("content_expiring_in_7_days", "metrics-checked")).isEqualTo(20);
    }

    @Test
    @DisplayName("Given a ledger never checked, then its validity and last check are NaN, and a later publish replaces the figures")
    void neverCheckedIsNaNUntilPublishedAgain() {
        PostureMetrics metrics = new PostureMetrics();
        RealmModel realm = realm("metrics-unchecked");
        metrics.publish(realm, figures(new PostureFigures.Evidence(0, null, null), false));

        assertThat(gauge("evidence_valid", "metrics-unchecked")).isNaN();
        assertThat(gauge("evidence_last_verified_timestamp_seconds", "metrics-unchecked")).isNaN();
        assertThat(gauge("wiring_ok", "metrics-unchecked")).isEqualTo(0);

        metrics.publish(realm, figures(new PostureFigures.Evidence(7, VERIFIED_AT, true), true));
        assertThat(gauge("evidence_valid", "metrics-unchecked")).isEqualTo(1);
        assertThat(gauge("evidence_records", "metrics-unchecked")).isEqualTo(7);
    }

    private static RealmModel realm(String name) {
        RealmModel realm = mock(RealmModel.class);
        when(realm.getId()).thenReturn(name + "-id");
        when(realm.getName()).thenReturn(name);
        return realm;
    }

    private static PostureFigures figures(PostureFigures.Evidence evidence, boolean wiringOk) {
        Map<PartnerStatus, Long> partners = new EnumMap<>(PartnerStatus.class);
        partners.put(PartnerStatus.ACTIVE, 3L);
        partners.put(PartnerStatus.SUSPENDED, 1L);
        partners.put(PartnerStatus.OFFBOARDED, 0L);
        return new PostureFigures(partners, new PostureFigures.Grants(4, 5, 6), new PostureFigures.Requests(8, 9),
                new PostureFigures.OutOfBand(10, 11), new PostureFigures.ServiceAccounts(12, 13, 2, 14), evidence,
                new PostureFigures.Wiring(wiringOk, wiringOk ? List.of() : List.of("browser-flow")),
                new PostureFigures.Reviews(15, 16, 17), new PostureFigures.Content(18, 19, 20));
    }

    private static double gauge(String name, String realm) {
        return REGISTRY.get("partner_access_" + name).tag("realm", realm).gauge().value();
    }
}
