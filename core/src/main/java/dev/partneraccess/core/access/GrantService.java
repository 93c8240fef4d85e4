package dev.partneraccess.core.access;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.evidence.EvidenceType;
import dev.partneraccess.core.jpa.GrantStore;
import dev.partneraccess.core.spi.PartnerAccessProvider;
import dev.partneraccess.core.support.Actor;
import dev.partneraccess.core.support.Json;
import dev.partneraccess.core.support.Paging;

/**
 * Grants: a real Keycloak role mapping plus the {@code PA_GRANT} row that says why and until when. Issuing and ending
 * a grant change both in one transaction, with their evidence. Role mappings go through the Keycloak model, so caches
 * stay consistent, and our own mappings raise no admin event that could be taken for an out-of-band change. This is
 * the entry point the provider hands out: {@link GrantIssuing} issues and renews, {@link GrantEnding} revokes and
 * expires, {@link GrantQueries} reads; its parts are built here, once per session and realm.
 */
public final class GrantService {

    public static final String ACTIVE = "ACTIVE";
    public static final String EXPIRED = "EXPIRED";
    public static final String REVOKED = "REVOKED";
    public static final int REASON_MAX = 2000;

    /** Session attribute prefix naming the role this service is mapping right now, and to whom. */
    public static final String GRANTING = "partner-access.granting.";

    private final GrantStore store;
    private final GrantQueries queries;
    private final GrantIssuing issuing;
    private final GrantEnding ending;

    /** Built by {@link PartnerAccessProvider#grants(RealmModel)}, once per session and realm. */
    public GrantService(KeycloakSession session, RealmModel realm, PartnerAccessProvider access) {
        this.store = access.grantStore(realm);
        this.queries = new GrantQueries(store);
        this.issuing = new GrantIssuing(session, realm, access, store, queries);
        this.ending = new GrantEnding(session, realm, access, store, queries);
    }

    // ---- issuing and renewing -------------------------------------------------------------------------------

    /** Maps the approved request's role to its beneficiary and records the grant; called by the last approval. */
    GrantModel issue(RequestModel request, Actor actor) {
        return issuing.issue(request, actor);
    }

    /**
     * Extends an active grant after its renewal was approved: the new end counts from now, bounded by the current
     * maximum for the role at the partner's tier. A grant that ended while the renewal waited cannot be renewed.
     */
    void renew(RequestModel renewal, int maxDays, Actor actor) {
        issuing.renew(renewal, maxDays, actor);
    }

    // ---- ending ---------------------------------------------------------------------------------------------

    /** Revokes an ACTIVE grant for the given reason (checked by the caller: text, at most {@value #REASON_MAX} characters). */
    public Grant revoke(String id, String reason, Actor actor) {
        return ending.revoke(id, reason, actor, Map.of());
    }

    /**
     * The same, with {@code evidence} fields set on the {@code GRANT_REVOKED} details over the usual ones (a review
     * records {@code "reason":"review"} and its {@code reviewId}); the row keeps {@code reason} as its text.
     */
    public Grant revoke(String id, String reason, Actor actor, Map<String, String> evidence) {
        return ending.revoke(id, reason, actor, evidence);
    }

    /**
     * A review's revocation of many grants in one transaction: each still ACTIVE grant is revoked as {@link #revoke}
     * does (role mapping, the holder's sessions, pending renewals cancelled, {@code GRANT_REVOKED} with the
     * {@code evidence} fields), with every row locked before the first evidence record. Answers the ids revoked;
     * grants that had ended meanwhile are left as they are.
     */
    public Set<String> revokeByIds(List<String> ids, String reason, Actor actor, Map<String, String> evidence) {
        return ending.revokeByIds(ids, reason, actor, evidence);
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
        return ending.revokeAll(grants, reason, actor);
    }

    /** How many grants this service has revoked so far (the sweep reports it). */
    int revokedCount() {
        return ending.revokedCount();
    }

    /**
     * Ends a grant: the role mapping goes, the row says why,
     * and the evidence records it. With {@code endSessions} the user's sessions end too, so no refresh token keeps
     * the role.
     */
    void end(GrantModel grant, String status, String reason, Actor actor, EvidenceType type, boolean endSessions) {
        ending.end(grant, status, reason, actor, type, endSessions);
    }

    /**
     * The sweep's end of a batch of grants past their end, rows already locked by the caller; answers how many were
     * expired.
     */
    int expireAll(List<String> lockedIds, long now) {
        return ending.expireAll(lockedIds, now);
    }

    // ---- reading --------------------------------------------------------------------------------------------

    /** The grant, locked for the rest of the transaction; 404 when it is not in this realm. */
    GrantModel locked(String id) {
        return queries.locked(id);
    }

    public Grant get(String id) {
        return queries.get(id);
    }

    /** The user's active grants that have not yet passed their end, earliest expiry first. */
    public List<Grant> current(String userId) {
        return queries.current(userId);
    }

    /** The user's ACTIVE grants, including those past their end that the expiry sweep has not reached yet. */
    public List<GrantModel> active(String userId) {
        return queries.active(userId);
    }

    /** The user's ACTIVE grants as the token side needs them, earliest expiry first (lapsed ones included, see {@link #active}). */
    public List<HeldGrant> held(String userId) {
        return queries.held(userId);
    }

    public boolean hasActiveGrant(String userId, String roleId) {
        return queries.hasActiveGrant(userId, roleId);
    }

    public List<Grant> list(String user, String partner, String role, String status, String expiringBefore, Paging paging) {
        return queries.list(user, partner, role, status, expiringBefore, paging);
    }

    /** What every record of a grant starts with: its holder, role and client. */
    static ObjectNode grantDetails(GrantModel grant) {
        ObjectNode details = Json.object();
        details.put("user", grant.getUserId());
        details.put("role", grant.getRoleName());
        details.put("client", grant.getClientId());
        return details;
    }
}
