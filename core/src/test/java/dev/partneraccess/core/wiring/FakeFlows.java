package dev.partneraccess.core.wiring;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.RealmModel;

/** A realm that holds only authentication flows, their steps and step configs, in memory. */
final class FakeFlows {

    final RealmModel realm = mock(RealmModel.class);
    final Map<String, AuthenticationFlowModel> flows = new LinkedHashMap<>();
    final List<AuthenticationExecutionModel> executions = new ArrayList<>();
    final Map<String, AuthenticatorConfigModel> configs = new LinkedHashMap<>();

    FakeFlows() {
        when(realm.addAuthenticationFlow(any())).thenAnswer(i -> {
            AuthenticationFlowModel flow = i.getArgument(0);
            flow.setId(UUID.randomUUID().toString());
            flows.put(flow.getId(), flow);
            return flow;
        });
        when(realm.getAuthenticationFlowById(anyString())).thenAnswer(i -> flows.get(i.<String>getArgument(0)));
        when(realm.getFlowByAlias(anyString())).thenAnswer(i -> flows.values().stream()
                .filter(f -> f.getAlias().equals(i.getArgument(0))).findFirst().orElse(null));
        when(realm.addAuthenticatorExecution(any())).thenAnswer(i -> {
            AuthenticationExecutionModel execution = i.getArgument(0);
            execution.setId(UUID.randomUUID().toString());
            executions.add(execution);
            return execution;
        });
        when(realm.getAuthenticationExecutionsStream(anyString())).thenAnswer(i -> executions.stream()
                .filter(e -> e.getParentFlow().equals(i.getArgument(0))).toList().stream());
        when(realm.addAuthenticatorConfig(any())).thenAnswer(i -> {
            AuthenticatorConfigModel config = i.getArgument(0);
            config.setId(UUID.randomUUID().toString());
            configs.put(config.getId(), config);
            return config;
        });
        when(realm.getAuthenticatorConfigById(anyString())).thenAnswer(i -> configs.get(i.<String>getArgument(0)));
        when(realm.getAuthenticatorConfigByAlias(anyString())).thenAnswer(i -> configs.values().stream()
                .filter(c -> c.getAlias().equals(i.getArgument(0))).findFirst().orElse(null));
    }

    AuthenticationFlowModel flow(String alias, boolean topLevel) {
        AuthenticationFlowModel flow = new AuthenticationFlowModel();
        flow.setAlias(alias);
        flow.setProviderId("basic-flow");
        flow.setTopLevel(topLevel);
        return realm.addAuthenticationFlow(flow);
    }

    AuthenticationExecutionModel step(AuthenticationFlowModel parent, String authenticator, Requirement requirement, int priority) {
        AuthenticationExecutionModel step = new AuthenticationExecutionModel();
        step.setParentFlow(parent.getId());
        step.setAuthenticator(authenticator);
        step.setRequirement(requirement);
        step.setPriority(priority);
        return realm.addAuthenticatorExecution(step);
    }

    void subflow(AuthenticationFlowModel parent, AuthenticationFlowModel sub, Requirement requirement, int priority) {
        AuthenticationExecutionModel step = new AuthenticationExecutionModel();
        step.setParentFlow(parent.getId());
        step.setAuthenticatorFlow(true);
        step.setFlowId(sub.getId());
        step.setRequirement(requirement);
        step.setPriority(priority);
        realm.addAuthenticatorExecution(step);
    }

    /** Keycloak's own browser flow, with the gate put where it does not belong: inside the forms. */
    AuthenticationFlowModel stockBrowserWithGateInForms() {
        AuthenticationFlowModel browser = flow("browser", true);
        step(browser, "auth-cookie", Requirement.ALTERNATIVE, 10);
        AuthenticationExecutionModel redirector = step(browser, "identity-provider-redirector", Requirement.ALTERNATIVE, 25);
        AuthenticatorConfigModel config = new AuthenticatorConfigModel();
        config.setAlias("default idp");
        config.setConfig(Map.of("defaultProvider", "acme-sso"));
        redirector.setAuthenticatorConfig(realm.addAuthenticatorConfig(config).getId());
        AuthenticationFlowModel forms = flow("forms", false);
        subflow(browser, forms, Requirement.ALTERNATIVE, 30);
        step(forms, "auth-username-password-form", Requirement.REQUIRED, 10);
        step(forms, RealmWiring.GATE, Requirement.REQUIRED, 20);
        return browser;
    }

    List<AuthenticationExecutionModel> stepsOf(AuthenticationFlowModel flow) {
        return GatePlacement.topLevel(realm, flow);
    }
}
