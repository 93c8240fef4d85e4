package dev.partneraccess.core.access;

import java.util.List;

import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import dev.partneraccess.core.policy.Policy;
import dev.partneraccess.core.policy.PolicyStore;
import dev.partneraccess.core.policy.StoredPolicy;
import dev.partneraccess.core.support.Actor;
import dev.partneraccess.core.support.Json;
import dev.partneraccess.core.support.Refusal;

/**
 * The renewal of an active grant: one stage, {@code owner}, decided by the partner's business owner; the last
 * approval moves the grant's end. The days are checked against the role's current maximum at the partner's tier, as
 * for a new request.
 */
final class GrantRenewalKind implements RequestKind {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final PolicyStore policies;
    private final GrantService grants;
    private final RequestLimits limits;

    GrantRenewalKind(KeycloakSession session, RealmModel realm, PolicyStore policies, GrantService grants,
                     RequestLimits limits) {
        this.session = session;
        this.realm = realm;
        this.policies = policies;
        this.grants = grants;
        this.limits = limits;
    }

    RequestOpening.Draft draft(String grantId, Renewal renewal) {
        int days = renewal.days();
        String justification = renewal.justification();
        GrantModel grant = grants.locked(grantId);
        if (!GrantService.ACTIVE.equals(grant.getStatus()) || grant.getExpiresAt() <= Time.currentTimeMillis()) {
            throw Refusal.conflict("status", "Grant '" + grantId + "' is " + (GrantService.ACTIVE.equals(grant.getStatus())
                    ? "past its end" : grant.getStatus()) + "; only an active grant can be renewed. Request the access anew.");
        }
        if (grant.isException()) {
            throw Refusal.conflict("grant", "Grant '" + grantId + "' was granted as an exception to the policy; it cannot"
                    + " be renewed. When more time is needed, ask for the access again as a new exception request.");
        }
        UserModel user = session.users().getUserById(realm, grant.getUserId());
        if (user == null) {
            throw Refusal.conflict("user", "The grant's user no longer exists.");
        }
        StoredPolicy stored = policies.current(realm).orElseThrow(() -> Refusal.conflict("policy",
                "This realm has no partner access policy."));
        RequestLimits.Limits limits = this.limits.of(stored.policy(), user, grant.getRoleName(), grant.getClientId());
        if (days > limits.maxDays()) {
            throw Refusal.invalid("days", "'days' may be at most " + limits.maxDays() + " for the "
                    + GovernedRoles.describe(grant.getRoleName(), grant.getClientId()) + " at tier '" + limits.tier().name() + "'.");
        }
        return new RequestOpening.Draft(this, RequestService.TYPE_RENEWAL, user, limits.partner(), grant.getRoleId(),
                grant.getRoleName(), grant.getClientId(), justification, days, limits.maxDays(), stored,
                List.of("owner"), List.of(new Policy.Stage("owner", null, null, true)),
                "role", "the " + GovernedRoles.describe(grant.getRoleName(), grant.getClientId()),
                () -> {
                },
                request -> {
                    request.setRenewsGrantId(grant.getId());
                    request.setGrantId(grant.getId());
                },
                details -> {
                    details.put("grantId", grant.getId());
                    details.put("currentExpiresAt", Json.isoTime(grant.getExpiresAt()));
                });
    }

    /** The grant the decision's completion extends, locked after the request: the lock order everywhere. */
    @Override
    public void lockSubject(RequestModel request) {
        grants.locked(request.getRenewsGrantId());
    }

    @Override
    public String recheck(RequestModel request) {
        return limits.recheck(request, false);
    }

    @Override
    public void complete(RequestModel request, Actor actor) {
        UserModel user = session.users().getUserById(realm, request.getUserId());
        Policy policy = policies.current(realm).map(StoredPolicy::policy).orElseThrow();
        grants.renew(request, limits.of(policy, user, request.getRoleName(), request.getClientId()).maxDays(), actor);
    }
}
