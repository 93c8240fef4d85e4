package dev.partneraccess.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RoleResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

/**
 * What the console shows when the API refuses or fails, in a real Chromium against the real server: an alert with
 * the server's message instead of an empty list, refusals in the page's language (German here) without API field
 * names, and the addresses the router gives each page (deep links, the browser's back button, the favicon).
 */
@KeycloakIntegrationTest(config = PartnerAccessServerConfig.class)
class ConsoleErrorsIT extends ConsoleTestBase {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeEach
    void policy() {
        useAccessPolicy("revert");
    }

    @Test
    void aFailedListCallShowsAnAlertWithTheServersMessageAndNeverAnEmptyList() {
        Api.Reply refused = ops().get("/grants?status=NOT-A-STATUS");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);

        signIn("ops-admin", "grants?status=NOT-A-STATUS");
        browser.waitForText("#pa-error", refused.text("message"));
        assertThat(browser.text("#pa-error")).contains("The input was refused", "Try again");
        assertThat(browser.has("#pa-grants-empty")).as("a failure is not an empty list").isFalse();
        try {
            switchLanguage("de");
            browser.waitForText("#pa-error", "Die Eingabe wurde abgelehnt");
            assertThat(browser.text("#pa-error")).contains("Erneut versuchen");
        } finally {
            switchLanguage("en");
        }
    }

    @Test
    void aGermanPageShowsTheRefusalOfAShortPurposeInGermanWithoutTheApiFieldName() throws Exception {
        String user = newUser("kai.kurz");
        partnerWith("Kurz und Klein", "kurz-klein.example", "registered", "EMEA", user);
        RoleResource role = realm.admin().roles().get("deal-registration");
        RoleRepresentation described = role.toRepresentation();
        described.setDescription("Deal registration");
        role.update(described);

        signIn(user, "me");
        browser.waitForText("#pa-me-partner", "Kurz und Klein");
        // The programme is named by its role's description, with the role beside it.
        assertThat(browser.text("#pa-programme")).contains("Deal registration (deal-registration)");
        try {
            switchLanguage("de");
            browser.waitForText("h1", "Mein Zugang");
            browser.type("#pa-days", "5");
            browser.type("#pa-purpose", "zu kurz");
            browser.click("#pa-send-request");
            browser.waitForText("#pa-businessPurpose-help", "Bitte beschreiben Sie den Zweck mit mindestens 20 Zeichen.");
            assertThat(browser.text("#pa-businessPurpose-help")).doesNotContain("businessPurpose");
            screenshot("console-error-de.png");
        } finally {
            switchLanguage("en");
        }
        browser.click("#pa-send-request");
        browser.waitForText("#pa-businessPurpose-help", "Please describe the purpose in at least 20 characters.");
        assertThat(ops().get("/requests?user=" + userId(user)).json()).as("nothing was requested").isEmpty();
    }

    @Test
    void everyPageHasItsOwnAddressAndTheBackButtonReturnsToIt() {
        String partner = partnerWith("Deep Link Dynamics", "deep-link.example", "gold", "APAC");

        signIn("ops-admin", "partners/" + partner);
        browser.waitForText("#pa-partner-name", "Deep Link Dynamics");
        browser.click("#pa-nav-grants");
        browser.waitForText("h1", "Grants");
        assertThat(browser.url()).endsWith("/partner-access/console/grants");
        browser.script("window.history.back()");
        browser.waitForText("#pa-partner-name", "Deep Link Dynamics");
        assertThat(browser.url()).endsWith("/partner-access/console/partners/" + partner);

        browser.open(console("partners?tier=gold"));
        browser.waitForText("#pa-partners", "Deep Link Dynamics");
        assertThat(browser.find("#pa-f-tier").getAttribute("value")).isEqualTo("gold");
    }

    @Test
    void theConsoleNamesItsOwnFaviconAndTheServerAnswersIt() throws Exception {
        HttpResponse<String> index = get(console("partners/some-id"));
        assertThat(index.body()).contains("<link rel=\"icon\" type=\"image/svg+xml\" href=\"favicon.svg\"");
        HttpResponse<String> icon = get(console("favicon.svg"));
        assertThat(icon.statusCode()).isEqualTo(200);
        assertThat(icon.headers().firstValue("Content-Type").orElse("")).startsWith("image/svg+xml");
        assertThat(icon.body()).startsWith("<svg");
    }

    private void switchLanguage(String language) {
        browser.script("document.getElementById('pa-language').scrollIntoView()");
        browser.select("#pa-language", language);
    }

    private String newUser(String username) {
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

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
