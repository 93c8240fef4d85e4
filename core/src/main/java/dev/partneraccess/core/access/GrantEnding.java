package dev.partneraccess.core.access;

import static dev.partneraccess.core.access.GrantService.ACTIVE;
import static dev.partneraccess.core.access.GrantService.EXPIRED;
import static dev.partneraccess.core.access.GrantService.REASON_MAX;
import static dev.partneraccess.core.access.GrantService.REVOKED;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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
import dev.partneraccess.core.policy.PolicyStore;
import dev.partneraccess.core.policy.StoredPolicy;
import dev.partneraccess.core.partner.SessionTerminator;
import dev.partneraccess.core.spi.PartnerAccessProvider;
import dev.partneraccess.core.support.Actor;
import dev.partneraccess.core.support.Json;
import dev.partneraccess.core.support.Refusal;
import dev.partneraccess.core.support.TextRules;

/**
 * Ends grants: a revocation by an admin (with the grant's pending renewals), the revocations of a partner's leaving
 * member, and the sweep's expiry of grants past their end. The role mapping goes, the row says why, the evidence
 * records it. Built once per session and realm by {@link GrantService}, so its caches serve a whole sweep batch.
 */
final class GrantEnding {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final PartnerAccessProvider access;
    private final EvidenceLedger ledger;
    private final PolicyStore policies;
    private final GrantStore store;
    private final GrantQueries queries;
    /** Holders read at once when many grants are revoked together. */
    private static final int HOLDERS_PER_READ = 50;
    private Integer policyVersion;
    private int revoked;
    /** Roles looked up by id, once per service: a sweep batch ends hundreds of grants of the same few roles. */
    private final Map<String, RoleModel> roles = new HashMap<>();

    GrantEnding(KeycloakSession session, RealmModel realm, PartnerAccessProvider access, GrantStore store,
                GrantQueries queries) {
        this.session = session;
        this.realm = realm;
        this.access = access;
        this.ledger = access.ledger();
        this.policies = access.policies();
        this.store = store;
        this.queries = queries;
    }

    /** Revokes an ACTIVE grant for the given reason (checked by the caller: text, at most {@value GrantService#REASON_MAX} characters). */
    Grant revoke(String id, String reason, Actor actor, Map<String, String> evidence) {
        if (!TextRules.plausibleId(id)) {
            throw Refusal.notFound("No grant '" + id + "' in this realm.");
        }
        RequestService requests = access.requests(realm);
        List<RequestModel> renewals = requests.lockPendingRenewals(id);
        GrantModel grant = queries.locked(id);
        if (!ACTIVE.equals(grant.getStatus())) {
            throw Refusal.conflict("status", "Grant '" + id + "' is " + grant.getStatus() + "; only an ACTIVE grant can be revoked.");
        }
        end(grant, REVOKED, reason, actor, EvidenceType.GRANT_REVOKED, true, evidence);
        // A renewal of a revoked grant can never be approved: it ends with the grant instead of waiting for a time-out.
        requests.cancelAll(renewals, "Grant '" + id + "' was revoked: " + reason, actor);
        return store.answer(grant);
    }

    /** Revokes grants locked by {@link GrantService#lockActive}, each with its own evidence; sessions are the caller's to end. */
    int revokeAll(List<GrantModel> grants, String reason, Actor actor) {
        for (GrantModel grant : grants) {
            end(grant, REVOKED, reason, actor, EvidenceType.GRANT_REVOKED, false);
        }
        revoked += grants.size();
        return grants.size();
    }

    /**
     * Revokes many grants by id, as {@link #revoke} does each: the pending renewals and then the grant rows are locked
     * first (the usual order: requests, grants, then the chain), the role mappings go through the Keycloak model
     * while the persistence context holds nothing else, each holder's sessions end once, and then the grants are
     * updated and recorded, written in JDBC batches at commit. Answers the ids revoked.
     */
    Set<String> revokeByIds(List<String> ids, String reason, Actor actor, Map<String, String> evidence) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        RequestService requests = access.requests(realm);
        List<RequestModel> renewals = requests.lockPendingRenewals(ids);
        List<GrantStore.Holding> active = store.stillActive(store.lockIds(ids));
        if (active.isEmpty()) {
            return Set.of();
        }
        store.flushAtCommit();
        Map<String, Boolean> removed = new HashMap<>();
        // Each holder is loaded once: the role mapping goes, then the entity leaves the persistence context, and the
        // same model ends the holder's sessions below. The first of a holder's grants records the sessions ended.
        Map<String, UserModel> holders = new LinkedHashMap<>();
        Set<String> local = new HashSet<>();
        Map<String, String> firstGrantOf = new LinkedHashMap<>();
        for (int i = 0; i < active.size(); i++) {
            if (i % HOLDERS_PER_READ == 0) {
                // The next holders come in one read; each is then found in the persistence context, and only these
                // few sit there at a time, so the flush of every role-mapping removal stays small.
                store.loadUsers(active.subList(i, Math.min(active.size(), i + HOLDERS_PER_READ)).stream()
                        .map(GrantStore.Holding::userId).distinct().toList());
            }
            GrantStore.Holding row = active.get(i);
            UserModel user = holders.computeIfAbsent(row.userId(), userId -> holder(userId, local));
            removed.put(row.id(), removeMapping(user, row.roleId()));
            firstGrantOf.putIfAbsent(row.userId(), row.id());
            store.detachUser(row.userId());
        }
        holders.values().removeIf(Objects::isNull);
        Map<String, Integer> endedBy = access.sessions(realm).endAllOf(holders.values(), local);
        Map<String, Integer> sessionsEnded = new HashMap<>();
        firstGrantOf.forEach((userId, grantId) -> sessionsEnded.put(grantId, endedBy.getOrDefault(userId, 0)));
        Set<String> revoked = new LinkedHashSet<>();
        for (GrantModel grant : store.byIds(removed.keySet())) {
            record(grant, REVOKED, reason, actor, EvidenceType.GRANT_REVOKED, removed.get(grant.getId()),
                    sessionsEnded.getOrDefault(grant.getId(), 0), evidence);
            revoked.add(grant.getId());
        }
        for (RequestModel renewal : renewals) {
            if (revoked.contains(renewal.getRenewsGrantId())) {
                // As with a single revocation: a renewal of a revoked grant ends with it.
                requests.cancelAll(List.of(renewal), "Grant '" + renewal.getRenewsGrantId() + "' was revoked: " + reason, actor);
            }
        }
        this.revoked += revoked.size();
        return revoked;
    }

    /** How many grants this service has revoked so far (the sweep reports it). */
    int revokedCount() {
        return revoked;
    }

    /**
     * Ends a grant: the role mapping goes, the row says why,
     * and the evidence records it. With {@code endSessions} the user's sessions end too, so no refresh token keeps
     * the role.
     */
    void end(GrantModel grant, String status, String reason, Actor actor, EvidenceType type, boolean endSessions) {
        end(grant, status, reason, actor, type, endSessions, Map.of());
    }

    private void end(GrantModel grant, String status, String reason, Actor actor, EvidenceType type, boolean endSessions,
                     Map<String, String> evidence) {
        UserModel user = holder(grant.getUserId());
        boolean mappingRemoved = removeMapping(user, grant.getRoleId());
        Integer sessionsEnded = endSessions && user != null ? access.sessions(realm).endAll(user) : null;
        record(grant, status, reason, actor, type, mappingRemoved, sessionsEnded, evidence);
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
                    EvidenceType.GRANT_EXPIRED, removed.get(grant.getId()), null, Map.of());
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

    /**
     * The row says why the grant ended, and the evidence records it; {@code evidence} fields replace or follow the
     * usual details (none for every ending but a review's).
     */
    private void record(GrantModel grant, String status, String reason, Actor actor, EvidenceType type,
                        boolean mappingRemoved, Integer sessionsEnded, Map<String, String> evidence) {
        grant.setStatus(status);
        grant.setRevokedAt(Time.currentTimeMillis());
        grant.setRevokedBy(actor.recorded());
        // Offboarding prefixes the partner's name to a reason that may itself fill the column; the evidence keeps it all.
        grant.setRevokedReason(TextRules.clip(reason, REASON_MAX));
        ObjectNode details = GrantService.grantDetails(grant);
        details.put("reason", reason);
        details.put("requestId", grant.getRequestId());
        details.put("expiresAt", Json.isoTime(grant.getExpiresAt()));
        details.put("roleMappingRemoved", mappingRemoved);
        if (sessionsEnded != null) {
            details.put("sessionsEnded", sessionsEnded);
        }
        details.put("policyVersion", policyVersion());
        evidence.forEach(details::put);
        ledger.append(realm.getId(), type, actor, grant.getId(), grant.getPartnerId(), details);
        access.grantCounts(realm).ended(grant.isException());
    }

    /**
     * The grant's holder as Keycloak's own user store has it, without building a cached copy first (building one reads
     * the user's roles and groups, which the sweep does not need); users of a federated store come through the usual
     * lookup. Either way the role mapping is then removed through the Keycloak model.
     */
    private UserModel holder(String userId) {
        return holder(userId, new HashSet<>());
    }

    /** As {@link #holder(String)}; adds the id to {@code local} when the user is one of Keycloak's own store. */
    private UserModel holder(String userId, Set<String> local) {
        UserProvider own = session.getProvider(UserProvider.class);
        UserModel user = own == null ? null : own.getUserById(realm, userId);
        if (user != null) {
            local.add(userId);
            return user;
        }
        return session.users().getUserById(realm, userId);
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
}
