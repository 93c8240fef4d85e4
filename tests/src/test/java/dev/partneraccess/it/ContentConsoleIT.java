package dev.partneraccess.it;

import static org.assertj.core.api.Assertions.assertThat;


import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The console's Content page in a real headless Chromium: an admin creates a package and submits it, the brand
 * approver approves its release in the inbox, a partner user of a matching partner finds it with its address under
 * My access while others do not, and the admin withdraws it with a reason, after which the partner user no longer sees it.
 */
@KeycloakIntegrationTest(config = PartnerAccessServerConfig.class)
class ContentConsoleIT extends ConsoleTestBase {

    private static final String LIBRARY = "console-library";
    private static final String URI = "https://assets.company.example/console-brand-kit";

    @BeforeEach
    void policyAndLibrary() {
        ObjectNode policy = accessPolicy("revert");
        ObjectNode kind = policy.putObject("content").putArray("kinds").addObject();
        kind.put("name", "marketing");
        kind.putArray("stages").add("brand");
        kind.put("maxReleaseDays", 180);
        Api.Reply put = ops().put("/policy", policy);
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        if (realm.admin().clients().findByClientId(LIBRARY).isEmpty()) {
            ClientRepresentation library = new ClientRepresentation();
            library.setClientId(LIBRARY);
            library.setPublicClient(false);
            library.setServiceAccountsEnabled(true);
            library.setAuthorizationServicesEnabled(true);
            realm.admin().clients().create(library).close();
        }
    }

    private JsonNode packageNamed(String name) {
        for (JsonNode content : ops().get("/content").json()) {
            if (content.get("name").asText().equals(name)) {
                return content;
            }
        }
        throw new AssertionError("no package named " + name);
    }

    @Test
    void adminReleasesAPackagePartnersOfItsTierAndRegionSeeItUntilTheAdminWithdrawsIt() throws Exception {
        partnerWith("Console Gold EMEA", "console-gold.example", "gold", "EMEA", "gary.goldline");
        partnerWith("Console Silver EMEA", "console-silver.example", "silver", "EMEA", "sid.silver");
        partnerWith("Console Gold AMER", "console-amer.example", "gold", "AMER", "gus.gold");

        // The admin finds Content in the menu and an empty list, not an error.
        signIn("ops-admin", "");
        browser.click("#pa-nav-content");
        browser.waitForText("h1", "Content packages");
        browser.find("#pa-content-empty");
        assertThat(browser.has("#pa-error")).isFalse();

        // A missing owner is named at its field, and nothing is created.
        browser.type("#pa-name", "Brand kit 2027");
        browser.select("#pa-kind", "marketing");
        browser.type("#pa-client", LIBRARY);
        browser.type("#pa-uri", URI);
        browser.select("#pa-minTier", "gold");
        browser.type("#pa-regions", "EMEA");
        browser.type("#pa-days", "30");
        browser.click("#pa-content-create-button");
        browser.waitForText("#pa-owner-help", "An owner is required.");
        assertThat(ops().get("/content").json().size()).isZero();

        // The server's refusal shows under the field it names.
        browser.type("#pa-owner", "owner-olivia");
        browser.type("#pa-client", "no-such-client");
        browser.click("#pa-content-create-button");
        browser.waitForText("#pa-client-help", "No client 'no-such-client' in this realm.");
        assertThat(ops().get("/content").json().size()).isZero();

        browser.type("#pa-client", LIBRARY);
        browser.click("#pa-content-create-button");
        browser.waitForText(".pa-success", "Package \"Brand kit 2027\" created as a draft.");
        JsonNode draft = packageNamed("Brand kit 2027");
        assertThat(draft.get("status").asText()).isEqualTo("DRAFT");
        assertThat(draft.get("minTier").asText()).isEqualTo("gold");
        assertThat(draft.get("owner").asText()).isEqualTo(userId("owner-olivia"));
        String row = "#pa-content [data-key='" + draft.get("id").asText() + "']";
        browser.waitForText(row, "DRAFT");
        assertThat(browser.text(row)).contains("Brand kit 2027", "marketing", LIBRARY, "gold", "EMEA", URI);

        browser.click(row + " .pa-content-submit");
        browser.waitForText(".pa-success", "Package \"Brand kit 2027\" submitted: IN_REVIEW.");
        browser.waitForText(row, "IN_REVIEW");
        String requestId = packageNamed("Brand kit 2027").get("requestId").asText();
        assertThat(browser.find(row + " .pa-content-request").getAttribute("data-request")).isEqualTo(requestId);

        // Filtering by status: the package is in review, so no released package shows.
        browser.select("#pa-content-status", "RELEASED");
        browser.find("#pa-content-empty");
        assertThat(browser.text("#pa-content-empty")).contains("No content package matches these filters.");
        browser.select("#pa-content-status", "IN_REVIEW");
        browser.waitForText(row, "Brand kit 2027");
        browser.select("#pa-content-status", "");

        // The same page in German, then back.
        browser.script("document.getElementById('pa-language').scrollIntoView()");
        browser.select("#pa-language", "de");
        browser.waitForText("h1", "Inhaltspakete");
        assertThat(browser.text("#pa-nav-content")).isEqualTo("Inhalte");
        browser.select("#pa-language", "en");
        browser.waitForText("h1", "Content packages");

        assertThat(browser.find(row + " .pa-content-request").getAttribute("href")).endsWith("/console/inbox#pa-request-" + requestId);

        // The brand approver finds the release in the inbox and approves it.
        signIn("brand-bo", "inbox");
        String card = "[data-request='" + requestId + "']";
        browser.waitForText(card, "Content release");
        browser.type(card + " #pa-justification", "Brand guidelines 2027 checked.");
        browser.click(card + " #pa-approve");
        browser.find("#pa-decided");
        JsonNode released = packageNamed("Brand kit 2027");
        assertThat(released.get("status").asText()).isEqualTo("RELEASED");

        // A gold EMEA partner user sees it under My access, with its address as a link and when its release ends.
        signIn("gary.goldline", "me");
        String mine = "#pa-my-content [data-key='" + released.get("id").asText() + "']";
        browser.waitForText(mine, "Brand kit 2027");
        assertThat(browser.find(mine + " a.pa-content-uri").getAttribute("href")).isEqualTo(URI);
        assertThat(browser.text(mine)).contains("marketing", "UTC").containsPattern("(29|30) days");
        screenshot("console-my-content.png");

        // Silver in the same region, and gold in another region, see none.
        signIn("sid.silver", "me");
        browser.waitForText("#pa-my-content-empty", "No released content is open to you now.");
        signIn("gus.gold", "me");
        browser.waitForText("#pa-my-content-empty", "No released content is open to you now.");

        // The admin withdraws it; the reason is required.
        signIn("ops-admin", "content");
        browser.waitForText(row, "RELEASED");
        browser.click(row + " .pa-content-withdraw");
        assertThat(browser.find("#pa-content-withdraw-confirm").isEnabled()).as("no reason yet").isFalse();
        browser.type("#pa-reason", "The 2027 brand guidelines were recalled.");
        browser.click("#pa-content-withdraw-confirm");
        browser.waitForText(".pa-success", "Package \"Brand kit 2027\" withdrawn.");
        browser.waitForText(row, "WITHDRAWN");
        assertThat(browser.text(row)).contains("The 2027 brand guidelines were recalled.");
        JsonNode withdrawn = packageNamed("Brand kit 2027");
        assertThat(withdrawn.get("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(withdrawn.get("endReason").asText()).isEqualTo("The 2027 brand guidelines were recalled.");

        // The partner user no longer sees it after a reload.
        signIn("gary.goldline", "me");
        browser.waitForText("#pa-my-content-empty", "No released content is open to you now.");
        assertThat(browser.has(mine)).isFalse();
    }
}
