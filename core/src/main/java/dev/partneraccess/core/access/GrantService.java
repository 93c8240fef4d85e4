package dev.partneraccess.core.access;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserProvider;
import org.keycloak.models.cache.UserCache;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.evidence.EvidenceLedger;
import dev.partneraccess.core.evidence.EvidenceType;
import dev.partneraccess.core.jpa.GrantStore;
import dev.partneraccess.core.jpa.NoticeKind;
import dev.partneraccess.core.jpa.NoticeSubjectType;
import dev.partneraccess.core.policy.PolicyStore;
import dev.partneraccess.core.policy.StoredPolicy;
import dev.partneraccess.core.spi.PartnerAccessProvider;
import dev.partneraccess.core.support.Actor;
import dev.partneraccess.core.support.Refusal;
import dev.partneraccess.core.support.Json;
import dev.partneraccess.core.support.Paging;
import dev.partneraccess.core.support.TextRules;

/**
 * Grants: a real Keycloak role mapping plus the {@code PA_GRANT} row that says why and until when. Issuing and ending
 * a grant change both in one transaction, with their evidence. Role mappings go through the Keycloak model, so caches
 * stay consistent, and our own mappings raise no admin event that could be taken for an out-of-band change.
 */
public final class GrantService {

    public static final String ACTIVE = "ACTIVE";
    public static final String EXPIRED = "EXPIRED";
    public static final String REVOKED = "REVOKED";
    private static final Set<String> STATUSES = Set.of(ACTIVE, EXPIRED, REVOKED);
    public static final int REASON_MAX = 2000;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final EvidenceLedger ledger;
    private final PolicyStore policies;
    private final GrantStore store;
    private Integer policyVersion;
    private int revoked;
    /** Roles looked up by id, once per service: a sweep batch ends hundreds of grants of the same few roles. */
    private final Map<String, RoleModel> roles = new HashMap<>();

    /** Session attribute prefix naming the role this service is mapping right now, and to whom. */
    public static final String GRANTING = "partner-access.granting.";

    private final PartnerAccessProvider access;

    /** Built by {@link PartnerAccessProvider#grants(RealmModel)}, once per session and realm. */
    public GrantService(KeycloakSession session, RealmModel realm, PartnerAccessProvider access) {
        this.session = session;
        this.realm = realm;
        this.access = access;
        this.ledger = access.ledger();
        this.policies = access.policies();
        this.store = access.grantStore(realm);
    }

    /** Maps the approved request's role to its beneficiary and records the grant; called by the last approval. */
    GrantModel issue(RequestModel request, Actor actor) {
        UserModel user = session.users().getUserById(realm, request.getUserId());
        RoleModel role = realm.getRoleById(request.getRoleId());
        if (user == null) {
            throw Refusal.conflict("user", "The request's user no longer exists; no grant can be issued.");
        }
        if (role == null) {
            throw Refusal.conflict("role", "The " + GovernedRoles.describe(request.getRoleName(), request.getClientId())
                    + " no longer exists; no grant can be issued.");
        }
        long now = Time.currentTimeMillis();
        GrantModel grant = store.newGrant();
        grant.setId(UUID.randomUUID().toString());
        grant.setRealmId(realm.getId());
        grant.setRequestId(request.getId());
        grant.setUserId(user.getId());
        grant.setPartnerId(request.getPartnerId());
        grant.setRoleId(role.getId());
        grant.setRoleName(role.getName());
        grant.setClientId(request.getClientId());
        grant.setGrantedAt(now);
        grant.setExpiresAt(now + TimeUnit.DAYS.toMillis(request.getDays()));
        grant.setStatus(ACTIVE);
        store.persist(grant);
        // Keycloak announces every role mapping to the realm's listeners; this one is a grant, not an exception.
        session.setAttribute(GRANTING + role.getId(), user.getId());
        try {
            user.grantRole(role);
        } finally {
            session.removeAttribute(GRANTING + role.getId());
        }

        ObjectNode details = grantDetails(grant);
        details.put("requestId", request.getId());
        details.put("days", request.getDays());
        details.put("expiresAt", Json.isoTime(grant.getExpiresAt()));
        details.put("policyVersion", request.getPolicyVersion());
        ledger.append(realm.getId(), EvidenceType.GRANT_ISSUED, actor, grant.getId(), grant.getPartnerId(), details);
        return grant;
    }

    /** Revokes an ACTIVE grant for the given reason (checked by the caller: text, at most {@value #REASON_MAX} characters). */
    public Grant revoke(String id, String reason, Actor actor) {
        if (!TextRules.plausibleId(id)) {
            throw Refusal.notFound("No grant '" + id + "' in this realm.");
        }
        RequestService requests = access.requests(realm);
        List<RequestModel> renewals = requests.lockPendingRenewals(id);
        GrantModel grant = lock(id);
        if (!ACTIVE.equals(grant.getStatus())) {
            throw Refusal.conflict("status", "Grant '" + id + "' is " + grant.getStatus() + "; only an ACTIVE grant can be revoked.");
        }
        end(grant, REVOKED, reason, actor, EvidenceType.GRANT_REVOKED, true);
        // A renewal of a revoked grant can never be approved: it ends with the grant instead of waiting for a time-out.
        requests.cancelAll(renewals, "Grant '" + id + "' was revoked: " + reason, actor);
        return store.answer(grant);
    }

    /**
     * Locks the active grants a user holds through a partner (user given, on unmapping) or all the partner's active
     * grants (user null, on offboarding). Callers lock every row they will change before writing any evidence.
     */
    public List<GrantModel> lockActive(String partnerId, String userId) {
        return store.lockActive(partnerId, userId);
    }

    /** Revokes grants locked by {@link #lockActive}, each with its own evidence; sessions are the caller's to end. */
    public int revokeAll(List<GrantModel> grants, String reason, Actor actor) {
        for (GrantModel grant : grants) {
            end(grant, REVOKED, reason, actor, EvidenceType.GRANT_REVOKED, false);
        }
        revoked += grants.size();
        return grants.size();
    }

    /** How many grants this service has revoked so far (the sweep reports it). */
    int revokedCount() {
        return revoked;
    }

    /**
     * Extends an active grant after its renewal was approved: the new end counts from now, bounded by the current
     * maximum for the role at the partner's tier. A grant that ended while the renewal waited cannot be renewed.
     */
    void renew(RequestModel renewal, int maxDays, Actor actor) {
        GrantModel grant = lock(renewal.getRenewsGrantId());
        long now = Time.currentTimeMillis();
        if (!ACTIVE.equals(grant.getStatus()) || grant.getExpiresAt() <= now) {
            throw Refusal.conflict("grant", "Grant '" + grant.getId() + "' is " + (ACTIVE.equals(grant.getStatus())
                    ? "past its end" : grant.getStatus()) + "; it can no longer be renewed. Request the access anew.");
        }
        int days = Math.min(renewal.getDays(), maxDays);
        long previous = grant.getExpiresAt();
        grant.setExpiresAt(now + TimeUnit.DAYS.toMillis(days));
        // The new end is announced afresh at each threshold.
        access.notices().clear(NoticeSubjectType.GRANT, grant.getId(), NoticeKind.EXPIRY);
        ObjectNode details = grantDetails(grant);
        details.put("requestId", renewal.getId());
        details.put("days", days);
        details.put("oldExpiresAt", Json.isoTime(previous));
        details.put("newExpiresAt", Json.isoTime(grant.getExpiresAt()));
        details.put("policyVersion", renewal.getPolicyVersion());
        ledger.append(realm.getId(), EvidenceType.GRANT_RENEWED, actor, grant.getId(), grant.getPartnerId(), details);
    }

    /** The grant, locked for the rest of the transaction; 404 when it is not in this realm. */
    GrantModel locked(String id) {
        return lock(id);
    }

    /**
     * Ends a grant: the role mapping goes, the row says why,
     * and the evidence records it. With {@code endSessions} the user's sessions end too, so no refresh token keeps
     * the role.
     */
    void end(GrantModel grant, String status, String reason, Actor actor, EvidenceType type, boolean endSessions) {
        UserModel user = holder(grant.getUserId());
        boolean mappingRemoved = removeMapping(user, grant.getRoleId());
        Integer sessionsEnded = endSessions && user != null ? access.sessions(realm).endAll(user) : null;
        record(grant, status, reason, actor, type, mappingRemoved, sessionsEnded);
    }

    /**
     * The sweep's end of a batch of grants past their end, rows already locked by the caller: first every role
     * mapping goes through the Keycloak model (its removal flushes the persistence context each time, so the context
     * holds nothing else then), then the grants are updated and recorded, and the commit writes those in JDBC batches.
     * Answers how many were expired.
     */
    int expireAll(List<String> lockedIds, long now) {
        if (lockedIds.isEmpty()) {
            return 0;
        }
        List<GrantStore.Holding> due = store.stillDue(lockedIds, now);
        Map<String, Boolean> removed = new HashMap<>();
        for (GrantStore.Holding row : due) {
            String userId = row.userId();
            removed.put(row.id(), removeMapping(holder(userId), row.roleId()));
            // The holder's entity is not needed again; the next removal's flush need not look at it.
            store.detachUser(userId);
        }
        if (removed.isEmpty()) {
            return 0;
        }
        List<GrantModel> grants = store.byIds(removed.keySet());
        for (GrantModel grant : grants) {
            record(grant, EXPIRED, "Reached its end at " + Json.isoTime(grant.getExpiresAt()) + ".", Actor.SYSTEM,
                    EvidenceType.GRANT_EXPIRED, removed.get(grant.getId()), null);
        }
        return grants.size();
    }

    /**
     * A user holds at most one ACTIVE grant per role (a request is refused while one is active, renewal extends the
     * same grant), so the mapping goes with the grant.
     */
    private boolean removeMapping(UserModel user, String roleId) {
        RoleModel role = roles.computeIfAbsent(roleId, realm::getRoleById);
        if (user == null || role == null) {
            return false;
        }
        user.deleteRoleMapping(role);
        evictFromCache(user);
        return true;
    }

    /** The row says why the grant ended, and the evidence records it. */
    private void record(GrantModel grant, String status, String reason, Actor actor, EvidenceType type,
                        boolean mappingRemoved, Integer sessionsEnded) {
        grant.setStatus(status);
        grant.setRevokedAt(Time.currentTimeMillis());
        grant.setRevokedBy(actor.recorded());
        // Offboarding prefixes the partner's name to a reason that may itself fill the column; the evidence keeps it all.
        grant.setRevokedReason(TextRules.clip(reason, REASON_MAX));
        ObjectNode details = grantDetails(grant);
        details.put("reason", reason);
        details.put("requestId", grant.getRequestId());
        details.put("expiresAt", Json.isoTime(grant.getExpiresAt()));
        details.put("roleMappingRemoved", mappingRemoved);
        if (sessionsEnded != null) {
            details.put("sessionsEnded", sessionsEnded);
        }
        details.put("policyVersion", policyVersion());
        ledger.append(realm.getId(), type, actor, grant.getId(), grant.getPartnerId(), details);
    }

    /**
     * The grant's holder as Keycloak's own user store has it, without building a cached copy first (building one reads
     * the user's roles and groups, which the sweep does not need); users of a federated store come through the usual
     * lookup. Either way the role mapping is then removed through the Keycloak model.
     */
    private UserModel holder(String userId) {
        UserProvider local = session.getProvider(UserProvider.class);
        UserModel user = local == null ? null : local.getUserById(realm, userId);
        return user != null ? user : session.users().getUserById(realm, userId);
    }

    /** Drops the user from Keycloak's user cache on every node, so no node serves the removed role from memory. */
    private void evictFromCache(UserModel user) {
        UserCache cache = session.getProvider(UserCache.class);
        if (cache != null) {
            cache.evict(realm, user);
        }
    }

    /** The policy version in force, read once per service (a sweep batch ends hundreds of grants). */
    private Integer policyVersion() {
        if (policyVersion == null) {
            policyVersion = policies.current(realm).map(StoredPolicy::version).orElse(0);
        }
        return policyVersion;
    }

    private GrantModel lock(String id) {
        GrantModel grant = !TextRules.plausibleId(id) ? null : store.find(id, true);
        if (grant == null) {
            throw Refusal.notFound("No grant '" + id + "' in this realm.");
        }
        return grant;
    }

    public Grant get(String id) {
        GrantModel grant = !TextRules.plausibleId(id) ? null : store.find(id, false);
        if (grant == null) {
            throw Refusal.notFound("No grant '" + id + "' in this realm.");
        }
        return store.answer(grant);
    }

    /** The user's active grants that have not yet passed their end, earliest expiry first. */
    public List<Grant> current(String userId) {
        long now = Time.currentTimeMillis();
        return active(userId).stream().filter(g -> g.getExpiresAt() > now).map(store::answer).toList();
    }

    /** The user's ACTIVE grants, including those past their end that the expiry sweep has not reached yet. */
    public List<GrantModel> active(String userId) {
        return store.active(userId);
    }

    /** The user's ACTIVE grants as the token side needs them, earliest expiry first (lapsed ones included, see {@link #active}). */
    public List<HeldGrant> held(String userId) {
        return store.held(userId);
    }

    public boolean hasActiveGrant(String userId, String roleId) {
        return store.hasActiveGrant(userId, roleId);
    }

    public List<Grant> list(String user, String partner, String role, String status, String expiringBefore, Paging paging) {
        user = TextRules.filter("user", user);
        partner = TextRules.filter("partner", partner);
        role = TextRules.filter("role", role);
        status = TextRules.filter("status", status);
        expiringBefore = TextRules.filter("expiringBefore", expiringBefore);
        if (status != null && !STATUSES.contains(status)) {
            throw Refusal.invalid("status", "'status' must be one of ACTIVE, EXPIRED, REVOKED.");
        }
        Long before = expiringBefore == null ? null : Json.parseIsoTime(expiringBefore, "expiringBefore");
        return store.list(user, partner, role, status, before, paging);
    }

    static ObjectNode grantDetails(GrantModel grant) {
        ObjectNode details = Json.object();
        details.put("user", grant.getUserId());
        details.put("role", grant.getRoleName());
        details.put("client", grant.getClientId());
        return details;
    }
}
