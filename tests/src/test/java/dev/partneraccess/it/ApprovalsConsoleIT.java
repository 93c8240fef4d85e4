package dev.partneraccess.it;

import static org.assertj.core.api.Assertions.assertThat;


import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Richer approvals in the console, in a real headless Chromium: an approver delegates under My access, a partner user
 * answers the programme's question in the request form and sees whom the request waits for, and the delegate finds
 * the answer in the inbox and approves in the approver's name.
 */
@KeycloakIntegrationTest(config = PartnerAccessServerConfig.class)
class ApprovalsConsoleIT extends ConsoleTestBase {

    @BeforeEach
    void policy() {
        Api.Reply reply = ops().put("/policy", ApprovalsIT.approvalsPolicy(true));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
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
