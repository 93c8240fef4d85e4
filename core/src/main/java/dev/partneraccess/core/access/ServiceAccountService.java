package dev.partneraccess.core.access;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.keycloak.common.util.Time;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.services.managers.ClientManager;
import org.keycloak.services.managers.RealmManager;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.evidence.EvidenceLedger;
import dev.partneraccess.core.evidence.EvidenceType;
import dev.partneraccess.core.jpa.NoticeKind;
import dev.partneraccess.core.jpa.NoticeSubjectType;
import dev.partneraccess.core.jpa.ServiceAccountStore;
import dev.partneraccess.core.partner.Partner;
import dev.partneraccess.core.partner.PartnerDirectory;
import dev.partneraccess.core.partner.PartnerStatus;
import dev.partneraccess.core.policy.AccessLimits;
import dev.partneraccess.core.policy.Policy;
import dev.partneraccess.core.policy.PolicyStore;
import dev.partneraccess.core.policy.StoredPolicy;
import dev.partneraccess.core.spi.PartnerAccessProvider;
import dev.partneraccess.core.support.Actor;
import dev.partneraccess.core.support.Refusal;
import dev.partneraccess.core.support.Json;
import dev.partneraccess.core.support.TextRules;

/**
 * Partner service accounts: a confidential Keycloak client with a service account, owned by a partner, with a
 * purpose, a partner-side owner and an end. The client stays Keycloak's (its attributes {@code partner.*} say who owns
 * it); the {@code PA_SERVICE_ACCOUNT} row is the product's index of it, for the sweep, the inventory and the report.
 * The secret appears only in the answers to creation and rotation: never in evidence, logs or reads.
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
    private static final long DAY = TimeUnit.DAYS.toMillis(1);
    private static final int CLIENT_ID_MAX = 255;
    private static final int CLIENT_TEXT_MAX = 255;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final EvidenceLedger ledger;
    private final PolicyStore policies;
    private final ServiceAccountStore store;

    private final PartnerAccessProvider access;

    /** Built by {@link PartnerAccessProvider#serviceAccounts(RealmModel)}, once per session and realm. */
    public ServiceAccountService(KeycloakSession session, RealmModel realm, PartnerAccessProvider access) {
        this.session = session;
        this.realm = realm;
        this.access = access;
        this.ledger = access.ledger();
        this.policies = access.policies();
        this.store = access.serviceAccountStore(realm);
    }

    /**
     * Records that the account of this client (its internal id) obtained a token at {@code now}, unless a time within
     * {@code every} is already recorded: one conditional update, which moves nothing in a burst of token requests.
     */
    public void recordUse(String clientUuid, long now, long every) {
        store.recordUse(clientUuid, now, every);
    }

    public ServiceAccount create(String partnerId, NewServiceAccount input, Actor actor) {
        Partner partner = PartnerDirectory.byId(session, realm, partnerId).orElseThrow(() ->
                Refusal.notFound("Partner '" + partnerId + "' does not exist in realm '" + realm.getName() + "'."));
        String name = input.name();
        String purpose = input.purpose();
        String ownerId = input.owner();
        int days = input.days();
        UserModel owner = session.users().getUserById(realm, ownerId);
        if (owner == null || PartnerDirectory.partnerOf(session, realm, owner).map(Partner::id).filter(partnerId::equals).isEmpty()) {
            throw Refusal.invalid("owner", "The owner must be a member of partner '" + partner.name() + "'.");
        }
        if (partner.status() != PartnerStatus.ACTIVE) {
            throw Refusal.conflict("partner", "Partner '" + partner.name() + "' is " + partner.status()
                    + "; only an ACTIVE partner gets new service accounts.");
        }
        int maxDays = AccessLimits.maxDays(tier(partner), null);
        if (days > maxDays) {
            throw Refusal.invalid("days", "'days' may be at most " + maxDays + " at tier '" + partner.tier() + "'.");
        }
        String clientId = "partner-" + partner.alias() + "-" + name;
        if (clientId.length() > CLIENT_ID_MAX) {
            throw Refusal.invalid("name", "Client id '" + clientId + "' would be longer than Keycloak's " + CLIENT_ID_MAX
                    + " characters; choose a shorter name.");
        }
        if (realm.getClientByClientId(clientId) != null) {
            throw Refusal.conflict("name", "Client '" + clientId + "' already exists in this realm.");
        }

        long now = Time.currentTimeMillis();
        ClientRepresentation representation = new ClientRepresentation();
        representation.setClientId(clientId);
        // Keycloak keeps at most 255 characters of a client's name and description; the row keeps the whole purpose.
        representation.setName(TextRules.clip(partner.name() + ": " + name, CLIENT_TEXT_MAX));
        representation.setDescription(TextRules.clip(purpose, CLIENT_TEXT_MAX));
        representation.setProtocol("openid-connect");
        representation.setPublicClient(false);
        representation.setClientAuthenticatorType("client-secret");
        representation.setStandardFlowEnabled(false);
        representation.setImplicitFlowEnabled(false);
        representation.setDirectAccessGrantsEnabled(false);
        representation.setServiceAccountsEnabled(true);
        representation.setFullScopeAllowed(true);
        representation.setEnabled(true);
        ClientModel client = ClientManager.createClient(session, realm, representation);
        new ClientManager(new RealmManager(session)).enableServiceAccount(client);
        String secret = KeycloakModelUtils.generateSecret(client);
        UserModel serviceUser = session.users().getServiceAccount(client);

        ServiceAccountModel account = store.newAccount();
        account.setId(client.getId());
        account.setRealmId(realm.getId());
        account.setPartnerId(partner.id());
        account.setClientId(clientId);
        account.setUserId(serviceUser == null ? null : serviceUser.getId());
        account.setPurpose(purpose);
        account.setOwner(owner.getId());
        account.setCreatedAt(now);
        account.setExpiresAt(now + days * DAY);
        account.setSecretRotatedAt(now);
        account.setEnabled(true);
        store.persist(account);
        mirror(client, account);

        ObjectNode details = details(account);
        details.put("days", days);
        details.put("policyVersion", policyVersion());
        ledger.append(realm.getId(), EvidenceType.SERVICE_ACCOUNT_CREATED, actor, client.getId(), partner.id(), details);
        return store.answer(account, client).withSecret(secret);
    }

    public List<ServiceAccount> list(String partnerId) {
        PartnerDirectory.byId(session, realm, partnerId).orElseThrow(() ->
                Refusal.notFound("Partner '" + partnerId + "' does not exist in realm '" + realm.getName() + "'."));
        return store.ofPartner(partnerId).stream().map(a -> store.answer(a, realm.getClientById(a.getId()))).toList();
    }

    public ServiceAccount rotate(String id, Actor actor) {
        ServiceAccountModel account = locked(id);
        ClientModel client = client(account);
        String secret = KeycloakModelUtils.generateSecret(client);
        account.setSecretRotatedAt(Time.currentTimeMillis());
        mirror(client, account);
        clearNotices(account.getId(), NoticeKind.SECRET_AGE); // the new secret's deadline is announced afresh
        ObjectNode details = details(account);
        details.put("secretRotatedAt", Json.isoTime(account.getSecretRotatedAt()));
        ledger.append(realm.getId(), EvidenceType.SERVICE_ACCOUNT_SECRET_ROTATED, actor, account.getId(), account.getPartnerId(), details);
        return store.answer(account, client).withSecret(secret);
    }

    /** Disables an account for the given reason (checked by the caller: text, at most {@value GrantService#REASON_MAX} characters). */
    public ServiceAccount disable(String id, String reason, Actor actor) {
        ServiceAccountModel account = locked(id);
        if (!account.isEnabled()) {
            throw Refusal.conflict("enabled", "Service account '" + account.getClientId() + "' is already disabled.");
        }
        disable(account, BY_ADMIN, reason, actor, EvidenceType.SERVICE_ACCOUNT_DISABLED, null);
        return store.answer(account, client(account));
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
    public int suspendAll(List<ServiceAccountModel> accounts, String reason, Actor actor) {
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
    public int reactivateAll(List<ServiceAccountModel> accounts, String reason, Actor actor) {
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
    public int offboardAll(List<ServiceAccountModel> accounts, String reason, Actor actor) {
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

    /** Extends a service account after its renewal was approved; called with the renewal request locked. */
    void renew(String id, int days, String requestId, Actor actor) {
        ServiceAccountModel account = locked(id);
        long now = Time.currentTimeMillis();
        if (account.getExpiresAt() <= now || (!account.isEnabled() && !BY_SUSPENSION.equals(account.getDisabledBy()))) {
            throw Refusal.conflict("serviceAccount", "Service account '" + account.getClientId()
                    + "' has ended; it can no longer be renewed.");
        }
        long previous = account.getExpiresAt();
        account.setExpiresAt(now + days * DAY);
        mirror(client(account), account);
        clearNotices(account.getId(), NoticeKind.EXPIRY);
        ObjectNode details = details(account);
        details.put("requestId", requestId);
        details.put("oldExpiresAt", Json.isoTime(previous));
        details.put("newExpiresAt", Json.isoTime(account.getExpiresAt()));
        ledger.append(realm.getId(), EvidenceType.SERVICE_ACCOUNT_RENEWED, actor, account.getId(), account.getPartnerId(), details);
    }

    private void clearNotices(String id, NoticeKind kind) {
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

    private ClientModel client(ServiceAccountModel account) {
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

    private Integer policyVersion() {
        return policies.current(realm).map(StoredPolicy::version).orElse(null);
    }

    /** The client's attributes say the same as our row, for admins looking at the client in Keycloak's console. */
    private static void mirror(ClientModel client, ServiceAccountModel account) {
        client.setAttribute(ATTR_PARTNER, account.getPartnerId());
        client.setAttribute(ATTR_PURPOSE, account.getPurpose());
        client.setAttribute(ATTR_OWNER, account.getOwner());
        client.setAttribute(ATTR_EXPIRES, Json.isoTime(account.getExpiresAt()));
        client.setAttribute(ATTR_ROTATED, Json.isoTime(account.getSecretRotatedAt()));
    }

    private static ObjectNode details(ServiceAccountModel account) {
        ObjectNode details = Json.object();
        details.put("clientId", account.getClientId());
        details.put("user", account.getUserId());
        details.put("owner", account.getOwner());
        details.put("purpose", account.getPurpose());
        details.put("expiresAt", Json.isoTime(account.getExpiresAt()));
        return details;
    }
}
