package dev.partneraccess.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Richer approvals in the console, in a real headless Chromium: an approver delegates under My access, a partner user
 * answers the programme's question in the request form and sees whom the request waits for, and the delegate finds
 * the answer in the inbox and approves in the approver's name.
 */
@KeycloakIntegrationTest(config = PartnerAccessServerConfig.class)
class ApprovalsConsoleIT extends AccessTestBase {

    private static Browser browser;

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = new Browser();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    @BeforeEach
    void consoleClientAndPolicy() {
        Api.Reply reply = ops().put("/policy", ApprovalsIT.approvalsPolicy(true));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        ClientRepresentation console = realm.admin().clients().findByClientId(AccessRealm.CONSOLE).get(0);
        String path = "/realms/" + realm.getName() + "/partner-access/console/";
        if (!List.of(path + "*").equals(console.getRedirectUris())) {
            ClientResource resource = realm.admin().clients().get(console.getId());
            console.setRedirectUris(List.of(path + "*"));
            console.setBaseUrl(path);
            resource.update(console);
        }
    }

    private String console(String route) {
        return urls.getBase() + "/realms/" + realm.getName() + "/partner-access/console/" + route;
    }

    private void signIn(String username, String route) {
        browser.open(console(route));
        browser.forgetSessions();
        browser.open(console(route));
        browser.type("#username", username);
        if (!browser.has("#password")) {
            browser.submit("#kc-login");
        }
        browser.type("#password", PartnersRealm.PASSWORD);
        browser.submit("#kc-login");
        browser.waitForText("#pa-user", username);
    }

    @Test
    void aRequestWithQuestionsIsApprovedByTheApproversDelegate() {
        partnerWith("Console Deals", "console-deals.example", "registered", "EMEA", "lou.lapse");
        String brandBo = userId("brand-bo");

        // The regional approver delegates to the brand approver under My access.
        signIn("emea-erin", "me");
        browser.find("#pa-delegation-none");
        browser.type("#pa-to", brandBo);
        browser.click("#pa-delegate");
        browser.waitForText("#pa-delegation-current", "brand-bo decides your stages");

        // The partner user answers the programme's required question and sees whom the request waits for.
        signIn("lou.lapse", "me");
        browser.waitForText("#pa-request-form", "Which customer is the deal for?");
        browser.type("#pa-days", "15");
        browser.type("#pa-purpose", PURPOSE);
        browser.click("#pa-send-request");
        browser.waitForText("[id='pa-answers.customer-help']", "must be answered");
        browser.type("[id='pa-answers.customer']", "Wingtip Toys");
        browser.click("#pa-send-request");
        browser.waitForText(".pa-success", "Status: PENDING");
        browser.waitForText("#pa-my-requests", "regional: waiting for emea-erin, emea-eve");
        JsonNode pending = ops().get("/requests?user=" + userId("lou.lapse") + "&status=PENDING").json().get(0);
        String id = pending.get("id").asText();
        assertThat(pending.at("/answers/customer").asText()).isEqualTo("Wingtip Toys");

        // The delegate finds the request and its answer in the inbox and approves it for the approver.
        signIn("brand-bo", "inbox");
        String card = "[data-request='" + id + "']";
        browser.waitForText(card, "Wingtip Toys");
        browser.type(card + " #pa-justification", "Covering for the EMEA approver; the customer is known.");
        browser.click(card + " #pa-approve");
        browser.waitForText("#pa-decided", "regional");
        JsonNode approved = ops().get("/requests/" + id).json();
        assertThat(approved.get("status").asText()).isEqualTo("APPROVED");
        assertThat(approved.at("/stages/0/decidedBy").asText()).isEqualTo(brandBo);
        assertThat(approved.at("/stages/0/onBehalfOf").asText()).isEqualTo(userId("emea-erin"));
    }
}
