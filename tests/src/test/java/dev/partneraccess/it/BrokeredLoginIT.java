package dev.partneraccess.it;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.representations.idm.MemberRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A partner that signs its people in with its own identity provider: a second realm of the same server plays the
 * partner's company sign-in, linked to the partner's organization. A first login through it maps the user into the
 * partner; a password login by a member of that partner is denied with a button to use the company sign-in.
 */
@KeycloakIntegrationTest(config = PartnerAccessServerConfig.class)
class BrokeredLoginIT extends BrowserTestBase {

    private static final String IDP = "acme-sso";
    private static final String COMPANY_REALM = "acme-corp";

    @Test
    void aFirstLoginThroughThePartnersProviderMapsTheUserAndPasswordLoginsAreDenied() throws Exception {
        createCompanyRealm();
        try {
            linkIdentityProvider();
            ObjectNode intake = intake("Acme Integrators", "acme.example", "gold", "EMEA");
            intake.put("idp", IDP);
            intake.put("enforceIdp", true);
            ensurePolicy();
            Api.Reply created = ops().post("/partners", intake);
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            String partner = created.text("id");
            // The provider is now a partner's: linking it gave it a post-broker-login flow with the gate, so setup
            // has nothing left to do for it.
            assertThat(evidence("type=PARTNER_CREATED&subject=" + partner).get(0).at("/details/wiring").toString()).contains("'" + IDP + "'");
            JsonNode wired = PartnerWiring.setup(ops());
            assertThat(wired.get("changes")).extracting(JsonNode::asText).noneMatch(c -> c.contains("'" + IDP + "'"));

            startLogin("&kc_idp_hint=" + IDP);
            browser.login("alice", "company-password");
            browser.submit("#kc-accept");
            assertReachedApplication();
            List<MemberRepresentation> members = realm.admin().organizations().get(partner).members().list(-1, -1);
            assertThat(members).extracting(MemberRepresentation::getEmail).containsExactly("alice@acme.example");
            // Keycloak's own onboarding made her a member: recorded like a mapping through the product.
            String alice = members.get(0).getId();
            List<JsonNode> added = evidence("type=MEMBER_ADDED&subject=" + alice);
            assertThat(added).hasSize(1);
            assertThat(added.get(0).get("partner").asText()).isEqualTo(partner);
            assertThat(added.get(0).at("/details/via").asText()).isEqualTo("identity-provider");
            assertThat(added.get(0).at("/details/managed").asBoolean()).isTrue();

            ObjectNode member = Api.object();
            member.put("username", "nora.northwind");
            assertThat(ops().post("/partners/" + partner + "/members", member).status()).isEqualTo(201);
            browser.forgetSessions();
            startLogin("");
            browser.login("nora.northwind", PartnersRealm.PASSWORD);
            assertThat(browser.find("#partner-access-denied").getText()).contains("company sign-in");
            assertThat(browser.find("a[href*='/broker/" + IDP + "/login']").isDisplayed()).isTrue();
            screenshot("partner-access-denied-idp.png");
            assertThat(evidence("type=LOGIN_DENIED&subject=" + userId("nora.northwind")).get(0).at("/details/reason").asText())
                    .isEqualTo("idp_required");
            Api.Reply token = TokenEndpoint.post(urls.getBase(), realm.getName(), "grant_type=password&client_id="
                    + PartnersRealm.PORTAL + "&username=nora.northwind&password=" + PartnersRealm.PASSWORD);
            assertThat(token.status()).isEqualTo(400);
            assertThat(token.text("error_description")).contains("company sign-in");
        } finally {
            keycloak.realm(COMPANY_REALM).remove();
        }
    }

    private void createCompanyRealm() {
        RealmRepresentation company = new RealmRepresentation();
        company.setRealm(COMPANY_REALM);
        company.setEnabled(true);
        ClientRepresentation broker = new ClientRepresentation();
        broker.setClientId("partner-broker");
        broker.setSecret("broker-secret");
        broker.setPublicClient(false);
        broker.setStandardFlowEnabled(true);
        broker.setRedirectUris(List.of(urls.getBase() + "/realms/" + realm.getName() + "/broker/" + IDP + "/endpoint"));
        company.setClients(List.of(broker));
        UserRepresentation alice = new UserRepresentation();
        alice.setUsername("alice");
        alice.setEmail("alice@acme.example");
        alice.setEmailVerified(true);
        alice.setFirstName("Alice");
        alice.setLastName("Acme");
        alice.setEnabled(true);
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue("company-password");
        password.setTemporary(false);
        alice.setCredentials(List.of(password));
        company.setUsers(List.of(alice));
        keycloak.realms().create(company);
    }

    private void linkIdentityProvider() {
        String issuer = urls.getBase() + "/realms/" + COMPANY_REALM;
        IdentityProviderRepresentation idp = new IdentityProviderRepresentation();
        idp.setAlias(IDP);
        idp.setDisplayName("Acme SSO");
        idp.setProviderId("oidc");
        idp.setEnabled(true);
        idp.setTrustEmail(true);
        idp.setConfig(Map.of(
                "clientId", "partner-broker",
                "clientSecret", "broker-secret",
                "clientAuthMethod", "client_secret_post",
                "authorizationUrl", issuer + "/protocol/openid-connect/auth",
                "tokenUrl", issuer + "/protocol/openid-connect/token",
                "userInfoUrl", issuer + "/protocol/openid-connect/userinfo",
                "issuer", issuer,
                "defaultScope", "openid email profile",
                "syncMode", "IMPORT",
                "validateSignature", "false"));
        realm.admin().identityProviders().create(idp).close();
    }

    private void startLogin(String extra) {
        startLogin(PartnersRealm.PORTAL, "en", extra);
    }

}
