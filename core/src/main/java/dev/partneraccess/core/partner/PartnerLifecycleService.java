package dev.partneraccess.core.partner;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.organization.OrganizationProvider;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.access.GrantService;
import dev.partneraccess.core.access.RequestService;
import dev.partneraccess.core.access.ServiceAccountService;
import dev.partneraccess.core.evidence.EvidenceLedger;
import dev.partneraccess.core.evidence.EvidenceType;
import dev.partneraccess.core.policy.PolicyStore;
import dev.partneraccess.core.policy.StoredPolicy;
import dev.partneraccess.core.spi.PartnerAccessProvider;
import dev.partneraccess.core.support.Actor;
import dev.partneraccess.core.support.Json;
import dev.partneraccess.core.support.Refusal;

/**
 * A partner's status: suspension, reactivation and offboarding, and what each does to the partner's requests, grants,
 * service accounts and sessions. The reason is checked by the caller (text, at most
 * {@value PartnerService#REASON_MAX} characters).
 */
public final class PartnerLifecycleService {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final EvidenceLedger ledger;
    private final PolicyStore policies;
    private final SessionTerminator sessions;
    private final GrantService grants;
    private final RequestService requests;
    private final ServiceAccountService serviceAccounts;

    private final PartnerAccessProvider access;

    /** Built by {@link PartnerAccessProvider#partnerLifecycle(RealmModel)}, once per session and realm. */
    public PartnerLifecycleService(KeycloakSession session, RealmModel realm, PartnerAccessProvider access) {
        this.session = session;
        this.realm = realm;
        this.access = access;
        this.ledger = access.ledger();
        this.policies = access.policies();
        this.sessions = access.sessions(realm);
        this.grants = access.grants(realm);
        this.requests = access.requests(realm);
        this.serviceAccounts = access.serviceAccounts(realm);
    }

    private OrganizationProvider organizations() {
        return session.getProvider(OrganizationProvider.class);
    }

    public RegisteredPartner suspend(String id, String reason, Actor actor) {
        return transition(id, reason, actor, PartnerStatus.SUSPENDED, EvidenceType.PARTNER_SUSPENDED, Set.of(PartnerStatus.ACTIVE));
    }

    public RegisteredPartner reactivate(String id, String reason, Actor actor) {
        return transition(id, reason, actor, PartnerStatus.ACTIVE, EvidenceType.PARTNER_REACTIVATED, Set.of(PartnerStatus.SUSPENDED));
    }

    public RegisteredPartner offboard(String id, String reason, Actor actor) {
        return transition(id, reason, actor, PartnerStatus.OFFBOARDED, EvidenceType.PARTNER_OFFBOARDED,
                Set.of(PartnerStatus.ACTIVE, PartnerStatus.SUSPENDED));
    }

    private RegisteredPartner transition(String id, String reason, Actor actor, PartnerStatus target, EvidenceType type,
                                         Set<PartnerStatus> from) {
        PartnerService registry = access.partners(realm);
        OrganizationModel organization = registry.organization(id);
        Partner partner = Partner.of(organization);
        if (!from.contains(partner.status())) {
            String why = partner.status() == PartnerStatus.OFFBOARDED
                    ? "is offboarded, which is final"
                    : "is " + partner.status() + ", not " + from.stream().map(Enum::name).sorted().collect(Collectors.joining(" or "));
            throw Refusal.conflict("status", "Partner '" + partner.name() + "' " + why + ".");
        }
        Map<String, List<String>> attributes = new HashMap<>(organization.getAttributes());
        attributes.put(PartnerAttributes.STATUS, List.of(target.name()));
        RegisteredPartner updated = registry.saveAttributes(organization, attributes);
        ObjectNode details = Json.object();
        details.put("reason", reason);
        statusChanged(organization, partner, target, reason, actor, details);
        ledger.append(realm.getId(), type, actor, id, id, details);
        return updated;
    }

    /**
     * The consequences of a status change already written to the organization, whichever way it was written: rows
     * are locked first (service accounts, requests, grants), then the work is done and counted into {@code details};
     * the caller writes the evidence.
     */
    void statusChanged(OrganizationModel organization, Partner partner, PartnerStatus target, String reason,
                       Actor actor, ObjectNode details) {
        String id = organization.getId();
        details.put("previousStatus", partner.status() == null ? null : partner.status().name());
        details.put("status", target.name());
        var accounts = serviceAccounts.lockOfPartner(id);
        if (target == PartnerStatus.OFFBOARDED) {
            String why = "Partner '" + partner.name() + "' offboarded: " + reason;
            var pending = requests.lockPending(id, null);
            var held = grants.lockActive(id, null);
            details.put("requestsCancelled", requests.cancelAll(pending, why, actor));
            details.put("grantsRevoked", grants.revokeAll(held, why, actor));
            details.put("serviceAccountsDisabled", serviceAccounts.offboardAll(accounts, why, actor));
        } else if (target == PartnerStatus.SUSPENDED) {
            details.put("serviceAccountsDisabled", serviceAccounts.suspendAll(accounts,
                    "Partner '" + partner.name() + "' suspended: " + reason, actor));
        } else {
            details.put("serviceAccountsEnabled", serviceAccounts.reactivateAll(accounts,
                    "Partner '" + partner.name() + "' reactivated: " + reason, actor));
        }
        if (target != PartnerStatus.ACTIVE) {
            // No refresh token may outlive the decision: refreshing runs no login flow.
            int ended = organizations().getMembersStream(organization, (String) null, null, null, null)
                    .toList().stream().mapToInt(sessions::endAll).sum();
            details.put("sessionsEnded", ended);
        }
        details.put("policyVersion", policies.current(realm).map(StoredPolicy::version).orElse(null));
    }
}
