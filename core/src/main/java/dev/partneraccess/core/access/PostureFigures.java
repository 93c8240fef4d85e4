package dev.partneraccess.core.access;

import java.util.List;
import java.util.Map;

import dev.partneraccess.core.partner.PartnerStatus;

/**
 * The governance figures of a realm at one moment ({@code GET /report}, the {@code partner_access_*} gauges).
 * {@code partners} holds every status, in the order of {@link PartnerStatus}.
 */
public record PostureFigures(Map<PartnerStatus, Long> partners, Grants grants, Requests requests, OutOfBand outOfBand,
                             ServiceAccounts serviceAccounts, Evidence evidence, Wiring wiring, Reviews reviews,
                             Content content) {

    public PostureFigures(Map<PartnerStatus, Long> partners, Grants grants, Requests requests, OutOfBand outOfBand,
                          ServiceAccounts serviceAccounts, Evidence evidence, Wiring wiring, Reviews reviews) {
        this(partners, grants, requests, outOfBand, serviceAccounts, evidence, wiring, reviews, new Content(0, 0, 0));
    }

    public record Grants(long active, long expiringIn7Days, long withoutExpiry, long exceptions) {

        public Grants(long active, long expiringIn7Days, long withoutExpiry) {
            this(active, expiringIn7Days, withoutExpiry, 0);
        }
    }

    public record Requests(long pending, long oldestPendingDays) {
    }

    public record OutOfBand(long reverted30d, long flagged30d) {
    }

    public record ServiceAccounts(long enabled, long expiredButEnabled, long secretsOverMaxAge, long unusedFor90Days) {
    }

    /** {@code lastVerifiedAt} (epoch millis) and {@code valid} are null while the ledger was never checked. */
    public record Evidence(long records, Long lastVerifiedAt, Boolean valid) {
    }

    /**
     * Access reviews: those still {@code OPEN}, their undecided items past the due date, and the items revoked
     * (decided or defaulted) by reviews closed in the last 90 days.
     */
    public record Reviews(long open, long overdueItems, long revokedLast90Days) {
    }

    /** Content packages: those {@code RELEASED}, those {@code IN_REVIEW}, and releases ending within 7 days. */
    public record Content(long released, long inReview, long expiringIn7Days) {
    }

    /** A realm where any wiring check fails is one where the policy can be bypassed. */
    public record Wiring(boolean ok, List<String> failing) {
    }
}
