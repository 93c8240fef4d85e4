package dev.partneraccess.login;

import java.util.List;

import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;

import dev.partneraccess.core.support.NoLifecycle;

/** {@code partner-access-gate}: stands at the top level of a flow, after the step that identifies the user. */
public final class PartnerGateAuthenticatorFactory implements AuthenticatorFactory, NoLifecycle<Authenticator> {

    public static final String PROVIDER_ID = "partner-access-gate";
    private static final PartnerGateAuthenticator GATE = new PartnerGateAuthenticator();
    private static final AuthenticationExecutionModel.Requirement[] CHOICES = {
            AuthenticationExecutionModel.Requirement.REQUIRED, AuthenticationExecutionModel.Requirement.DISABLED};

    @Override
    public Authenticator create(KeycloakSession session) {
        return GATE;
    }

    @Override
    public String getDisplayType() {
        return "Partner access gate";
    }

    @Override
    public String getReferenceCategory() {
        return "partner-access";
    }

    @Override
    public String getHelpText() {
        return "Lets a partner's members in only while the partner is active, through its identity provider when it"
                + " enforces one, to clients its tier allows (client attribute partner-access.minTier), and adds the"
                + " tier's required actions when due. Place it REQUIRED at the top level, after the subflow that"
                + " identifies the user, so that single sign-on by cookie passes it too. Other users pass untouched.";
    }

    @Override
    public boolean isConfigurable() {
        return false;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return CHOICES.clone();
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }




    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
