package dev.partneraccess.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.AuthenticationExecutionExportRepresentation;
import org.keycloak.representations.idm.AuthenticationFlowRepresentation;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RequiredActionProviderRepresentation;
import org.keycloak.representations.idm.RequiredActionProviderSimpleRepresentation;

/**
 * Wires a realm as docs/wiring.md describes: the gate at the top level of copies of the browser and direct-grant
 * flows (after the subflow that identifies the user, so single sign-on by cookie passes it too) and alone in a
 * post-broker-login flow, the two required actions registered, and the claims mapper on the realm's clients.
 */
final class PartnerWiring {

    static final String BROWSER = "partner browser";
    static final String DIRECT_GRANT = "partner direct grant";
    static final String POST_BROKER = "partner post broker login";

    private PartnerWiring() {
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

    /** Puts the {@code partner-access-claims} mapper, with its defaults, on a client. */
    static void addClaimsMapper(ClientRepresentation client) {
        List<ProtocolMapperRepresentation> mappers = new ArrayList<>(client.getProtocolMappers() == null ? List.of() : client.getProtocolMappers());
        ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
        mapper.setName("partner access claims");
        mapper.setProtocol("openid-connect");
        mapper.setProtocolMapper("partner-access-claims");
        mapper.setConfig(Map.of("access.token.claim", "true", "id.token.claim", "true", "userinfo.token.claim", "true"));
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

    /**
     * Registers the two required actions the way an admin does ("Register" in the console): listing them in an
     * imported realm instead would replace Keycloak's default required actions.
     */
    static void registerRequiredActions(RealmResource realm) {
        List<String> registered = realm.flows().getRequiredActions().stream().map(RequiredActionProviderRepresentation::getAlias).toList();
        // In this order: registration order sets priority, and the agreement comes before the attestation.
        for (Map.Entry<String, String> action : List.of(Map.entry("partner-agreement", "Partner agreement"),
                Map.entry("partner-purpose-attestation", "Partner business-purpose attestation"))) {
            if (!registered.contains(action.getKey())) {
                RequiredActionProviderSimpleRepresentation register = new RequiredActionProviderSimpleRepresentation();
                register.setProviderId(action.getKey());
                register.setName(action.getValue());
                realm.flows().registerRequiredAction(register);
            }
        }
    }
}
