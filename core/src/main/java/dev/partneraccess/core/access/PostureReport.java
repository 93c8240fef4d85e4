package dev.partneraccess.core.access;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.organization.OrganizationProvider;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.evidence.EvidenceType;
import dev.partneraccess.core.evidence.LedgerCheck;
import dev.partneraccess.core.partner.PartnerAttributes;
import dev.partneraccess.core.partner.PartnerStatus;
import dev.partneraccess.core.policy.AccessLimits;
import dev.partneraccess.core.policy.Policy;
import dev.partneraccess.core.policy.StoredPolicy;
import dev.partneraccess.core.spi.PartnerAccessProvider;
import dev.partneraccess.core.support.Json;

import jakarta.persistence.EntityManager;

/**
 * The governance figures of a realm ({@code GET /report} and the {@code partner_access_*} gauges), each one aggregate
 * query on the database: no rows are loaded into memory, so every node reports the same truth.
 */
public final class PostureReport {

    private static final long DAY = TimeUnit.DAYS.toMillis(1);

    private final KeycloakSession session;
    private final RealmModel realm;

    private final PartnerAccessProvider access;

    /** Built by {@link PartnerAccessProvider#report(RealmModel)}, once per session and realm. */
    public PostureReport(KeycloakSession session, RealmModel realm, PartnerAccessProvider access) {
        this.session = session;
        this.realm = realm;
        this.access = access;
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    private long count(String jpql, Object... parameters) {
        var query = em().createQuery(jpql, Long.class).setParameter("realmId", realm.getId());
        for (int i = 0; i < parameters.length; i += 2) {
            query.setParameter((String) parameters[i], parameters[i + 1]);
        }
        Long value = query.getSingleResult();
        return value == null ? 0 : value;
    }

    public ObjectNode compute() {
        long now = Time.currentTimeMillis();
        Policy policy = access.policies().current(realm).map(StoredPolicy::policy).orElse(null);
        ObjectNode report = Json.object();

        ObjectNode partners = report.putObject("partners");
        OrganizationProvider organizations = realm.isOrganizationsEnabled() ? organizations() : null;
        for (PartnerStatus status : PartnerStatus.values()) {
            partners.put(status.name(), organizations == null ? 0
                    : organizations.getAllStream(java.util.Map.of(PartnerAttributes.STATUS, status.name()), null, null).count());
        }

        ObjectNode grants = report.putObject("grants");
        grants.put("active", count("select count(g) from PaGrant g where g.realmId = :realmId and g.status = 'ACTIVE'"));
        grants.put("expiringIn7Days", count("select count(g) from PaGrant g where g.realmId = :realmId and g.status = 'ACTIVE'"
                + " and g.expiresAt > :now and g.expiresAt <= :week", "now", now, "week", now + 7 * DAY));
        grants.put("withoutExpiry", withoutExpiry(policy));

        ObjectNode requests = report.putObject("requests");
        requests.put("pending", count("select count(r) from PaRequest r where r.realmId = :realmId and r.status = 'PENDING'"));
        Long oldest = em().createQuery("select min(r.createdAt) from PaRequest r where r.realmId = :realmId and r.status = 'PENDING'", Long.class)
                .setParameter("realmId", realm.getId()).getSingleResult();
        requests.put("oldestPendingDays", oldest == null ? 0 : Math.max(0, (now - oldest) / DAY));

        ObjectNode outOfBand = report.putObject("outOfBand");
        outOfBand.put("reverted30d", evidenceSince(EvidenceType.OUT_OF_BAND_GRANT_REVERTED, now - 30 * DAY));
        outOfBand.put("flagged30d", evidenceSince(EvidenceType.OUT_OF_BAND_GRANT_FLAGGED, now - 30 * DAY));

        ObjectNode accounts = report.putObject("serviceAccounts");
        accounts.put("enabled", count("select count(a) from PaServiceAccount a where a.realmId = :realmId and a.enabled = true"));
        accounts.put("expiredButEnabled", count("select count(a) from PaServiceAccount a where a.realmId = :realmId"
                + " and a.enabled = true and a.expiresAt <= :now", "now", now));
        accounts.put("secretsOverMaxAge", secretsOverMaxAge(policy, now));
        accounts.put("unusedFor90Days", count("select count(a) from PaServiceAccount a where a.realmId = :realmId"
                + " and a.enabled = true and ((a.lastUsedAt is null and a.createdAt <= :before) or a.lastUsedAt <= :before)",
                "before", now - 90 * DAY));

        ObjectNode evidence = report.putObject("evidence");
        evidence.put("records", access.ledger().records(realm.getId()));
        LedgerCheck check = access.ledgerChecks().last(realm.getId());
        evidence.put("lastVerifiedAt", check == null ? null : Json.isoTime(check.getVerifiedAt()));
        if (check == null) {
            evidence.putNull("valid");
        } else {
            evidence.put("valid", check.isValid());
        }

        // A realm where any wiring check fails is one where the policy can be bypassed.
        List<String> failing = access.wiring(realm).failing();
        ObjectNode wiring = report.putObject("wiring");
        wiring.put("ok", failing.isEmpty());
        failing.forEach(wiring.putArray("failing")::add);
        return report;
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
        long direct = count("select count(m) from UserRoleMappingEntity m where m.roleId in :roles and m.user.realmId = :realmId"
                + " and not exists (select g.id from PaGrant g where g.realmId = :realmId and g.userId = m.user.id"
                + " and g.roleId = m.roleId and g.status = 'ACTIVE')", "roles", roles);
        // A governed role through a group is never a grant: every member of a group holding one has it with no end.
        long throughGroups = count("select count(distinct u.user.id) from UserGroupMembershipEntity u where u.user.realmId = :realmId"
                + " and u.groupId in (select gm.group.id from GroupRoleMappingEntity gm where gm.roleId in :roles)", "roles", roles);
        // Among the default roles, it reaches every user of the realm.
        RoleModel defaults = realm.getDefaultRole();
        boolean inDefaults = defaults != null && GovernedRoles.governedIn(defaults.getCompositesStream(),
                GovernedRoles.roles(realm, policy)).isPresent();
        return direct + throughGroups + (inDefaults ? session.users().getUsersCount(realm) : 0);
    }

    private long evidenceSince(EvidenceType type, long since) {
        return count("select count(e) from PaEvidence e where e.realmId = :realmId and e.type = :type and e.time >= :since",
                "type", type.name(), "since", since);
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
            total += count("select count(a) from PaServiceAccount a where a.realmId = :realmId and a.enabled = true"
                    + " and a.partnerId in :partners and a.secretRotatedAt <= :before",
                    "partners", partnerIds, "before", AccessLimits.secretsTooOldUpTo(tier, now));
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
