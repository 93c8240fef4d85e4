package dev.partneraccess.it;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.ws.rs.core.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Partner users logging in through a real browser and the direct grant, in a realm wired with the gate. Each test makes
 * the partners and users it needs, so any one of them runs alone or in any order.
 */
@KeycloakIntegrationTest(config = PartnerAccessServerConfig.class)
class LoginGateIT extends BrowserTestBase {

    private static final String PURPOSE = "Registering deals for our EMEA distribution business.";

    /** No test inherits another's single sign-on session. */
    @BeforeEach
    void freshBrowser() {
        browser.forgetSessions();
    }

    @Test
    void usersOfNoPartnerLogInExactlyAsBefore() throws Exception {
        ensurePolicy();
        startLogin(PartnersRealm.PORTAL);
        browser.login("plain-user", PartnersRealm.PASSWORD);
        assertReachedApplication();
        assertThat(directGrant("plain-user", PartnersRealm.PORTAL).status()).isEqualTo(200);
        assertThat(claims(directGrant("plain-user", PartnersRealm.PORTAL)).has("partner")).isFalse();
    }

    @Test
    void anActiveMemberCompletesTheAgreementAndTheAttestationAndReachesTheApplication() throws Exception {
        String partner = member("Northwind Login", "northwind-login.example", "registered", "EMEA", "nora.northwind");
        startLogin(PartnersRealm.PORTAL);
        browser.login("nora.northwind", PartnersRealm.PASSWORD);

        assertThat(browser.find("#kc-accept").isDisplayed()).isTrue();
        assertThat(browser.page()).contains("Northwind Login").contains(agreementVersion());
        screenshot("partner-agreement.png");
        browser.submit("#kc-accept");

        // The page asks the browser to check the length too; switch that off to see the server's own check.
        browser.script("document.querySelector('textarea[name=purpose]').removeAttribute('minlength')");
        browser.type("textarea[name=purpose]", "too short");
        browser.submit("[name=submit]");
        assertThat(browser.page()).contains("at least 20 characters");
        screenshot("partner-purpose-attestation.png");
        // Long enough, but with a bidi override in it: refused like the same text sent to the API.
        browser.script("document.querySelector('textarea[name=purpose]').value = 'Quote partner pricing \\u202e to customers.'");
        browser.submit("[name=submit]");
        assertThat(browser.page()).contains("plain text");
        browser.type("textarea[name=purpose]", PURPOSE);
        browser.submit("[name=submit]");
        assertReachedApplication();

        List<JsonNode> accepted = evidence("type=AGREEMENT_ACCEPTED&subject=" + userId("nora.northwind"));
        assertThat(accepted).hasSize(1);
        assertThat(accepted.get(0).at("/details/version").asText()).isEqualTo(agreementVersion());
        assertThat(accepted.get(0).get("partner").asText()).isEqualTo(partner);
        List<JsonNode> attested = evidence("type=PURPOSE_ATTESTED&subject=" + userId("nora.northwind"));
        assertThat(attested).hasSize(1);
        assertThat(attested.get(0).at("/details/purpose").asText()).isEqualTo(PURPOSE);

        browser.forgetSessions();
        startLogin(PartnersRealm.PORTAL);
        browser.login("nora.northwind", PartnersRealm.PASSWORD);
        assertReachedApplication();
    }

    @Test
    void decliningTheAgreementGrantsNoAccess() throws Exception {
        member("Decline Partners", "decline.example", "registered", "EMEA", "ned.northwind");
        startLogin(PartnersRealm.PORTAL);
        browser.login("ned.northwind", PartnersRealm.PASSWORD);
        browser.submit("#kc-decline");
        assertThat(browser.url()).doesNotContain("code=");
        assertThat(evidence("type=AGREEMENT_ACCEPTED&subject=" + userId("ned.northwind"))).isEmpty();
        assertThat(directGrant("ned.northwind", PartnersRealm.PORTAL).status()).isEqualTo(400);
    }

    @Test
    void suspendedAndOffboardedPartnersAreDeniedWithTheirReason() throws Exception {
        String partner = member("Suspended Login", "suspended-login.example", "silver", "AMER", "sue.summit");
        assertThat(ops().post("/partners/" + partner + "/suspend", reason("overdue compliance review")).status()).isEqualTo(200);

        startLogin(PartnersRealm.PORTAL);
        browser.login("sue.summit", PartnersRealm.PASSWORD);
        assertThat(browser.find("#partner-access-denied").getText()).contains("suspended").contains("partner manager");
        assertThat(browser.url()).doesNotContain("code=");
        screenshot("partner-access-denied.png");
        Api.Reply token = directGrant("sue.summit", PartnersRealm.PORTAL);
        assertThat(token.status()).isEqualTo(400);
        assertThat(token.text("error")).isEqualTo("access_denied");
        assertThat(token.text("error_description")).contains("suspended");

        // Two denials within a minute for the same reason: one record (the throttle counts the second).
        List<JsonNode> denials = evidence("type=LOGIN_DENIED&subject=" + userId("sue.summit"));
        assertThat(denials).hasSize(1);
        assertThat(denials.get(0).at("/details/reason").asText()).isEqualTo("suspended");
        assertThat(denials.get(0).at("/details/client").asText()).isEqualTo(PartnersRealm.PORTAL);
        assertThat(denials.get(0).get("partner").asText()).isEqualTo(partner);
        assertThat(realm.admin().getEvents(List.of("LOGIN_ERROR"), null, userId("sue.summit"), null, null, null, 0, 10))
                .anySatisfy(e -> assertThat(e.getError()).isEqualTo("partner_access_denied"));

        ops().post("/partners/" + partner + "/offboard", reason("partnership ended"));
        browser.forgetSessions();
        startLogin(PartnersRealm.PORTAL);
        browser.login("sue.summit", PartnersRealm.PASSWORD);
        assertThat(browser.find("#partner-access-denied").getText()).contains("no longer a partner");
        assertThat(directGrant("sue.summit", PartnersRealm.PORTAL).text("error_description")).contains("no longer a partner");
        // Another reason has a minute of its own.
        assertThat(evidence("type=LOGIN_DENIED&subject=" + userId("sue.summit"))).extracting(r -> r.at("/details/reason").asText())
                .containsExactly("suspended", "offboarded");
    }

    @Test
    void aClientsMinimumTierHoldsEvenForSingleSignOnByCookie() throws Exception {
        member("Silver Login", "silver-login.example", "silver", "AMER", "sam.summit");
        startLogin(PartnersRealm.PORTAL);
        browser.login("sam.summit", PartnersRealm.PASSWORD);
        browser.submit("#kc-accept");
        browser.type("textarea[name=purpose]", PURPOSE);
        browser.submit("[name=submit]");
        assertReachedApplication();

        // The same browser session, now to a client that needs gold: no password asked, and still denied.
        startLogin(WiredPartnersRealm.GOLD_APP);
        assertThat(browser.find("#partner-access-denied").getText()).contains("gold").contains("silver");
        assertThat(evidence("type=LOGIN_DENIED&subject=" + userId("sam.summit")).get(0).at("/details/reason").asText())
                .isEqualTo("tier");

        member("Gold Login", "gold-login.example", "gold", "APAC", "gary.goldline");
        browser.forgetSessions();
        startLogin(WiredPartnersRealm.GOLD_APP);
        browser.login("gary.goldline", PartnersRealm.PASSWORD);
        browser.submit("#kc-accept");
        assertReachedApplication();
        assertThat(browser.has("textarea[name=purpose]")).isFalse();
    }

    @Test
    void tokensCarryThePartnerClaims() throws Exception {
        String partner = member("Claims Partner", "claims.example", "gold", "APAC", "gina.goldline");
        assertThat(directGrant("gina.goldline", PartnersRealm.PORTAL).status())
                .as("the agreement is still due").isEqualTo(400);
        startLogin(PartnersRealm.PORTAL);
        browser.login("gina.goldline", PartnersRealm.PASSWORD);
        browser.submit("#kc-accept");
        assertReachedApplication();

        JsonNode claims = claims(directGrant("gina.goldline", PartnersRealm.PORTAL));
        assertThat(claims.at("/partner/id").asText()).isEqualTo(partner);
        assertThat(claims.at("/partner/name").asText()).isEqualTo("Claims Partner");
        assertThat(claims.at("/partner/tier").asText()).isEqualTo("gold");
        assertThat(claims.at("/partner/region").asText()).isEqualTo("APAC");
        assertThat(claims.get("partner_access").isArray()).isTrue();
    }

    @Test
    void theAgreementComesBackWhenThePolicyVersionChanges() throws Exception {
        String before = agreementVersion();
        member("Version Partner", "version.example", "gold", "APAC", freshUser("vera.version"));
        startLogin(WiredPartnersRealm.GOLD_APP);
        browser.login("vera.version", PartnersRealm.PASSWORD);
        browser.submit("#kc-accept");
        assertReachedApplication();

        ObjectNode policy = examplePolicy();
        ((ObjectNode) policy.get("agreement")).put("version", "2027-01");
        assertThat(ops().put("/policy", policy).status()).isEqualTo(200);

        browser.forgetSessions();
        startLogin(WiredPartnersRealm.GOLD_APP);
        browser.login("vera.version", PartnersRealm.PASSWORD);
        assertThat(browser.page()).contains("2027-01");
        browser.submit("#kc-accept");
        assertReachedApplication();
        assertThat(evidence("type=AGREEMENT_ACCEPTED&subject=" + userId("vera.version")))
                .extracting(r -> r.at("/details/version").asText()).containsExactly(before, "2027-01");
    }

    @Test
    void thePagesSpeakGermanAndFrench() throws Exception {
        String former = member("Former Sprachen", "former-sprachen.example", "silver", "EMEA", freshUser("lea.sprache"));
        assertThat(ops().post("/partners/" + former + "/offboard", reason("partnership ended")).status()).isEqualTo(200);
        browser.forgetSessions();
        startLogin(PartnersRealm.PORTAL, "de");
        browser.login("lea.sprache", PartnersRealm.PASSWORD);
        assertThat(browser.find("#partner-access-denied").getText()).contains("kein Partner mehr");
        screenshot("partner-access-denied-de.png");

        browser.forgetSessions();
        startLogin(PartnersRealm.PORTAL, "fr");
        browser.login("lea.sprache", PartnersRealm.PASSWORD);
        assertThat(browser.find("#partner-access-denied").getText()).contains("n'est plus partenaire");
        screenshot("partner-access-denied-fr.png");

        member("Sprachen Gold", "sprachen-gold.example", "gold", "EMEA", freshUser("kai.sprache"));
        startLogin(WiredPartnersRealm.GOLD_APP, "de");
        browser.login("kai.sprache", PartnersRealm.PASSWORD);
        assertThat(browser.page()).contains("Partnervereinbarung").contains(agreementVersion());
        screenshot("partner-agreement-de.png");
        browser.submit("#kc-accept");
        assertReachedApplication();
    }

    /** A user of this test alone, with the realm's password. */
    private String freshUser(String username) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEnabled(true);
        user.setEmail(username.replace('.', '-') + "@users.example");
        user.setEmailVerified(true);
        user.setFirstName(username);
        user.setLastName("Test");
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(PartnersRealm.PASSWORD);
        password.setTemporary(false);
        user.setCredentials(List.of(password));
        try (Response created = realm.admin().users().create(user)) {
            assertThat(created.getStatus()).as("creating " + username).isEqualTo(201);
        }
        return username;
    }

    private String member(String name, String domain, String tier, String region, String username) {
        String id = createPartner(name, domain, tier, region).get("id").asText();
        ObjectNode member = Api.object();
        member.put("username", username);
        Api.Reply added = ops().post("/partners/" + id + "/members", member);
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        browser.forgetSessions();
        return id;
    }

    private void startLogin(String clientId) {
        startLogin(clientId, "en");
    }

    private void startLogin(String clientId, String language) {
        startLogin(clientId, language, "");
    }

    private String agreementVersion() {
        return ops().get("/policy").json().at("/agreement/version").asText();
    }

    private Api.Reply directGrant(String username, String clientId) {
        String form = "grant_type=password&client_id=" + clientId + "&username=" + Api.q(username)
                + "&password=" + Api.q(PartnersRealm.PASSWORD) + "&scope=openid";
        return TokenEndpoint.post(urls.getBase(), realm.getName(), form);
    }

    private static JsonNode claims(Api.Reply tokenReply) throws Exception {
        assertThat(tokenReply.status()).as(tokenReply.toString()).isEqualTo(200);
        String accessToken = tokenReply.text("access_token");
        String payload = accessToken.split("\\.")[1];
        return Api.JSON.readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
    }

}
