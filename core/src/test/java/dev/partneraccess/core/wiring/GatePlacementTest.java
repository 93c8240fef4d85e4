package dev.partneraccess.core.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.AuthenticationFlowModel;

class GatePlacementTest {

    private final FakeFlows fake = new FakeFlows();

    @Test
    @DisplayName("Given the gate inside the forms subflow, then the flow is unsound: a sign-in by cookie skips it")
    void gateInsideTheFormsIsSkippedByCookieLogins() {
        AuthenticationFlowModel browser = fake.stockBrowserWithGateInForms();
        assertThat(GatePlacement.problem(fake.realm, browser, true)).hasValueSatisfying(p ->
                assertThat(p).contains("inside its subflow 'forms'").contains("cookie"));
    }

    @Test
    @DisplayName("Given the gate REQUIRED at the top level after a REQUIRED sign-in subflow, then the flow is sound")
    void gateAfterTheSignInSubflowIsSound() {
        AuthenticationFlowModel top = fake.flow("partner browser", true);
        AuthenticationFlowModel identification = fake.flow("partner browser identification", false);
        fake.step(identification, "auth-cookie", Requirement.ALTERNATIVE, 10);
        fake.subflow(top, identification, Requirement.REQUIRED, 10);
        fake.step(top, RealmWiring.GATE, Requirement.REQUIRED, 20);
        assertThat(GatePlacement.problem(fake.realm, top, true)).isEmpty();
    }

    @Test
    @DisplayName("Given a disabled gate at the top level, then the flow is unsound and the detail says DISABLED")
    void disabledGateIsNamed() {
        AuthenticationFlowModel flow = fake.flow("direct grant", true);
        fake.step(flow, "direct-grant-validate-password", Requirement.REQUIRED, 10);
        fake.step(flow, RealmWiring.GATE, Requirement.DISABLED, 20);
        assertThat(GatePlacement.problem(fake.realm, flow, true)).hasValueSatisfying(p -> assertThat(p).contains("DISABLED"));
    }

    @Test
    @DisplayName("Given top-level alternatives beside a REQUIRED gate, then the flow is unsound: Keycloak skips the alternatives")
    void topLevelAlternativesBesideTheGateAreRefused() {
        AuthenticationFlowModel flow = fake.flow("browser with gate", true);
        fake.step(flow, "auth-cookie", Requirement.ALTERNATIVE, 10);
        fake.step(flow, "auth-username-password-form", Requirement.REQUIRED, 20);
        fake.step(flow, RealmWiring.GATE, Requirement.REQUIRED, 30);
        assertThat(GatePlacement.problem(fake.realm, flow, true)).hasValueSatisfying(p ->
                assertThat(p).contains("ALTERNATIVE").contains("auth-cookie"));
    }

    @Test
    @DisplayName("Given a gate alone in a flow, then it is unsound for a login flow and sound after a broker login")
    void aGateAloneIsEnoughOnlyAfterABrokerLogin() {
        AuthenticationFlowModel flow = fake.flow("gate only", true);
        fake.step(flow, RealmWiring.GATE, Requirement.REQUIRED, 10);
        assertThat(GatePlacement.problem(fake.realm, flow, true)).hasValueSatisfying(p -> assertThat(p).contains("before"));
        assertThat(GatePlacement.problem(fake.realm, flow, false)).isEmpty();
    }

    @Test
    @DisplayName("Given no flow or a flow without the gate, then the detail says so")
    void missingGateIsNamed() {
        assertThat(GatePlacement.problem(fake.realm, null, true)).hasValue("no flow is bound");
        AuthenticationFlowModel flow = fake.flow("direct grant", true);
        fake.step(flow, "direct-grant-validate-password", Requirement.REQUIRED, 10);
        assertThat(GatePlacement.problem(fake.realm, flow, true)).hasValue("'direct grant' has no partner-access-gate");
    }
}
