package dev.partneraccess.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The console's Reviews page in a real headless Chromium: an admin starts a review over a partner, the programme's
 * approver decides the items from the review's address (keep, revoke, and the recommendation for a selected one), and
 * the admin follows the progress and closes the review, which applies the decisions.
 */
@KeycloakIntegrationTest(config = PartnerAccessServerConfig.class)
class ReviewsConsoleIT extends ConsoleTestBase {

    @BeforeEach
    void policy() {
        useAccessPolicy("revert");
    }

    private List<JsonNode> items(String review) {
        Api.Reply reply = ops().get("/reviews/" + review + "/items");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        reply.json().forEach(items::add);
        return items;
    }

    private static JsonNode itemOf(List<JsonNode> items, String username) {
        return items.stream().filter(i -> i.get("username").asText().equals(username)).findFirst()
                .orElseThrow(() -> new AssertionError("no item of " + username + " in " + items));
    }

    @Test
    void adminStartsAReviewTheApproverDecidesItsItemsAndClosingAppliesThem() throws Exception {
        String partner = partnerWith("Review Rivers", "review-rivers.example", "registered", "EMEA",
                "nora.northwind", "gus.gold", "ned.northwind");
        granted("nora.northwind", 10);
        String gusGrant = granted("gus.gold", 10);
        granted("ned.northwind", 10);

        // The admin starts a review over the partner, decided by the programme's approvers.
        signIn("ops-admin", "reviews");
        browser.find("#pa-awaiting-empty");
        browser.type("#pa-name", "Review Rivers Q4");
        browser.select("#pa-r-partner", partner);
        browser.select("#pa-reviewer", "approvers");
        browser.type("#pa-days", "14");
        browser.select("#pa-defaultDecision", "keep");
        browser.click("#pa-start");
        browser.waitForText(".pa-success", "Review \"Review Rivers Q4\" started with 3 items.");
        browser.waitForText("#pa-reviews", "Review Rivers Q4");
        String id = null;
        for (JsonNode review : ops().get("/reviews?status=OPEN").json()) {
            if (review.get("name").asText().equals("Review Rivers Q4")) {
                id = review.get("id").asText();
            }
        }
        assertThat(id).as("the review the page started").isNotNull();
        JsonNode review = ops().get("/reviews/" + id).json();
        assertThat(review.get("reviewer").asText()).isEqualTo("approvers");
        assertThat(review.get("defaultDecision").asText()).isEqualTo("keep");
        assertThat(review.at("/scope/partner").asText()).isEqualTo(partner);
        String row = "[data-key='" + id + "']";
        browser.waitForText(row, "0 / 3 decided");

        List<JsonNode> items = items(id);
        String noraItem = itemOf(items, "nora.northwind").get("id").asText();
        String gusItem = itemOf(items, "gus.gold").get("id").asText();
        JsonNode ned = itemOf(items, "ned.northwind");
        String nedItem = ned.get("id").asText();

        // The regional approver opens the review's address and finds each item with its recommendation.
        signIn("emea-erin", "reviews/" + id);
        String nora = "[data-item='" + noraItem + "']";
        browser.waitForText(nora, "nora.northwind");
        assertThat(browser.text(nora)).contains("deal-registration", "Recommendation",
                itemOf(items, "nora.northwind").at("/recommendation/reason").asText());
        screenshot("console-reviews.png");
        browser.type(nora + " textarea", "Nora still registers deals every week.");
        browser.click(nora + " .pa-keep");
        browser.waitForNo(nora);
        browser.waitForText("#pa-my-decisions", "kept");

        String gus = "[data-item='" + gusItem + "']";
        browser.type(gus + " textarea", "Gus left the partner's sales team.");
        browser.click(gus + " .pa-revoke-item");
        browser.waitForNo(gus);
        browser.waitForText("#pa-my-decisions", "revoked");
        assertThat(browser.text("#pa-my-decisions")).contains("Gus left the partner's sales team.", "nora.northwind", "gus.gold");

        // Ned's item takes its recommendation, selected and applied with one justification.
        browser.click("#pa-select-" + nedItem);
        browser.type("#pa-bulk-justification", "Recommendations checked against the partner's staff list.");
        browser.click("#pa-apply-recommendations");
        browser.waitForNo("[data-item='" + nedItem + "']");
        browser.find("#pa-awaiting-empty");

        items = items(id);
        assertThat(itemOf(items, "nora.northwind").get("decision").asText()).isEqualTo("keep");
        assertThat(itemOf(items, "gus.gold").get("decision").asText()).isEqualTo("revoke");
        assertThat(itemOf(items, "gus.gold").get("justification").asText()).isEqualTo("Gus left the partner's sales team.");
        assertThat(itemOf(items, "ned.northwind").get("decision").asText()).isEqualTo(ned.at("/recommendation/decision").asText());
        assertThat(itemOf(items, "ned.northwind").get("decidedBy").asText()).isEqualTo(userId("emea-erin"));

        // The admin sees the progress, the decisions, and closes the review.
        signIn("ops-admin", "reviews");
        browser.waitForText(row, "3 / 3 decided");
        browser.click(row + " .pa-show-items");
        browser.waitForText("#pa-items", "Gus left the partner's sales team.");
        browser.click(row + " .pa-close-review");
        browser.waitForText(".pa-success", "Review \"Review Rivers Q4\" closed");
        browser.waitForText(row, "CLOSED");
        assertThat(browser.has(row + " .pa-close-review")).isFalse();

        JsonNode closed = ops().get("/reviews/" + id).json();
        assertThat(closed.get("status").asText()).isEqualTo("CLOSED");
        assertThat(closed.at("/items/decided").asInt()).isEqualTo(3);
        assertThat(ops().get("/grants/" + gusGrant).json().get("status").asText()).isEqualTo("REVOKED");
    }

    @Test
    void aReviewerWithoutAnyRoleFindsTheReviewsPageWhileAReviewAwaitsThem() {
        String partner = partnerWith("Review Reeds", "review-reeds.example", "registered", "EMEA", "ria.registered");
        granted("ria.registered", 10);
        // oscar.oob holds no approver or admin role: before a review names him, the console offers him no Reviews page.
        signIn("oscar.oob", "");
        browser.find("#pa-nothing");
        assertThat(browser.has("#pa-nav-reviews")).isFalse();

        com.fasterxml.jackson.databind.node.ObjectNode scope = Api.object();
        scope.put("partner", partner);
        com.fasterxml.jackson.databind.node.ObjectNode body = Api.object();
        body.put("name", "Reeds by Oscar");
        body.set("scope", scope);
        body.put("reviewer", userId("oscar.oob"));
        body.put("days", 7);
        body.put("defaultDecision", "keep");
        Api.Reply started = ops().post("/reviews", body);
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        String item = items(started.json().get("id").asText()).get(0).get("id").asText();

        signIn("oscar.oob", "");
        browser.click("#pa-nav-reviews");
        browser.waitForText("[data-item='" + item + "']", "ria.registered");
    }

    @Test
    void theServersRefusalIsShownWhenAReviewCannotStart() {
        String partner = partnerWith("Empty Estuary", "empty-estuary.example", "registered", "EMEA", "sid.silver");
        int reviews = ops().get("/reviews").json().size();

        signIn("ops-admin", "reviews");
        browser.type("#pa-name", "Nothing to review");
        browser.select("#pa-r-partner", partner);
        browser.click("#pa-start");
        browser.waitForText(".pa-notice", "matches no ACTIVE grant");
        assertThat(ops().get("/reviews").json().size()).isEqualTo(reviews);
    }
}
