package dev.partneraccess.core.jpa;

import java.util.List;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

import jakarta.persistence.EntityManager;

/**
 * The aggregate reads behind the posture report and the reconciliation: each one query on the database over the
 * product's tables (and Keycloak's role-mapping and membership tables, read through its persistence unit). No rows
 * are loaded into memory for a count.
 */
public final class PostureStore {

    private final KeycloakSession session;

    public PostureStore(KeycloakSession session) {
        this.session = session;
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    private long count(String realmId, String jpql, Object... parameters) {
        var query = em().createQuery(jpql, Long.class).setParameter("realmId", realmId);
        for (int i = 0; i < parameters.length; i += 2) {
            query.setParameter((String) parameters[i], parameters[i + 1]);
        }
        Long value = query.getSingleResult();
        return value == null ? 0 : value;
    }

    /** Active grants ending after {@code now} and at or before {@code until}. */
    public long activeGrantsEnding(String realmId, long now, long until) {
        return count(realmId, "select count(g) from PaGrant g where g.realmId = :realmId and g.status = 'ACTIVE'"
                + " and g.expiresAt > :now and g.expiresAt <= :week", "now", now, "week", until);
    }

    public long pendingRequests(String realmId) {
        return count(realmId, "select count(r) from PaRequest r where r.realmId = :realmId and r.status = 'PENDING'");
    }

    /** When the oldest pending request was created, or null when none is pending. */
    public Long oldestPendingCreatedAt(String realmId) {
        return em().createQuery("select min(r.createdAt) from PaRequest r where r.realmId = :realmId and r.status = 'PENDING'", Long.class)
                .setParameter("realmId", realmId).getSingleResult();
    }

    public long evidenceSince(String realmId, String type, long since) {
        return count(realmId, "select count(e) from PaEvidence e where e.realmId = :realmId and e.type = :type and e.time >= :since",
                "type", type, "since", since);
    }

    public long enabledServiceAccounts(String realmId) {
        return count(realmId, "select count(a) from PaServiceAccount a where a.realmId = :realmId and a.enabled = true");
    }

    public long expiredButEnabledServiceAccounts(String realmId, long now) {
        return count(realmId, "select count(a) from PaServiceAccount a where a.realmId = :realmId"
                + " and a.enabled = true and a.expiresAt <= :now", "now", now);
    }

    /** Enabled service accounts not used since {@code before} (never used and created by then, or last used by then). */
    public long serviceAccountsUnusedSince(String realmId, long before) {
        return count(realmId, "select count(a) from PaServiceAccount a where a.realmId = :realmId"
                + " and a.enabled = true and ((a.lastUsedAt is null and a.createdAt <= :before) or a.lastUsedAt <= :before)",
                "before", before);
    }

    /** Enabled service accounts of these partners whose secret was last rotated at or before {@code before}. */
    public long serviceAccountsWithSecretsRotatedBy(String realmId, List<String> partnerIds, long before) {
        return count(realmId, "select count(a) from PaServiceAccount a where a.realmId = :realmId and a.enabled = true"
                + " and a.partnerId in :partners and a.secretRotatedAt <= :before",
                "partners", partnerIds, "before", before);
    }

    public long openReviews(String realmId) {
        return count(realmId, "select count(r) from PaReview r where r.realmId = :realmId and r.status = 'OPEN'");
    }

    /** Undecided items of OPEN reviews whose due date is before {@code now} (the sweep has not closed them yet). */
    public long overdueReviewItems(String realmId, long now) {
        return count(realmId, "select count(i) from PaReview r, PaReviewItem i where r.realmId = :realmId"
                + " and r.status = 'OPEN' and r.dueAt < :now and i.reviewId = r.id and i.decision is null", "now", now);
    }

    /** Items decided {@code revoke}, by a reviewer or by default, in reviews closed at or after {@code since}. */
    public long reviewItemsRevokedSince(String realmId, long since) {
        return count(realmId, "select count(i) from PaReview r, PaReviewItem i where r.realmId = :realmId"
                + " and r.status = 'CLOSED' and r.closedAt >= :since and i.reviewId = r.id and i.decision = 'revoke'",
                "since", since);
    }

    /** Direct user mappings of these roles with no active grant behind them. */
    public long directMappingsWithoutGrant(String realmId, List<String> roleIds) {
        return count(realmId, "select count(m) from UserRoleMappingEntity m where m.roleId in :roles and m.user.realmId = :realmId"
                + " and not exists (select g.id from PaGrant g where g.realmId = :realmId and g.userId = m.user.id"
                + " and g.roleId = m.roleId and g.status = 'ACTIVE')", "roles", roleIds);
    }

    /** Users who are direct members of a group holding one of these roles. */
    public long membersOfGroupsHolding(String realmId, List<String> roleIds) {
        return count(realmId, "select count(distinct u.user.id) from UserGroupMembershipEntity u where u.user.realmId = :realmId"
                + " and u.groupId in (select gm.group.id from GroupRoleMappingEntity gm where gm.roleId in :roles)", "roles", roleIds);
    }

    /** The users holding an active grant of the role. */
    public List<String> activeGrantHolders(String realmId, String roleId) {
        return em().createQuery("select g.userId from PaGrant g where g.realmId = :realmId and g.roleId = :roleId"
                        + " and g.status = 'ACTIVE'", String.class)
                .setParameter("realmId", realmId).setParameter("roleId", roleId).getResultList();
    }
}
