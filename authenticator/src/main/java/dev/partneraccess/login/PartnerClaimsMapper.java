package dev.partneraccess.login;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
import org.keycloak.representations.IDToken;

import dev.partneraccess.core.partner.Partner;
import dev.partneraccess.core.partner.PartnerDirectory;

/**
 * {@code partner-access-claims}: tells applications which partner a user acts for, as the claim
 * {@code partner = {"id","name","tier","region"}}, and which governed grants the token carries, as
 * {@code partner_access = [{"role","client","grant_id","expires_at"}]}. Users of no partner get neither claim.
 */
public final class PartnerClaimsMapper extends AbstractOIDCProtocolMapper
        implements OIDCAccessTokenMapper, OIDCIDTokenMapper, UserInfoTokenMapper {

    public static final String PROVIDER_ID = "partner-access-claims";
    private static final List<ProviderConfigProperty> CONFIG = new ArrayList<>();

    static {
        OIDCAttributeMapperHelper.addIncludeInTokensConfig(CONFIG, PartnerClaimsMapper.class);
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
        // Governed grants join this list once access requests issue them; until then a member carries none.
        token.getOtherClaims().put("partner_access", List.of());
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
