package dev.partneraccess.core.access;

import java.util.List;

import org.keycloak.common.util.Time;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.evidence.EvidenceLedger;
import dev.partneraccess.core.evidence.EvidenceType;
import dev.partneraccess.core.jpa.ServiceAccountStore;
import dev.partneraccess.core.spi.PartnerAccessProvider;
import dev.partneraccess.core.support.Actor;
import dev.partneraccess.core.support.Refusal;

import static dev.partneraccess.core.access.ServiceAccountService.BY_ADMIN;
import static dev.partneraccess.core.access.ServiceAccountService.BY_OFFBOARDING;
import static dev.partneraccess.core.access.ServiceAccountService.BY_SUSPENSION;
import static dev.partneraccess.core.access.ServiceAccountService.details;

/**
 * What turns partner service accounts off and on again: disabling by an admin, suspension, reactivation,
 * offboarding and the sweep's expiry. Used through {@link ServiceAccountService}.
 */
final class ServiceAccountShutoff {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final EvidenceLedger ledger;
    private final PartnerAccessProvider access;
    private final ServiceAccountStore store;
    private final ServiceAccountService accounts;

    ServiceAccountShutoff(KeycloakSession session, RealmModel realm, EvidenceLedger ledger, PartnerAccessProvider access,
            ServiceAccountStore store, ServiceAccountService accounts) {
        this.session = session;
        this.realm = realm;
        this.ledger = ledger;
        this.access = access;
        this.store = store;
        this.accounts = accounts;
    }

    /** Disables an account for the given reason (checked by the caller: text, at most {@value GrantService#REASON_MAX} characters). */
    ServiceAccount disable(String id, String reason, Actor actor) {
        ServiceAccountModel account = accounts.locked(id);
        if (!account.isEnabled()) {
            throw Refusal.conflict("enabled", "Service account '" + account.getClientId() + "' is already disabled.");
        }
        disable(account, BY_ADMIN, reason, actor, EvidenceType.SERVICE_ACCOUNT_DISABLED, null);
        return store.answer(account, accounts.client(account));
    }

    /**
     * Turns a service account off: the client is disabled (no new token by client credentials), its sessions end,
     * and with {@code revokeReason} its grants are revoked too.
     */
    void disable(ServiceAccountModel account, String by, String reason, Actor actor, EvidenceType type, GrantService grantsToRevoke) {
        ClientModel client = realm.getClientById(account.getId());
        account.setEnabled(false);
        account.setDisabledBy(by);
        if (client != null) {
            client.setEnabled(false);
        }
        ObjectNode details = details(account);
        details.put("reason", reason);
        details.put("disabledBy", by);
        UserModel serviceUser = account.getUserId() == null ? null : session.users().getUserById(realm, account.getUserId());
        if (serviceUser != null) {
            details.put("sessionsEnded", access.sessions(realm).endAll(serviceUser));
            if (grantsToRevoke != null) {
                List<GrantModel> held = grantsToRevoke.lockActive(account.getPartnerId(), serviceUser.getId());
                details.put("grantsRevoked", grantsToRevoke.revokeAll(held, reason, actor));
            }
        }
        ledger.append(realm.getId(), type, actor, account.getId(), account.getPartnerId(), details);
    }

    /** Suspension: every enabled service account of the partner goes off, marked so reactivation turns on these only. */
    int suspendAll(List<ServiceAccountModel> accounts, String reason, Actor actor) {
        int count = 0;
        for (ServiceAccountModel account : accounts) {
            if (account.isEnabled()) {
                disable(account, BY_SUSPENSION, reason, actor, EvidenceType.SERVICE_ACCOUNT_DISABLED, null);
                count++;
            }
        }
        return count;
    }

    /** Reactivation: the service accounts that suspension turned off come back, unless they ended meanwhile. */
    int reactivateAll(List<ServiceAccountModel> accounts, String reason, Actor actor) {
        int count = 0;
        long now = Time.currentTimeMillis();
        for (ServiceAccountModel account : accounts) {
            if (!account.isEnabled() && BY_SUSPENSION.equals(account.getDisabledBy()) && account.getExpiresAt() > now) {
                account.setEnabled(true);
                account.setDisabledBy(null);
                ClientModel client = realm.getClientById(account.getId());
                if (client != null) {
                    client.setEnabled(true);
                }
                ObjectNode details = details(account);
                details.put("reason", reason);
                ledger.append(realm.getId(), EvidenceType.SERVICE_ACCOUNT_ENABLED, actor, account.getId(), account.getPartnerId(), details);
                count++;
            }
        }
        return count;
    }

    /** Offboarding: every service account of the partner goes off for good; grants are revoked by the caller. */
    int offboardAll(List<ServiceAccountModel> accounts, String reason, Actor actor) {
        int count = 0;
        for (ServiceAccountModel account : accounts) {
            if (account.isEnabled() || !BY_OFFBOARDING.equals(account.getDisabledBy())) {
                disable(account, BY_OFFBOARDING, reason, actor, EvidenceType.SERVICE_ACCOUNT_DISABLED, null);
                count++;
            }
        }
        return count;
    }

    /** The sweep's end of a service account past its expiry or with a secret older than the tier allows. */
    void expire(ServiceAccountModel account, String by, String reason, GrantService grants) {
        disable(account, by, reason, Actor.SYSTEM, EvidenceType.SERVICE_ACCOUNT_EXPIRED, grants);
    }
}
