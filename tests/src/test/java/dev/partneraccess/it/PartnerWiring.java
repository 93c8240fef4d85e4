package dev.partneraccess.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.keycloak.representations.idm.AuthenticationExecutionExportRepresentation;
import org.keycloak.representations.idm.AuthenticationFlowRepresentation;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;

import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the tests wire a realm. {@link #setup} is what operators do: one {@code POST /setup}. {@link #wire} applies the
 * manual reference steps of docs/wiring.md to a realm before import (the gate at the top level of copies of the
 * browser and direct-grant flows, after the subflow that identifies the user, and alone in a post-broker-login flow;
 * the claims mapper on the realm's clients), so SetupIT can show that setup accepts a realm wired by hand.
 */
final class PartnerWiring {

    static final String BROWSER = "partner browser";
    static final String DIRECT_GRANT = "partner direct grant";
    static final String POST_BROKER = "partner post broker login";

    private PartnerWiring() {
    }

    /** Wires the test realm through the product's own call, as its ops admin (who holds manage-realm). */
    static JsonNode setup(Api ops) {
        Api.Reply reply = ops.post("/setup", null);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().get("checks")).as(reply.toString()).allSatisfy(c -> assertThat(c.get("ok").asBoolean()).isTrue());
        return reply.json();
    }

    static void wire(RealmRepresentation realm) {
        List<AuthenticationFlowRepresentation> flows = new ArrayList<>(realm.getAuthenticationFlows() == null ? List.of() : realm.getAuthenticationFlows());
        flows.add(flow(BROWSER, true, List.of(
                subflow("partner browser identification", "REQUIRED", 10),
                step("partner-access-gate", "REQUIRED", 20))));
        flows.add(flow("partner browser identification", false, List.of(
                step("auth-cookie", "ALTERNATIVE", 10),
                step("identity-provider-redirector", "ALTERNATIVE", 20),
                subflow("partner browser forms", "ALTERNATIVE", 30))));
        flows.add(flow("partner browser forms", false, List.of(
                step("auth-username-password-form", "REQUIRED", 10))));
        flows.add(flow(DIRECT_GRANT, true, List.of(
                step("direct-grant-validate-username", "REQUIRED", 10),
                step("direct-grant-validate-password", "REQUIRED", 20),
                step("partner-access-gate", "REQUIRED", 30))));
        flows.add(flow(POST_BROKER, true, List.of(
                step("partner-access-gate", "REQUIRED", 10))));
        realm.setAuthenticationFlows(flows);
        realm.setBrowserFlow(BROWSER);
        realm.setDirectGrantFlow(DIRECT_GRANT);

        for (ClientRepresentation client : realm.getClients() == null ? List.<ClientRepresentation>of() : realm.getClients()) {
            addClaimsMapper(client);
        }
    }

    /** Puts the {@code partner-access-claims} mapper on a client, every option written out as setup does. */
    static void addClaimsMapper(ClientRepresentation client) {
        List<ProtocolMapperRepresentation> mappers = new ArrayList<>(client.getProtocolMappers() == null ? List.of() : client.getProtocolMappers());
        ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
        mapper.setName("partner access claims");
        mapper.setProtocol("openid-connect");
        mapper.setProtocolMapper("partner-access-claims");
        mapper.setConfig(Map.of("access.token.claim", "true", "id.token.claim", "true", "userinfo.token.claim", "true",
                "lightweight.claim", "false", "cap.token.lifetime", "true"));
        mappers.add(mapper);
        client.setProtocolMappers(mappers);
    }

    private static AuthenticationFlowRepresentation flow(String alias, boolean topLevel, List<AuthenticationExecutionExportRepresentation> steps) {
        AuthenticationFlowRepresentation flow = new AuthenticationFlowRepresentation();
        flow.setAlias(alias);
        flow.setProviderId("basic-flow");
        flow.setTopLevel(topLevel);
        flow.setBuiltIn(false);
        flow.setAuthenticationExecutions(steps);
        return flow;
    }

    private static AuthenticationExecutionExportRepresentation step(String authenticator, String requirement, int priority) {
        AuthenticationExecutionExportRepresentation step = new AuthenticationExecutionExportRepresentation();
        step.setAuthenticator(authenticator);
        step.setRequirement(requirement);
        step.setPriority(priority);
        step.setAuthenticatorFlow(false);
        step.setUserSetupAllowed(false);
        return step;
    }

    private static AuthenticationExecutionExportRepresentation subflow(String alias, String requirement, int priority) {
        AuthenticationExecutionExportRepresentation step = new AuthenticationExecutionExportRepresentation();
        step.setFlowAlias(alias);
        step.setRequirement(requirement);
        step.setPriority(priority);
        step.setAuthenticatorFlow(true);
        step.setUserSetupAllowed(false);
        return step;
    }
}
