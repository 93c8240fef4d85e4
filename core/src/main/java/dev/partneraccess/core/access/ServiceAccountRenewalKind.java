package dev.partneraccess.core.access;

import java.util.List;

import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import dev.partneraccess.core.partner.Partner;
import dev.partneraccess.core.partner.PartnerDirectory;
import dev.partneraccess.core.partner.PartnerStatus;
import dev.partneraccess.core.policy.AccessLimits;
import dev.partneraccess.core.policy.Policy;
import dev.partneraccess.core.policy.PolicyStore;
import dev.partneraccess.core.policy.StoredPolicy;
import dev.partneraccess.core.spi.PartnerAccessProvider;
import dev.partneraccess.core.support.Actor;
import dev.partneraccess.core.support.Json;
import dev.partneraccess.core.support.Refusal;

/**
 * The renewal of a partner service account: one stage, {@code owner}, decided by the partner's business owner; its
 * beneficiary is the account's service user and its "role" the account ({@link RequestService#SERVICE_ACCOUNT}).
 * Approval moves the account's end to the approval time plus the days, capped at the tier's maximum then.
 */
final class ServiceAccountRenewalKind implements RequestKind {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final PartnerAccessProvider access;
    private final PolicyStore policies;

    ServiceAccountRenewalKind(KeycloakSession session, RealmModel realm, PartnerAccessProvider access) {
        this.session = session;
        this.realm = realm;
        this.access = access;
        this.policies = access.policies();
    }

    private ServiceAccountService serviceAccounts() {
        return access.serviceAccounts(realm);
    }

    RequestOpening.Draft draft(String id, Renewal renewal) {
        int days = renewal.days();
        String justification = renewal.justification();
        ServiceAccountModel account = serviceAccounts().locked(id);
        if (!account.isEnabled() || account.getExpiresAt() <= Time.currentTimeMillis()) {
            throw Refusal.conflict("serviceAccount", "Service account '" + account.getClientId()
                    + "' is disabled or past its end; only an active service account can be renewed.");
        }
        Partner partner = PartnerDirectory.byId(session, realm, account.getPartnerId()).filter(p -> p.status() == PartnerStatus.ACTIVE)
                .orElseThrow(() -> Refusal.conflict("partner", "The service account's partner is not ACTIVE."));
        int maxDays = AccessLimits.maxDays(serviceAccounts().tier(partner), null);
        if (days > maxDays) {
            throw Refusal.invalid("days", "'days' may be at most " + maxDays + " at tier '" + partner.tier() + "'.");
        }
        UserModel serviceUser = account.getUserId() == null ? null : session.users().getUserById(realm, account.getUserId());
        if (serviceUser == null) {
            throw Refusal.conflict("serviceAccount", "The service account's user no longer exists.");
        }
        StoredPolicy stored = policies.current(realm).orElseThrow(() -> Refusal.conflict("policy",
                "This realm has no partner access policy."));
        // REQUEST_CREATED of a service account's renewal carries no maxDays: the cap applies again at the approval.
        return new RequestOpening.Draft(this, RequestService.TYPE_RENEWAL, serviceUser, partner, account.getId(),
                RequestService.SERVICE_ACCOUNT, account.getClientId(), justification, days, null, stored,
                List.of("owner"), List.of(new Policy.Stage("owner", null, null, true)),
                "serviceAccount", "the renewal of service account '" + account.getClientId() + "'",
                () -> {
                },
                request -> request.setServiceAccountId(account.getId()),
                details -> {
                    details.put("serviceAccount", account.getId());
                    details.put("currentExpiresAt", Json.isoTime(account.getExpiresAt()));
                });
    }

    /** The account the decision's completion renews, locked after the request: the lock order everywhere. */
    @Override
    public void lockSubject(RequestModel request) {
        serviceAccounts().locked(request.getServiceAccountId());
    }

    /** A service account's renewal is checked when the account is renewed. */
    @Override
    public String recheck(RequestModel request) {
        return null;
    }

    @Override
    public void complete(RequestModel request, Actor actor) {
        ServiceAccountModel account = serviceAccounts().locked(request.getServiceAccountId());
        Partner partner = PartnerDirectory.byId(session, realm, account.getPartnerId()).orElseThrow(() ->
                Refusal.conflict("partner", "The service account's partner no longer exists."));
        int maxDays = AccessLimits.maxDays(serviceAccounts().tier(partner), null);
        serviceAccounts().renew(account.getId(), Math.min(request.getDays(), maxDays), request.getId(), actor);
    }
}
