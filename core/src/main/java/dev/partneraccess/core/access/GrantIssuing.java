package dev.partneraccess.core.access;

import static dev.partneraccess.core.access.GrantService.ACTIVE;
import static dev.partneraccess.core.access.GrantService.GRANTING;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.evidence.EvidenceLedger;
import dev.partneraccess.core.evidence.EvidenceType;
import dev.partneraccess.core.jpa.GrantStore;
import dev.partneraccess.core.jpa.NoticeKind;
import dev.partneraccess.core.jpa.NoticeSubjectType;
import dev.partneraccess.core.spi.PartnerAccessProvider;
import dev.partneraccess.core.support.Actor;
import dev.partneraccess.core.support.Json;
import dev.partneraccess.core.support.Refusal;

/** What an approval does to grants: issues a new one, or moves an active one's end after its renewal. */
final class GrantIssuing {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final PartnerAccessProvider access;
    private final EvidenceLedger ledger;
    private final GrantStore store;
    private final GrantQueries queries;

    GrantIssuing(KeycloakSession session, RealmModel realm, PartnerAccessProvider access, GrantStore store,
                 GrantQueries queries) {
        this.session = session;
        this.realm = realm;
        this.access = access;
        this.ledger = access.ledger();
        this.store = store;
        this.queries = queries;
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
        grant.setException(request.getExceptionReason() != null);
        store.persist(grant);
        // Keycloak announces every role mapping to the realm's listeners; this one is a grant, not an exception.
        session.setAttribute(GRANTING + role.getId(), user.getId());
        try {
            user.grantRole(role);
        } finally {
            session.removeAttribute(GRANTING + role.getId());
        }

        ObjectNode details = GrantService.grantDetails(grant);
        details.put("requestId", request.getId());
        details.put("days", request.getDays());
        details.put("expiresAt", Json.isoTime(grant.getExpiresAt()));
        details.put("policyVersion", request.getPolicyVersion());
        if (grant.isException()) {
            details.put("exception", true);
        }
        ledger.append(realm.getId(), EvidenceType.GRANT_ISSUED, actor, grant.getId(), grant.getPartnerId(), details);
        access.grantCounts(realm).issued(grant.isException());
        return grant;
    }

    /**
     * Extends an active grant after its renewal was approved: the new end counts from now, bounded by the current
     * maximum for the role at the partner's tier. A grant that ended while the renewal waited cannot be renewed.
     */
    void renew(RequestModel renewal, int maxDays, Actor actor) {
        GrantModel grant = queries.locked(renewal.getRenewsGrantId());
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
        ObjectNode details = GrantService.grantDetails(grant);
        details.put("requestId", renewal.getId());
        details.put("days", days);
        details.put("oldExpiresAt", Json.isoTime(previous));
        details.put("newExpiresAt", Json.isoTime(grant.getExpiresAt()));
        details.put("policyVersion", renewal.getPolicyVersion());
        ledger.append(realm.getId(), EvidenceType.GRANT_RENEWED, actor, grant.getId(), grant.getPartnerId(), details);
    }
}
