package dev.partneraccess.login;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.broker.AbstractIdpAuthenticator;
import org.keycloak.authentication.authenticators.broker.util.PostBrokerLoginConstants;
import org.keycloak.authentication.authenticators.broker.util.SerializedBrokeredIdentityContext;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.models.ClientModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.idm.OAuth2ErrorRepresentation;
import org.keycloak.services.Urls;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.sessions.AuthenticationSessionModel;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.evidence.EvidenceType;
import dev.partneraccess.core.partner.Partner;
import dev.partneraccess.core.partner.PartnerAttributes;
import dev.partneraccess.core.partner.PartnerDirectory;
import dev.partneraccess.core.partner.PartnerStatus;
import dev.partneraccess.core.policy.Policy;
import dev.partneraccess.core.policy.StoredPolicy;
import dev.partneraccess.core.spi.PartnerAccessProvider;
import dev.partneraccess.core.support.Json;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The partner login gate. Users who belong to no partner pass untouched. A partner's member gets in only while the
 * partner is ACTIVE, through the partner's identity provider when it enforces one, to clients whose minimum tier the
 * partner reaches; the tier's required actions are added when due. Every denial is evidenced and shown with its reason.
 */
final class PartnerGateAuthenticator implements Authenticator {

    private static final Logger LOG = Logger.getLogger(PartnerGateAuthenticator.class);
    static final String DENIED_ERROR = "partner_access_denied";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        UserModel user = context.getUser();
        Optional<Partner> found = PartnerDirectory.partnerOf(context.getSession(), context.getRealm(), user);
        if (found.isEmpty()) {
            context.success();
            return;
        }
        Partner partner = found.get();
        if (partner.status() == PartnerStatus.SUSPENDED) {
            deny(context, partner, "suspended", "partnerDeniedSuspended", partner.name());
            return;
        }
        if (partner.status() != PartnerStatus.ACTIVE) {
            deny(context, partner, "offboarded", "partnerDeniedOffboarded", partner.name());
            return;
        }
        if (partner.enforceIdp() && partner.idp() != null && !signedInThrough(context, partner.idp())) {
            IdentityProviderModel idp = context.getSession().identityProviders().getByAlias(partner.idp());
            String idpName = idp == null || idp.getDisplayName() == null ? partner.idp() : idp.getDisplayName();
            deny(context, partner, "idp_required", "partnerDeniedIdpRequired", partner.name(), idpName);
            return;
        }
        Optional<StoredPolicy> policy = context.getSession().getProvider(PartnerAccessProvider.class).policies().current(context.getRealm());
        Optional<Policy.Tier> tier = policy.flatMap(p -> p.policy().tier(partner.tier()));
        ClientModel client = context.getAuthenticationSession().getClient();
        String minTier = client == null ? null : client.getAttribute(PartnerAttributes.CLIENT_MIN_TIER);
        if (minTier != null && !minTier.isBlank() && policy.isPresent()) {
            Optional<Policy.Tier> required = policy.get().policy().tier(minTier.strip());
            if (required.isPresent() && (tier.isEmpty() || tier.get().rank() < required.get().rank())) {
                deny(context, partner, "tier", "partnerDeniedTier", required.get().name(), partner.name(), partner.tier());
                return;
            }
        }
        if (tier.isPresent()) {
            addDueActions(context.getAuthenticationSession(), user, tier.get(), policy.get().policy());
        }
        // For the access reviews' recommendations; written at most once an hour per user.
        context.getSession().getProvider(PartnerAccessProvider.class).lastLogins()
                .recordLogin(context.getRealm().getId(), user.getId(), Time.currentTimeMillis());
        context.success();
    }

    /** Adds the tier's required actions to this login only, when they are due; nothing is stored on the user. */
    private static void addDueActions(AuthenticationSessionModel authSession, UserModel user, Policy.Tier tier, Policy policy) {
        if (tier.requiredActions().contains(Policy.AGREEMENT_ACTION) && policy.agreement() != null
                && !policy.agreement().version().equals(user.getFirstAttribute(PartnerLogin.AGREEMENT_VERSION))) {
            authSession.addRequiredAction(Policy.AGREEMENT_ACTION);
        }
        if (tier.requiredActions().contains(Policy.ATTESTATION_ACTION) && tier.attestationDays() != null) {
            long attestedAt = parseLong(user.getFirstAttribute(PartnerLogin.ATTESTED_AT));
            if (attestedAt + tier.attestationDays() * 86_400L <= Time.currentTime()) {
                authSession.addRequiredAction(Policy.ATTESTATION_ACTION);
            }
        }
    }

    private static long parseLong(String value) {
        try {
            return value == null ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Whether this login came through the given identity provider: a brokered login carries the provider in its
     * user-session notes; a single sign-on by cookie inherits it from the existing session.
     */
    private static boolean signedInThrough(AuthenticationFlowContext context, String alias) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (alias.equals(authSession.getUserSessionNotes().get(Details.IDENTITY_PROVIDER))) {
            return true;
        }
        // Inside the post-broker-login and first-broker-login flows the provider is in the brokered context.
        for (String note : new String[] {PostBrokerLoginConstants.PBL_BROKERED_IDENTITY_CONTEXT, AbstractIdpAuthenticator.BROKERED_CONTEXT_NOTE}) {
            SerializedBrokeredIdentityContext brokered = SerializedBrokeredIdentityContext.readFromAuthenticationSession(authSession, note);
            if (brokered != null && alias.equals(brokered.getIdentityProviderId())) {
                return true;
            }
        }
        if (Boolean.parseBoolean(authSession.getAuthNote(AuthenticationManager.SSO_AUTH))) {
            AuthenticationManager.AuthResult cookie = AuthenticationManager.authenticateIdentityCookie(
                    context.getSession(), context.getRealm(), true);
            return cookie != null && alias.equals(cookie.session().getNote(Details.IDENTITY_PROVIDER));
        }
        return false;
    }

    private static void deny(AuthenticationFlowContext context, Partner partner, String reason, String messageKey, Object... params) {
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        UserModel user = context.getUser();
        ClientModel client = context.getAuthenticationSession().getClient();
        String clientId = client == null ? null : client.getClientId();
        String text = PartnerLogin.message(session, realm, user, messageKey, params);

        ObjectNode details = Json.object();
        details.put("reason", reason);
        details.put("client", clientId);
        details.put("partner", partner.id());
        details.put("partnerName", partner.name());
        details.put("flow", context.getFlowPath());
        PartnerAccessProvider access = session.getProvider(PartnerAccessProvider.class);
        OptionalInt admitted = access.denials().admit(realm.getId(), user.getId(), reason);
        if (admitted.isPresent()) {
            if (admitted.getAsInt() > 0) {
                details.put("suppressed", admitted.getAsInt());
            }
            access.ledger().append(realm.getId(), EvidenceType.LOGIN_DENIED, PartnerLogin.actor(user),
                    user.getId(), partner.id(), details);
        }
        context.getEvent().user(user).detail("partner_access_reason", reason).detail("partner", partner.id())
                .error(DENIED_ERROR);
        LOG.debugf("partner login of %s denied: %s", user.getUsername(), reason);

        if (isDirectGrant(context)) {
            Response response = Response.status(Response.Status.BAD_REQUEST)
                    .entity(new OAuth2ErrorRepresentation("access_denied", text))
                    .type(MediaType.APPLICATION_JSON_TYPE).build();
            context.failure(AuthenticationFlowError.ACCESS_DENIED, response);
            return;
        }
        var form = context.form()
                .setAttribute("denialReason", messageKey)
                .setAttribute("denialText", text)
                .setAttribute("denialParams", List.of(params).stream().map(String::valueOf).toList())
                .setAttribute("partnerName", partner.name());
        if ("idp_required".equals(reason)) {
            IdentityProviderModel idp = session.identityProviders().getByAlias(partner.idp());
            if (idp != null && idp.isEnabled()) {
                AuthenticationSessionModel authSession = context.getAuthenticationSession();
                String loginUrl = Urls.identityProviderAuthnRequest(session.getContext().getUri().getBaseUri(), idp.getAlias(),
                        realm.getName(), context.generateAccessCode(), clientId, authSession.getTabId(), null, null).toString();
                form.setAttribute("idpLoginUrl", loginUrl)
                        .setAttribute("idpDisplayName", idp.getDisplayName() == null ? idp.getAlias() : idp.getDisplayName());
                // A challenge, not a failure: the login stays open so the button can continue it through the provider.
                context.challenge(form.createForm("partner-access-denied.ftl"));
                return;
            }
        }
        context.failure(AuthenticationFlowError.ACCESS_DENIED, form.createForm("partner-access-denied.ftl"));
    }

    private static boolean isDirectGrant(AuthenticationFlowContext context) {
        return "openid-connect".equals(context.getAuthenticationSession().getProtocol())
                && context.getHttpRequest().getUri().getPath().endsWith("/protocol/openid-connect/token");
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        authenticate(context);
    }

    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
