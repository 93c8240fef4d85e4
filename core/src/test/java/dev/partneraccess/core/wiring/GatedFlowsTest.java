package dev.partneraccess.core.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.AuthenticationFlowModel;

class GatedFlowsTest {

    private final FakeFlows fake = new FakeFlows();

    @Test
    @DisplayName("Given a browser flow with the gate in its forms, then its gated copy keeps every sign-in step and gates at the top level")
    void browserCopyMovesTheSignInIntoARequiredSubflowAndGatesAfterIt() {
        AuthenticationFlowModel source = fake.stockBrowserWithGateInForms();
        int sourceSteps = fake.executions.size();
        AuthenticationFlowModel copy = GatedFlows.browser(fake.realm, source);

        assertThat(copy.getAlias()).isEqualTo("partner browser");
        assertThat(copy.isTopLevel()).isTrue();
        assertThat(GatePlacement.problem(fake.realm, copy, true)).isEmpty();
        List<AuthenticationExecutionModel> top = fake.stepsOf(copy);
        assertThat(top).extracting(AuthenticationExecutionModel::getRequirement).containsExactly(Requirement.REQUIRED, Requirement.REQUIRED);
        AuthenticationFlowModel identification = fake.realm.getAuthenticationFlowById(top.get(0).getFlowId());
        assertThat(identification.getAlias()).isEqualTo("partner browser identification");
        assertThat(identification.isTopLevel()).isFalse();
        assertThat(fake.stepsOf(identification)).extracting(AuthenticationExecutionModel::getAuthenticator)
                .containsExactly("auth-cookie", "identity-provider-redirector", null);
        AuthenticationFlowModel forms = fake.realm.getAuthenticationFlowById(fake.stepsOf(identification).get(2).getFlowId());
        assertThat(forms.getAlias()).isEqualTo("partner browser forms");
        assertThat(fake.stepsOf(forms)).extracting(AuthenticationExecutionModel::getAuthenticator)
                .as("the misplaced gate is not copied").containsExactly("auth-username-password-form");

        // The source is untouched, and the redirector's config was copied, not shared.
        assertThat(fake.executions.subList(0, sourceSteps)).allMatch(e -> fake.flows.get(e.getParentFlow()) != copy);
        String copiedConfig = fake.stepsOf(identification).get(1).getAuthenticatorConfig();
        assertThat(fake.configs.get(copiedConfig).getAlias()).isEqualTo("partner browser default idp");
        assertThat(fake.configs.get(copiedConfig).getConfig()).containsEntry("defaultProvider", "acme-sso");
    }

    @Test
    @DisplayName("Given the alias is taken, then copying 'partner browser' again gives 'partner browser 2'")
    void copiesGetFreeAliases() {
        AuthenticationFlowModel source = fake.stockBrowserWithGateInForms();
        AuthenticationFlowModel first = GatedFlows.browser(fake.realm, source);
        AuthenticationFlowModel second = GatedFlows.browser(fake.realm, first);
        assertThat(second.getAlias()).isEqualTo("partner browser 2");
        assertThat(GatePlacement.problem(fake.realm, second, true)).isEmpty();
    }

    @Test
    @DisplayName("Given a direct-grant flow, then its gated copy runs the gate last, after the password and the OTP condition")
    void directGrantCopyAppendsTheGate() {
        AuthenticationFlowModel flow = fake.flow("direct grant", true);
        fake.step(flow, "direct-grant-validate-username", Requirement.REQUIRED, 10);
        fake.step(flow, "direct-grant-validate-password", Requirement.REQUIRED, 20);
        AuthenticationFlowModel otp = fake.flow("Direct Grant - Conditional OTP", false);
        fake.subflow(flow, otp, Requirement.CONDITIONAL, 30);
        AuthenticationFlowModel copy = GatedFlows.appended(fake.realm, flow);
        assertThat(copy.getAlias()).isEqualTo("partner direct grant");
        assertThat(fake.stepsOf(copy)).extracting(AuthenticationExecutionModel::getAuthenticator)
                .containsExactly("direct-grant-validate-username", "direct-grant-validate-password", null, RealmWiring.GATE);
        assertThat(GatePlacement.problem(fake.realm, copy, true)).isEmpty();
    }

    @Test
    @DisplayName("Given a sound gate-only post-broker flow exists, then it is reused rather than copied")
    void postBrokerFlowIsReused() {
        AuthenticationFlowModel made = GatedFlows.postBroker(fake.realm);
        assertThat(made.getAlias()).isEqualTo(GatedFlows.POST_BROKER);
        assertThat(GatedFlows.postBroker(fake.realm).getId()).isEqualTo(made.getId());
    }
}
