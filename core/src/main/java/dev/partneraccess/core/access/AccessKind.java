package dev.partneraccess.core.access;

import java.util.List;
import java.util.Map;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

import dev.partneraccess.core.partner.Partner;
import dev.partneraccess.core.policy.Policy;
import dev.partneraccess.core.policy.PolicyStore;
import dev.partneraccess.core.policy.StoredPolicy;
import dev.partneraccess.core.spi.PartnerAccessProvider;
import dev.partneraccess.core.support.Actor;
import dev.partneraccess.core.support.Json;
import dev.partneraccess.core.support.Refusal;

/**
 * A request for a governed role the user does not hold: the programme's stages (and the non-human ones for a service
 * account), or none for a self-service programme, approved on request; the last approval issues the grant.
 */
final class AccessKind implements RequestKind {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final PartnerAccessProvider access;
    private final PolicyStore policies;
    private final GrantService grants;
    private final RequestLimits limits;

    AccessKind(KeycloakSession session, RealmModel realm, PartnerAccessProvider access, GrantService grants,
               RequestLimits limits) {
        this.session = session;
        this.realm = realm;
        this.access = access;
        this.policies = access.policies();
        this.grants = grants;
        this.limits = limits;
    }

    /**
     * Checks a new request against the current policy. {@code self} is the partner user asking for themselves
     * through self-service: then the input's {@code userId} may be null and must otherwise name the caller.
     */
    RequestOpening.Draft draft(NewRequest input, Actor actor, boolean self) {
        String userId = self ? NewRequest.forSelf(input.userId(), actor.id()) : input.userId();
        String roleName = input.roleName();
        String clientId = input.clientId();
        String purpose = input.businessPurpose();
        int days = input.days();

        UserModel user = session.users().getUserById(realm, userId);
        if (user == null) {
            throw Refusal.invalid("user", "No user '" + userId + "' in this realm.");
        }
        StoredPolicy stored = policies.current(realm).orElseThrow(() -> Refusal.conflict("policy",
                "This realm has no partner access policy yet; PUT /policy first."));
        Policy policy = stored.policy();
        String exceptionReason = input.exceptionReason();
        Policy.Exceptions exceptions = policy.exceptions();
        RequestLimits.Limits limits = this.limits.of(policy, user, roleName, clientId,
                exceptionReason != null && exceptions != null);
        Policy.Programme programme = limits.programme();
        Partner partner = limits.partner();
        RoleModel role = limits.role();
        int maxDays = limits.maxDays();
        boolean beyondPolicy = days > maxDays || !limits.reachesTier();
        if (days > maxDays && (exceptionReason == null || exceptions == null)) {
            throw Refusal.invalid("days", "'days' may be at most " + maxDays + " for the "
                    + GovernedRoles.describe(roleName, clientId) + " at tier '" + limits.tier().name() + "'.");
        }
        if (exceptionReason != null) {
            if (exceptions == null) {
                throw Refusal.invalid("exception", "This realm's policy allows no exceptions (it has no 'exceptions'"
                        + " section); ask within the policy.");
            }
            if (!beyondPolicy) {
                throw Refusal.invalid("exception", "The request is within the policy for the "
                        + GovernedRoles.describe(roleName, clientId) + "; ask for it without an exception.");
            }
            if (days > exceptions.maxDays()) {
                throw Refusal.invalid("days", "'days' may be at most " + exceptions.maxDays()
                        + " for an exception (the policy's exceptions.maxDays).");
            }
        }
        Map<String, String> answers = Answers.check("the " + GovernedRoles.describe(roleName, clientId),
                programme.questions(), input.answers());
        String storedAnswers = answers.isEmpty() ? null : Json.write(Json.MAPPER.valueToTree(answers));

        List<String> stageNames = StageSelection.forAccess(policy, programme, user.getServiceAccountClientLink() != null,
                exceptionReason != null);
        List<Policy.Stage> stages = stageNames.stream().map(policy.stages()::get).toList();
        return new RequestOpening.Draft(this, RequestService.TYPE_ACCESS, user, partner, role.getId(), role.getName(),
                clientId, purpose, days, maxDays, stored, stageNames, stages,
                "role", "the " + GovernedRoles.describe(roleName, clientId),
                () -> access.grantStore(realm).activeForUserRole(user.getId(), role.getId()).ifPresent(active -> {
                    throw Refusal.conflict("role", "User '" + user.getUsername() + "' already holds the "
                            + GovernedRoles.describe(roleName, clientId) + " through grant '" + active.getId() + "' until "
                            + Json.isoTime(active.getExpiresAt()) + "; renew that grant instead.");
                }),
                request -> {
                    request.setAnswers(storedAnswers);
                    request.setExceptionReason(exceptionReason);
                },
                details -> {
                });
    }

    @Override
    public String recheck(RequestModel request) {
        return limits.recheck(request, RequestService.TYPE_ACCESS.equals(request.getType()));
    }

    @Override
    public void complete(RequestModel request, Actor actor) {
        GrantModel grant = grants.issue(request, actor);
        request.setGrantId(grant.getId());
    }
}
