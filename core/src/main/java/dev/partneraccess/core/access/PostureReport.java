package dev.partneraccess.core.access;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.organization.OrganizationProvider;

import dev.partneraccess.core.evidence.EvidenceType;
import dev.partneraccess.core.evidence.LedgerCheck;
import dev.partneraccess.core.jpa.PostureStore;
import dev.partneraccess.core.partner.PartnerAttributes;
import dev.partneraccess.core.partner.PartnerStatus;
import dev.partneraccess.core.policy.AccessLimits;
import dev.partneraccess.core.policy.Policy;
import dev.partneraccess.core.policy.StoredPolicy;
import dev.partneraccess.core.spi.PartnerAccessProvider;

/**
 * The governance figures of a realm ({@code GET /report} and the {@code partner_access_*} gauges), each one aggregate
 * query on the database or, for the active grants and exceptions, the counts kept with every grant change
 * ({@link GrantCounter}): no rows are loaded into memory, so every node reports the same truth.
 */
public final class PostureReport {

    private static final long DAY = TimeUnit.DAYS.toMillis(1);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final PostureStore store;

    private final PartnerAccessProvider access;

    /** Built by {@link PartnerAccessProvider#report(RealmModel)}, once per session and realm. */
    public PostureReport(KeycloakSession session, RealmModel realm, PostureStore store, PartnerAccessProvider access) {
        this.session = session;
        this.realm = realm;
        this.store = store;
        this.access = access;
    }

    public PostureFigures compute() {
        long now = Time.currentTimeMillis();
        Policy policy = access.policies().current(realm).map(StoredPolicy::policy).orElse(null);
        String realmId = realm.getId();

        Map<PartnerStatus, Long> partners = new EnumMap<>(PartnerStatus.class);
        OrganizationProvider organizations = realm.isOrganizationsEnabled() ? organizations() : null;
        for (PartnerStatus status : PartnerStatus.values()) {
            partners.put(status, organizations == null ? 0
                    : organizations.getAllStream(java.util.Map.of(PartnerAttributes.STATUS, status.name()), null, null).count());
        }

        // Active grants and exceptions from the kept counts (one row); the 7-day window depends on the clock and is
        // counted over the expiry index, reading only the grants that end in it.
        GrantTotals kept = access.grantCounts(realm).totals();
        PostureFigures.Grants grants = new PostureFigures.Grants(kept.active(),
                store.activeGrantsEnding(realmId, now, now + 7 * DAY), withoutExpiry(policy), kept.exceptions());

        long pending = store.pendingRequests(realmId);
        Long oldest = store.oldestPendingCreatedAt(realmId);
        PostureFigures.Requests requests = new PostureFigures.Requests(pending,
                oldest == null ? 0 : Math.max(0, (now - oldest) / DAY));

        PostureFigures.OutOfBand outOfBand = new PostureFigures.OutOfBand(
                evidenceSince(EvidenceType.OUT_OF_BAND_GRANT_REVERTED, now - 30 * DAY),
                evidenceSince(EvidenceType.OUT_OF_BAND_GRANT_FLAGGED, now - 30 * DAY));

        PostureFigures.ServiceAccounts accounts = new PostureFigures.ServiceAccounts(
                store.enabledServiceAccounts(realmId),
                store.expiredButEnabledServiceAccounts(realmId, now),
                secretsOverMaxAge(policy, now),
                store.serviceAccountsUnusedSince(realmId, now - 90 * DAY));

        long records = access.ledger().records(realmId);
        LedgerCheck check = access.ledgerChecks().last(realmId);
        PostureFigures.Evidence evidence = new PostureFigures.Evidence(records,
                check == null ? null : check.getVerifiedAt(), check == null ? null : check.isValid());

        // A realm where any wiring check fails is one where the policy can be bypassed.
        List<String> failing = access.wiring(realm).failing();
        PostureFigures.Wiring wiring = new PostureFigures.Wiring(failing.isEmpty(), List.copyOf(failing));

        PostureFigures.Reviews reviews = new PostureFigures.Reviews(store.openReviews(realmId),
                store.overdueReviewItems(realmId, now), store.reviewItemsRevokedSince(realmId, now - 90 * DAY));
        long[] released = access.contents(realm).figures();
        PostureFigures.Content content = new PostureFigures.Content(released[0], released[1], released[2]);
        return new PostureFigures(partners, grants, requests, outOfBand, accounts, evidence, wiring, reviews, content);
    }

    /**
     * Governed roles held without an active grant behind them, access with no end: held directly, through a group
     * holding one (its direct members), or by every user when the realm's default roles include one. Counted in the
     * database over Keycloak's own role-mapping and membership tables, read through its persistence unit; a user
     * reached by two of these paths counts twice.
     */
    private long withoutExpiry(Policy policy) {
        if (policy == null) {
            return 0;
        }
        List<String> roles = GovernedRoles.roles(realm, policy).stream().map(RoleModel::getId).toList();
        if (roles.isEmpty()) {
            return 0;
        }
        long direct = store.directMappingsWithoutGrant(realm.getId(), roles);
        // A governed role through a group is never a grant: every member of a group holding one has it with no end.
        long throughGroups = store.membersOfGroupsHolding(realm.getId(), roles);
        // Among the default roles, it reaches every user of the realm.
        RoleModel defaults = realm.getDefaultRole();
        boolean inDefaults = defaults != null && GovernedRoles.governedIn(defaults.getCompositesStream(),
                GovernedRoles.roles(realm, policy)).isPresent();
        return direct + throughGroups + (inDefaults ? session.users().getUsersCount(realm) : 0);
    }

    private long evidenceSince(EvidenceType type, long since) {
        return store.evidenceSince(realm.getId(), type.name(), since);
    }

    /** Enabled service accounts whose secret is older than their partner's tier allows; one count per tier. */
    private long secretsOverMaxAge(Policy policy, long now) {
        if (policy == null || !realm.isOrganizationsEnabled()) {
            return 0;
        }
        long total = 0;
        for (Policy.Tier tier : policy.tiers()) {
            if (tier.secretMaxDays() == null) {
                continue;
            }
            List<String> partnerIds = organizations().getAllStream(java.util.Map.of(PartnerAttributes.TIER, tier.name()), null, null)
                    .map(o -> o.getId()).toList();
            if (partnerIds.isEmpty()) {
                continue;
            }
            total += store.serviceAccountsWithSecretsRotatedBy(realm.getId(), partnerIds,
                    AccessLimits.secretsTooOldUpTo(tier, now));
        }
        return total;
    }

    private OrganizationProvider organizations() {
        if (session.getContext().getRealm() == null) {
            session.getContext().setRealm(realm);
        }
        return session.getProvider(OrganizationProvider.class);
    }
}
