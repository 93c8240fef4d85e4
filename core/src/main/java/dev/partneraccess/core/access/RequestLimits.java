package dev.partneraccess.core.access;

import java.util.stream.Collectors;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

import dev.partneraccess.core.partner.Partner;
import dev.partneraccess.core.partner.PartnerDirectory;
import dev.partneraccess.core.partner.PartnerStatus;
import dev.partneraccess.core.policy.AccessLimits;
import dev.partneraccess.core.policy.Policy;
import dev.partneraccess.core.policy.PolicyStore;
import dev.partneraccess.core.policy.StoredPolicy;
import dev.partneraccess.core.support.Refusal;

/**
 * The policy's rules for a user and a governed role, as a request for a role meets them when it is opened, renewed
 * and finally approved. Built once per session and realm by {@link RequestService}.
 */
final class RequestLimits {

    /**
     * What the policy says about one user and one governed role; {@code reachesTier} false only when asked for an
     * exception (otherwise a tier below the programme's is refused).
     */
    record Limits(Partner partner, Policy.Tier tier, Policy.Programme programme, RoleModel role, int maxDays,
                  boolean reachesTier) {
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final PolicyStore policies;

    RequestLimits(KeycloakSession session, RealmModel realm, PolicyStore policies) {
        this.session = session;
        this.realm = realm;
        this.policies = policies;
    }

    /** The policy's rules for a user and a governed role: which programme, which partner and tier, how many days. */
    Limits of(Policy policy, UserModel user, String roleName, String clientId) {
        return of(policy, user, roleName, clientId, false);
    }

    /**
     * The same; with {@code exception}, a tier below the programme's minimum is answered ({@code reachesTier} false)
     * instead of refused, for the exception rules to decide.
     */
    Limits of(Policy policy, UserModel user, String roleName, String clientId, boolean exception) {
        Policy.Programme programme = GovernedRoles.programme(policy, roleName, clientId).orElseThrow(() ->
                Refusal.invalid("role", "The " + GovernedRoles.describe(roleName, clientId)
                        + " is not governed by the policy; governed: " + policy.programmes().stream()
                        .map(p -> p.client() == null ? p.role() : p.client() + "/" + p.role())
                        .collect(Collectors.joining(", ")) + "."));
        RoleModel role = GovernedRoles.resolve(realm, programme);
        if (role == null) {
            throw Refusal.conflict("role", "The " + GovernedRoles.describe(roleName, clientId) + " no longer exists in this realm.");
        }
        Partner partner = PartnerDirectory.partnerOf(session, realm, user).orElseThrow(() ->
                Refusal.invalid("user", "User '" + user.getUsername() + "' is not a member of any partner."));
        if (partner.status() != PartnerStatus.ACTIVE) {
            throw Refusal.conflict("partner", "Partner '" + partner.name() + "' is " + partner.status()
                    + "; only an ACTIVE partner's users can request access.");
        }
        Policy.Tier tier = policy.tier(partner.tier()).orElseThrow(() -> Refusal.conflict("partner",
                "Partner '" + partner.name() + "' has tier '" + partner.tier() + "', which the policy does not define."));
        boolean reaches = AccessLimits.reaches(policy, tier, programme);
        if (!reaches && !exception) {
            throw Refusal.conflict("role", "The " + GovernedRoles.describe(roleName, clientId) + " needs tier '"
                    + programme.minTier() + "' or higher; partner '" + partner.name() + "' is '" + tier.name() + "'.");
        }
        return new Limits(partner, tier, programme, role, AccessLimits.maxDays(tier, programme), reaches);
    }

    /**
     * What changed since a request for a role was made and no longer allows granting it, re-checked under the
     * request's lock at the last approval with the current policy: the partner's status, its tier against the
     * programme's minimum, the programme itself and, when {@code days} (a new access), its maximum days. Null when the
     * grant may still be issued or renewed.
     */
    String recheck(RequestModel request, boolean days) {
        UserModel user = session.users().getUserById(realm, request.getUserId());
        if (user == null) {
            return "the user no longer exists.";
        }
        Policy policy = policies.current(realm).map(StoredPolicy::policy).orElse(null);
        if (policy == null) {
            return "the realm has no partner access policy.";
        }
        boolean exception = request.getExceptionReason() != null;
        if (exception && policy.exceptions() == null) {
            return "the current policy allows no exceptions.";
        }
        try {
            Limits limits = of(policy, user, request.getRoleName(), request.getClientId(), exception);
            if (!limits.partner().id().equals(request.getPartnerId())) {
                return "the user now belongs to another partner.";
            }
            if (exception) {
                int most = policy.exceptions().maxDays();
                return days && request.getDays() > most ? request.getDays() + " days are more than the " + most
                        + " the current policy allows for an exception." : null;
            }
            if (days && request.getDays() > limits.maxDays()) {
                return request.getDays() + " days are more than the " + limits.maxDays() + " the current policy allows for the "
                        + GovernedRoles.describe(request.getRoleName(), request.getClientId()) + " at tier '"
                        + limits.tier().name() + "'.";
            }
            return null;
        } catch (Refusal refused) {
            return refused.getMessage();
        }
    }
}
