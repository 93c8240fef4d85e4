package dev.partneraccess.core.access;

import java.util.List;

import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.evidence.EvidenceType;
import dev.partneraccess.core.jpa.NoticeKind;
import dev.partneraccess.core.jpa.NoticeSubjectType;
import dev.partneraccess.core.jpa.ServiceAccountStore;
import dev.partneraccess.core.partner.Partner;
import dev.partneraccess.core.partner.PartnerDirectory;
import dev.partneraccess.core.policy.Policy;
import dev.partneraccess.core.policy.PolicyStore;
import dev.partneraccess.core.policy.StoredPolicy;
import dev.partneraccess.core.spi.PartnerAccessProvider;
import dev.partneraccess.core.support.Actor;
import dev.partneraccess.core.support.Json;
import dev.partneraccess.core.support.Refusal;
import dev.partneraccess.core.support.TextRules;

/**
 * Partner service accounts: a confidential Keycloak client with a service account, owned by a partner, with a
 * purpose, a partner-side owner and an end. The client stays Keycloak's (its attributes {@code partner.*} say who owns
 * it); the {@code PA_SERVICE_ACCOUNT} row is the product's index of it, for the sweep, the inventory and the report.
 * The secret appears only in the answers to creation and rotation: never in evidence, logs or reads.
 *
 * <p>The reads live here; creation, rotation and renewal in {@link ServiceAccountIssuance}, and what turns accounts
 * off and on again in {@link ServiceAccountShutoff}.
 */
public final class ServiceAccountService {

    public static final String ATTR_PARTNER = PartnerDirectory.SERVICE_ACCOUNT_PARTNER;
    public static final String ATTR_PURPOSE = "partner.purpose";
    public static final String ATTR_OWNER = "partner.owner";
    public static final String ATTR_EXPIRES = "partner.expiresAt";
    public static final String ATTR_ROTATED = "partner.secretRotatedAt";
    static final String BY_SUSPENSION = "SUSPENSION";
    static final String BY_OFFBOARDING = "OFFBOARDING";
    static final String BY_ADMIN = "ADMIN";
    static final String BY_EXPIRY = "EXPIRY";
    static final String BY_SECRET_AGE = "SECRET_AGE";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final PolicyStore policies;
    private final ServiceAccountStore store;

    private final PartnerAccessProvider access;
    private final ServiceAccountIssuance issuance;
    private final ServiceAccountShutoff shutoff;

    /** Built by {@link PartnerAccessProvider#serviceAccounts(RealmModel)}, once per session and realm. */
    public ServiceAccountService(KeycloakSession session, RealmModel realm, PartnerAccessProvider access) {
        this.session = session;
        this.realm = realm;
        this.access = access;
        this.policies = access.policies();
        this.store = access.serviceAccountStore(realm);
        this.issuance = new ServiceAccountIssuance(session, realm, access.ledger(), store, this);
        this.shutoff = new ServiceAccountShutoff(session, realm, access.ledger(), access, store, this);
    }

    /**
     * Records that the account of this client (its internal id) obtained a token at {@code now}, unless a time within
     * {@code every} is already recorded: one conditional update, which moves nothing in a burst of token requests.
     */
    public void recordUse(String clientUuid, long now, long every) {
        store.recordUse(clientUuid, now, every);
    }

    public ServiceAccount create(String partnerId, NewServiceAccount input, Actor actor) {
        return issuance.create(partnerId, input, actor);
    }

    public List<ServiceAccount> list(String partnerId) {
        PartnerDirectory.byId(session, realm, partnerId).orElseThrow(() ->
                Refusal.notFound("Partner '" + partnerId + "' does not exist in realm '" + realm.getName() + "'."));
        return store.ofPartner(partnerId).stream().map(a -> store.answer(a, realm.getClientById(a.getId()))).toList();
    }

    public ServiceAccount rotate(String id, Actor actor) {
        return issuance.rotate(id, actor);
    }

    /** Disables an account for the given reason (checked by the caller: text, at most {@value GrantService#REASON_MAX} characters). */
    public ServiceAccount disable(String id, String reason, Actor actor) {
        return shutoff.disable(id, reason, actor);
    }

    /**
     * Turns a service account off: the client is disabled (no new token by client credentials), its sessions end,
     * and with {@code revokeReason} its grants are revoked too.
     */
    void disable(ServiceAccountModel account, String by, String reason, Actor actor, EvidenceType type, GrantService grantsToRevoke) {
        shutoff.disable(account, by, reason, actor, type, grantsToRevoke);
    }

    /** Suspension: every enabled service account of the partner goes off, marked so reactivation turns on these only. */
    public int suspendAll(List<ServiceAccountModel> accounts, String reason, Actor actor) {
        return shutoff.suspendAll(accounts, reason, actor);
    }

    /** Reactivation: the service accounts that suspension turned off come back, unless they ended meanwhile. */
    public int reactivateAll(List<ServiceAccountModel> accounts, String reason, Actor actor) {
        return shutoff.reactivateAll(accounts, reason, actor);
    }

    /** Offboarding: every service account of the partner goes off for good; grants are revoked by the caller. */
    public int offboardAll(List<ServiceAccountModel> accounts, String reason, Actor actor) {
        return shutoff.offboardAll(accounts, reason, actor);
    }

    /** The sweep's end of a service account past its expiry or with a secret older than the tier allows. */
    void expire(ServiceAccountModel account, String by, String reason, GrantService grants) {
        shutoff.expire(account, by, reason, grants);
    }

    /** Extends a service account after its renewal was approved; called with the renewal request locked. */
    void renew(String id, int days, String requestId, Actor actor) {
        issuance.renew(id, days, requestId, actor);
    }

    void clearNotices(String id, NoticeKind kind) {
        access.notices().clear(NoticeSubjectType.SERVICE_ACCOUNT, id, kind);
    }

    ServiceAccountModel locked(String id) {
        ServiceAccountModel account = !TextRules.plausibleId(id) ? null : store.lock(id);
        if (account == null) {
            throw Refusal.notFound("No partner service account '" + id + "' in this realm.");
        }
        return account;
    }

    /** Locks the partner's service accounts; partner-wide changes lock these first, then requests, then grants. */
    public List<ServiceAccountModel> lockOfPartner(String partnerId) {
        return store.lockOfPartner(partnerId);
    }

    ClientModel client(ServiceAccountModel account) {
        ClientModel client = realm.getClientById(account.getId());
        if (client == null) {
            throw Refusal.conflict("serviceAccount", "The client of service account '" + account.getClientId()
                    + "' was deleted in Keycloak.");
        }
        return client;
    }

    Policy.Tier tier(Partner partner) {
        Policy policy = policies.current(realm).map(StoredPolicy::policy).orElseThrow(() -> Refusal.conflict("policy",
                "This realm has no partner access policy yet; PUT /policy first."));
        return policy.tier(partner.tier()).orElseThrow(() -> Refusal.conflict("partner",
                "Partner '" + partner.name() + "' has tier '" + partner.tier() + "', which the policy does not define."));
    }

    Integer policyVersion() {
        return policies.current(realm).map(StoredPolicy::version).orElse(null);
    }

    /** The details every service account record starts with, in this order; the operation adds its own after them. */
    static ObjectNode details(ServiceAccountModel account) {
        ObjectNode details = Json.object();
        details.put("clientId", account.getClientId());
        details.put("user", account.getUserId());
        details.put("owner", account.getOwner());
        details.put("purpose", account.getPurpose());
        details.put("expiresAt", Json.isoTime(account.getExpiresAt()));
        return details;
    }
}
