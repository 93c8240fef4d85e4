package dev.partneraccess.core.access;

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
import dev.partneraccess.core.jpa.ServiceAccountStore;
import dev.partneraccess.core.partner.Partner;
import dev.partneraccess.core.partner.PartnerDirectory;
import dev.partneraccess.core.partner.PartnerStatus;
import dev.partneraccess.core.policy.AccessLimits;
import dev.partneraccess.core.support.Actor;
import dev.partneraccess.core.support.Json;
import dev.partneraccess.core.support.Refusal;
import dev.partneraccess.core.support.TextRules;

import static dev.partneraccess.core.access.ServiceAccountService.ATTR_EXPIRES;
import static dev.partneraccess.core.access.ServiceAccountService.ATTR_OWNER;
import static dev.partneraccess.core.access.ServiceAccountService.ATTR_PARTNER;
import static dev.partneraccess.core.access.ServiceAccountService.ATTR_PURPOSE;
import static dev.partneraccess.core.access.ServiceAccountService.ATTR_ROTATED;
import static dev.partneraccess.core.access.ServiceAccountService.BY_SUSPENSION;
import static dev.partneraccess.core.access.ServiceAccountService.details;

/**
 * What gives a partner service account its client, its secret and its end: creation, rotation of the secret and
 * renewal. Used through {@link ServiceAccountService}.
 */
final class ServiceAccountIssuance {

    private static final long DAY = TimeUnit.DAYS.toMillis(1);
    private static final int CLIENT_ID_MAX = 255;
    private static final int CLIENT_TEXT_MAX = 255;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final EvidenceLedger ledger;
    private final ServiceAccountStore store;
    private final ServiceAccountService accounts;

    ServiceAccountIssuance(KeycloakSession session, RealmModel realm, EvidenceLedger ledger, ServiceAccountStore store,
            ServiceAccountService accounts) {
        this.session = session;
        this.realm = realm;
        this.ledger = ledger;
        this.store = store;
        this.accounts = accounts;
    }

    ServiceAccount create(String partnerId, NewServiceAccount input, Actor actor) {
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
        int maxDays = AccessLimits.maxDays(accounts.tier(partner), null);
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
        details.put("policyVersion", accounts.policyVersion());
        ledger.append(realm.getId(), EvidenceType.SERVICE_ACCOUNT_CREATED, actor, client.getId(), partner.id(), details);
        return store.answer(account, client).withSecret(secret);
    }

    ServiceAccount rotate(String id, Actor actor) {
        ServiceAccountModel account = accounts.locked(id);
        ClientModel client = accounts.client(account);
        String secret = KeycloakModelUtils.generateSecret(client);
        account.setSecretRotatedAt(Time.currentTimeMillis());
        mirror(client, account);
        accounts.clearNotices(account.getId(), NoticeKind.SECRET_AGE); // the new secret's deadline is announced afresh
        ObjectNode details = details(account);
        details.put("secretRotatedAt", Json.isoTime(account.getSecretRotatedAt()));
        ledger.append(realm.getId(), EvidenceType.SERVICE_ACCOUNT_SECRET_ROTATED, actor, account.getId(), account.getPartnerId(), details);
        return store.answer(account, client).withSecret(secret);
    }

    /** Extends a service account after its renewal was approved; called with the renewal request locked. */
    void renew(String id, int days, String requestId, Actor actor) {
        ServiceAccountModel account = accounts.locked(id);
        long now = Time.currentTimeMillis();
        if (account.getExpiresAt() <= now || (!account.isEnabled() && !BY_SUSPENSION.equals(account.getDisabledBy()))) {
            throw Refusal.conflict("serviceAccount", "Service account '" + account.getClientId()
                    + "' has ended; it can no longer be renewed.");
        }
        long previous = account.getExpiresAt();
        account.setExpiresAt(now + days * DAY);
        mirror(accounts.client(account), account);
        accounts.clearNotices(account.getId(), NoticeKind.EXPIRY);
        ObjectNode details = details(account);
        details.put("requestId", requestId);
        details.put("oldExpiresAt", Json.isoTime(previous));
        details.put("newExpiresAt", Json.isoTime(account.getExpiresAt()));
        ledger.append(realm.getId(), EvidenceType.SERVICE_ACCOUNT_RENEWED, actor, account.getId(), account.getPartnerId(), details);
    }

    /** The client's attributes say the same as our row, for admins looking at the client in Keycloak's console. */
    private static void mirror(ClientModel client, ServiceAccountModel account) {
        client.setAttribute(ATTR_PARTNER, account.getPartnerId());
        client.setAttribute(ATTR_PURPOSE, account.getPurpose());
        client.setAttribute(ATTR_OWNER, account.getOwner());
        client.setAttribute(ATTR_EXPIRES, Json.isoTime(account.getExpiresAt()));
        client.setAttribute(ATTR_ROTATED, Json.isoTime(account.getSecretRotatedAt()));
    }
}
