package dev.partneraccess.login;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.keycloak.common.util.Time;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.UserInfoTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.IDToken;

import dev.partneraccess.core.access.HeldGrant;
import dev.partneraccess.core.access.GovernedRoles;
import dev.partneraccess.core.partner.Partner;
import dev.partneraccess.core.partner.PartnerDirectory;
import dev.partneraccess.core.policy.StoredPolicy;
import dev.partneraccess.core.spi.PartnerAccessProvider;

/**
 * {@code partner-access-claims}: tells applications which partner a user acts for, as the claim
 * {@code partner = {"id","name","tier","region"}}, and which governed grants the token carries, as
 * {@code partner_access = [{"role","client","grant_id","expires_at"}]}. Users of no partner get neither claim.
 */
public final class PartnerClaimsMapper extends AbstractOIDCProtocolMapper
        implements OIDCAccessTokenMapper, OIDCIDTokenMapper, UserInfoTokenMapper {

    public static final String PROVIDER_ID = "partner-access-claims";
    private static final List<ProviderConfigProperty> CONFIG = config();

    /** Config key of the option that keeps access tokens from outliving the earliest grant they carry. */
    public static final String CAP_LIFETIME = "cap.token.lifetime";
    static final int PRIORITY = 100;
    /** Session attribute prefix of the grants already read for a user in this request. */
    private static final String GRANTS_READ = "partner-access.claims.grants.";

    private static List<ProviderConfigProperty> config() {
        List<ProviderConfigProperty> config = new ArrayList<>();
        OIDCAttributeMapperHelper.addIncludeInTokensConfig(config, PartnerClaimsMapper.class);
        ProviderConfigProperty cap = new ProviderConfigProperty();
        cap.setName(CAP_LIFETIME);
        cap.setLabel("Cap token lifetime at grant expiry");
        cap.setHelpText("When on (the default, also when the option is absent), no access token outlives the earliest"
                + " governed grant it carries: its expiry is lowered to that grant's end.");
        cap.setType(ProviderConfigProperty.BOOLEAN_TYPE);
        cap.setDefaultValue("true");
        config.add(cap);
        return List.copyOf(config);
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel mappingModel, UserSessionModel userSession,
                            KeycloakSession session, ClientSessionContext clientSessionCtx) {
        Optional<Partner> partner = PartnerDirectory.partnerOf(session, userSession.getRealm(), userSession.getUser());
        if (partner.isEmpty()) {
            return;
        }
        Map<String, Object> claim = new LinkedHashMap<>();
        claim.put("id", partner.get().id());
        claim.put("name", partner.get().name());
        claim.put("tier", partner.get().tier());
        claim.put("region", partner.get().region());
        token.getOtherClaims().put("partner", claim);

        long now = Time.currentTimeMillis();
        List<HeldGrant> active = activeGrants(session, userSession.getRealm(), userSession.getUser());
        List<HeldGrant> grants = active.stream().filter(g -> !g.lapsedAt(now)).toList();
        List<Map<String, Object>> access = new ArrayList<>();
        for (HeldGrant grant : grants) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("role", grant.roleName());
            entry.put("client", grant.clientId());
            entry.put("grant_id", grant.id());
            entry.put("expires_at", grant.expiresAt() / 1000);
            access.add(entry);
        }
        token.getOtherClaims().put("partner_access", access);
        if (token instanceof AccessToken accessToken) {
            // A grant past its end that the expiry sweep has not reached yet still has its role mapping; the token
            // must not carry the role anyway.
            active.stream().filter(g -> g.lapsedAt(now))
                    .filter(lapsed -> grants.stream().noneMatch(g -> g.roleId().equals(lapsed.roleId())))
                    .forEach(lapsed -> withhold(accessToken, lapsed));
            if (!grants.isEmpty() && capsLifetime(mappingModel)) {
                long earliest = grants.get(0).expiresAt() / 1000;
                if (token.getExp() == null || token.getExp() > earliest) {
                    token.exp(earliest);
                }
            }
        }
    }

    private static void withhold(AccessToken token, HeldGrant lapsed) {
        AccessToken.Access access = lapsed.clientId() == null ? token.getRealmAccess() : token.getResourceAccess(lapsed.clientId());
        if (access != null && access.getRoles() != null) {
            access.getRoles().remove(lapsed.roleName());
        }
    }

    /** Runs after Keycloak's role mappers, so that a lapsed grant's role can be taken out of the token. */
    @Override
    public int getPriority() {
        return PRIORITY;
    }

    /**
     * The user's ACTIVE grants, earliest expiry first. A user who holds none of the governed roles has none, which
     * Keycloak's user cache answers without a query; only holders of a governed role cost one indexed read per token
     * request: the access token, the ID token and the user info of one request share it.
     */
    @SuppressWarnings("unchecked")
    private static List<HeldGrant> activeGrants(KeycloakSession session, RealmModel realm, UserModel user) {
        PartnerAccessProvider access = session.getProvider(PartnerAccessProvider.class);
        Optional<StoredPolicy> policy = access.policies().current(realm);
        if (policy.isEmpty() || GovernedRoles.roles(realm, policy.get().policy()).stream().noneMatch(user::hasDirectRole)) {
            return List.of();
        }
        String key = GRANTS_READ + realm.getId() + "." + user.getId();
        if (session.getAttribute(key) instanceof List<?> read) {
            return (List<HeldGrant>) read;
        }
        List<HeldGrant> grants = access.grants(realm).held(user.getId());
        session.setAttribute(key, grants);
        return grants;
    }

    static boolean capsLifetime(ProtocolMapperModel mappingModel) {
        String value = mappingModel.getConfig() == null ? null : mappingModel.getConfig().get(CAP_LIFETIME);
        return value == null || Boolean.parseBoolean(value);
    }

    @Override
    public String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    public String getDisplayType() {
        return "Partner access claims";
    }

    @Override
    public String getHelpText() {
        return "Adds the claim 'partner' (id, name, tier, region of the user's partner) and 'partner_access' (the"
                + " user's governed grants with their expiry) to the tokens chosen below.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
