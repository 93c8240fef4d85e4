package dev.partneraccess.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.mail.internet.MimeMessage;

/**
 * Approvals that do not stall: requester questions answered for the approvers, whom a stage waits for, delegation by
 * an approver, escalation of a stage left pending, and exceptions to the policy inside the workflow.
 */
@KeycloakIntegrationTest(config = PartnerAccessServerConfig.class)
class ApprovalsIT extends AccessTestBase {

    private static final long DAY = 24 * 3600;
    private static final String EXCEPTION_REASON = "The customer's tender runs 45 days; the standard 30 do not cover it.";

    /**
     * The access policy with two questions on deal registration (one required), the regional stage escalated to the
     * security approvers after 3 days, and exceptions through the security and owner stages for at most 60 days.
     */
    static ObjectNode approvalsPolicy(boolean exceptions) {
        ObjectNode policy = accessPolicy("revert");
        ObjectNode regional = (ObjectNode) policy.get("stages").get("regional");
        regional.put("escalateAfterDays", 3);
        regional.putObject("escalateTo").put("approverRole", "partner-approver-security");
        for (JsonNode programme : policy.get("programmes")) {
            if (programme.get("role").asText().equals("deal-registration")) {
                ArrayNode questions = ((ObjectNode) programme).putArray("questions");
                ObjectNode customer = questions.addObject();
                customer.put("id", "customer");
                customer.putObject("text").put("en", "Which customer is the deal for?")
                        .put("de", "Für welchen Kunden ist der Deal?").put("fr", "Pour quel client est l'affaire ?");
                customer.put("required", true);
                customer.put("maxLength", 40);
                ObjectNode volume = questions.addObject();
                volume.put("id", "volume");
                volume.putObject("text").put("en", "What volume do you expect?");
                volume.put("required", false);
            }
        }
        if (exceptions) {
            ObjectNode section = policy.putObject("exceptions");
            section.putArray("stages").add("security").add("owner");
            section.put("maxDays", 60);
        }
        return policy;
    }

    void usePolicy(ObjectNode policy) {
        Api.Reply reply = ops().put("/policy", policy);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    }

    @BeforeEach
    void policy() {
        usePolicy(approvalsPolicy(true));
    }

    static ObjectNode dealRequest(String userId, int days, String customer) {
        ObjectNode body = requestBody(userId, "deal-registration", null, days);
        if (customer != null) {
            body.putObject("answers").put("customer", customer);
        }
        return body;
    }

    JsonNode open(ObjectNode body) {
        Api.Reply reply = ops().post("/requests", body);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json();
    }

    JsonNode stage(JsonNode request, String name) {
        for (JsonNode stage : request.get("stages")) {
            if (stage.get("stage").asText().equals(name)) {
                return stage;
            }
        }
        throw new AssertionError("no stage " + name + " in " + request);
    }

    static List<String> usernames(JsonNode approvers) {
        List<String> names = new ArrayList<>();
        approvers.forEach(a -> names.add(a.get("username").asText()));
        return names;
    }

    Api.Reply self(String username, String method, String path, Object body) {
        return as(username).sendSelfTyped(method, path, body == null ? null : "application/json",
                body == null ? null : Api.write(body));
    }

    @Test
    void aRequiredQuestionMustBeAnsweredAndTheAnswersReachTheApproverAndTheEvidence() throws Exception {
        partnerWith("Northwind Deals", "northwind-deals.example", "registered", "EMEA", "ria.registered");
        String ria = userId("ria.registered");
        long records = evidenceCount();

        Api.Reply missing = ops().post("/requests", dealRequest(ria, 10, null));
        assertRefused(missing, 400, "Which customer is the deal for?");
        assertThat(missing.text("field")).isEqualTo("answers.customer");
        Api.Reply blank = ops().post("/requests", dealRequest(ria, 10, "   "));
        assertThat(blank.text("field")).as(blank.toString()).isEqualTo("answers.customer");
        Api.Reply tooLong = ops().post("/requests", dealRequest(ria, 10, "x".repeat(41)));
        assertRefused(tooLong, 400, "at most 40 characters");
        ObjectNode unknown = dealRequest(ria, 10, "ACME Industries");
        ((ObjectNode) unknown.get("answers")).put("budget", "lots");
        Api.Reply unasked = ops().post("/requests", unknown);
        assertThat(unasked.status()).as(unasked.toString()).isEqualTo(400);
        assertThat(unasked.text("field")).isEqualTo("answers.budget");
        // Refused requests leave nothing behind.
        assertThat(ops().get("/requests?user=" + ria).json()).isEmpty();
        assertThat(evidenceCount()).isEqualTo(records);

        ObjectNode body = dealRequest(ria, 10, "ACME Industries");
        ((ObjectNode) body.get("answers")).put("volume", "About 40 seats a year");
        JsonNode request = open(body);
        String id = request.get("id").asText();
        assertThat(request.at("/answers/customer").asText()).isEqualTo("ACME Industries");

        // The approver sees the answers in the inbox and in the request, and in the mail.
        JsonNode inbox = as("emea-erin").get("/requests?awaiting=me").json();
        JsonNode inInbox = null;
        for (JsonNode r : inbox) {
            if (r.get("id").asText().equals(id)) {
                inInbox = r;
            }
        }
        assertThat(inInbox).as(inbox.toString()).isNotNull();
        assertThat(inInbox.at("/answers/customer").asText()).isEqualTo("ACME Industries");
        assertThat(inInbox.at("/answers/volume").asText()).isEqualTo("About 40 seats a year");
        assertThat(as("emea-erin").get("/requests/" + id).json().at("/answers/customer").asText()).isEqualTo("ACME Industries");
        assertThat(Mailbox.plainText(mail.oneTo("emea-erin@users.example", id))).contains("ACME Industries");

        JsonNode created = evidence("type=REQUEST_CREATED&subject=" + id).get(0);
        assertThat(created.at("/details/answers/customer").asText()).isEqualTo("ACME Industries");
        assertThat(created.at("/details/answers/volume").asText()).isEqualTo("About 40 seats a year");
        assertThat(ops().get("/evidence/verify").json().get("valid").asBoolean()).isTrue();

        // Whom the requester waits for: the regional approvers of EMEA, by name, for the requester and for admins.
        JsonNode mine = self("ria.registered", "GET", "/me", null).json().get("requests").get(0);
        assertThat(mine.get("id").asText()).isEqualTo(id);
        assertThat(usernames(stage(mine, "regional").get("approvers"))).containsExactlyInAnyOrder("emea-erin", "emea-eve");
        JsonNode asAdmin = ops().get("/requests/" + id).json();
        assertThat(usernames(stage(asAdmin, "regional").get("approvers"))).containsExactlyInAnyOrder("emea-erin", "emea-eve");
        assertThat(stage(asAdmin, "regional").get("escalated").asBoolean()).isFalse();

        // Once decided, a stage waits for nobody.
        approve("emea-erin", id, "regional");
        assertThat(stage(ops().get("/requests/" + id).json(), "regional").get("approvers")).isEmpty();
    }

    @Test
    void aStageLeftPendingIsEscalatedOnceAndTheFallbackApproverMayThenDecideIt() throws Exception {
        partnerWith("Silverline Deals", "silverline-deals.example", "silver", "EMEA", "sid.silver");
        String id = open(dealRequest(userId("sid.silver"), 20, "Contoso")).get("id").asText();

        // Before the days have passed, the security approver may not decide the regional stage.
        assertRefused(decide("sec-sam", id, "regional", "approve", "Covering for EMEA."), 403, "partner-approver-region-emea");
        sweep();
        serverClock(2 * DAY);
        sweep();
        assertThat(evidence("type=STAGE_ESCALATED&subject=" + id)).isEmpty();
        assertThat(decide("sec-sam", id, "regional", "approve", "Covering for EMEA.").status()).isEqualTo(403);

        serverClock(3 * DAY + 3600);
        sweep();
        sweep();
        List<JsonNode> escalated = evidence("type=STAGE_ESCALATED&subject=" + id);
        assertThat(escalated).hasSize(1);
        assertThat(escalated.get(0).get("actor").asText()).isEqualTo("system");
        assertThat(escalated.get(0).at("/details/stage").asText()).isEqualTo("regional");
        assertThat(escalated.get(0).at("/details/escalateTo").asText()).isEqualTo("partner-approver-security");

        JsonNode request = ops().get("/requests/" + id).json();
        assertThat(stage(request, "regional").get("escalated").asBoolean()).isTrue();
        assertThat(usernames(stage(request, "regional").get("approvers"))).contains("emea-erin", "sec-sam", "lena-two-hats");

        // The fallback approver is mailed, with the link built from the configured address.
        List<MimeMessage> mails = new ArrayList<>();
        for (MimeMessage message : mail.awaitTo("sec-sam@users.example", id)) {
            if (message.getSubject().startsWith("Escalated after 3 days")) {
                mails.add(message);
            }
        }
        assertThat(mails).hasSize(1);
        assertThat(Mailbox.plainText(mails.get(0))).contains("/admin/realms/" + realm.getName() + "/partner-access/requests/" + id)
                .contains("was escalated to you");

        JsonNode approved = approve("sec-sam", id, "regional");
        assertThat(approved.get("status").asText()).isEqualTo("APPROVED");
        assertThat(stage(approved, "regional").get("decidedBy").asText()).isEqualTo(userId("sec-sam"));
        assertThat(evidence("type=STAGE_APPROVED&subject=" + id).get(0).at("/details/escalated").asBoolean()).isTrue();
    }

    @Test
    void aDelegateDecidesOnBehalfOfTheApproverUntilTheDelegationEnds() {
        partnerWith("Summit Deals", "summit-deals.example", "silver", "EMEA", "sue.summit", "sam.summit", "gus.gold");
        String erin = userId("emea-erin");
        String gus = userId("gus.gold");
        Instant now = Instant.now();

        assertRefused(self("emea-erin", "PUT", "/me/delegation", delegation(erin, now.plus(5, ChronoUnit.DAYS))), 400, "yourself");
        Api.Reply tooLong = self("emea-erin", "PUT", "/me/delegation", delegation(gus, now.plus(91, ChronoUnit.DAYS)));
        assertRefused(tooLong, 400, "at most 90 days");
        assertThat(tooLong.text("field")).isEqualTo("until");
        assertThat(self("emea-erin", "GET", "/me/delegation", null).status()).isEqualTo(404);

        Api.Reply delegated = self("emea-erin", "PUT", "/me/delegation", delegation(gus, now.plus(5, ChronoUnit.DAYS)));
        assertThat(delegated.status()).as(delegated.toString()).isEqualTo(200);
        assertThat(delegated.json().get("to").asText()).isEqualTo(gus);
        assertThat(self("emea-erin", "GET", "/me/delegation", null).json().get("toUsername").asText()).isEqualTo("gus.gold");
        List<JsonNode> recorded = evidence("type=APPROVAL_DELEGATED&subject=" + erin);
        assertThat(recorded).hasSize(1);
        assertThat(recorded.get(0).at("/details/to").asText()).isEqualTo(gus);

        String forSue = open(dealRequest(userId("sue.summit"), 10, "Fabrikam")).get("id").asText();
        String forGus = open(dealRequest(gus, 10, "Fabrikam")).get("id").asText();
        String legalForSue = request("sue.summit", "co-marketing-assets", "brand-portal", 10).get("id").asText();
        String forSam = open(dealRequest(userId("sam.summit"), 10, "Northwind")).get("id").asText();

        // The delegate finds the delegator's stages in the inbox and decides them in the delegator's name.
        List<String> inbox = new ArrayList<>();
        as("gus.gold").get("/requests?awaiting=me").json().forEach(r -> inbox.add(r.get("id").asText()));
        assertThat(inbox).contains(forSue, forSam).doesNotContain(legalForSue);
        JsonNode decided = approve("gus.gold", forSue, "regional");
        assertThat(decided.get("status").asText()).isEqualTo("APPROVED");
        assertThat(stage(decided, "regional").get("decidedBy").asText()).isEqualTo(gus);
        assertThat(stage(decided, "regional").get("onBehalfOf").asText()).isEqualTo(erin);
        JsonNode approval = evidence("type=STAGE_APPROVED&subject=" + forSue).get(0);
        assertThat(approval.get("actor").asText()).isEqualTo(gus);
        assertThat(approval.at("/details/onBehalfOf").asText()).isEqualTo(erin);

        // Separation of duties binds the delegate: not on their own request; and only the delegator's stages.
        assertRefused(decide("gus.gold", forGus, "regional", "approve", "Mine."), 403, "Separation of duties");
        assertRefused(decide("gus.gold", legalForSue, "legal", "approve", "Not mine to decide."), 403, "partner-approver-legal");

        // Past its date the delegation no longer works, and the sweep records its end.
        serverClock(6 * DAY);
        assertRefused(decide("gus.gold", forSam, "regional", "approve", "Too late."), 403, "partner-approver-region-emea");
        sweep();
        List<JsonNode> lapsed = evidence("type=APPROVAL_DELEGATION_ENDED&subject=" + erin);
        assertThat(lapsed).hasSize(1);
        assertThat(lapsed.get(0).at("/details/reason").asText()).isEqualTo("expired");
        serverClock(0);
        assertThat(self("emea-erin", "GET", "/me/delegation", null).status()).isEqualTo(404);

        // Withdrawn, it no longer works either.
        assertThat(self("emea-erin", "PUT", "/me/delegation", delegation(gus, Instant.now().plus(2, ChronoUnit.DAYS))).status())
                .isEqualTo(200);
        assertThat(self("emea-erin", "DELETE", "/me/delegation", null).status()).isEqualTo(204);
        assertThat(self("emea-erin", "DELETE", "/me/delegation", null).status()).isEqualTo(404);
        List<JsonNode> ended = evidence("type=APPROVAL_DELEGATION_ENDED&subject=" + erin);
        assertThat(ended).hasSize(2);
        assertThat(ended.get(1).at("/details/reason").asText()).isEqualTo("withdrawn");
        assertRefused(decide("gus.gold", forSam, "regional", "approve", "Withdrawn."), 403, "partner-approver-region-emea");
        assertThat(stage(ops().get("/requests/" + forSam).json(), "regional").get("status").asText()).isEqualTo("PENDING");
    }

    private static ObjectNode delegation(String to, Instant until) {
        ObjectNode body = Api.object();
        body.put("to", to);
        body.put("until", until.truncatedTo(ChronoUnit.SECONDS).toString());
        return body;
    }

    static ObjectNode withException(ObjectNode body) {
        body.putObject("exception").put("reason", EXCEPTION_REASON);
        return body;
    }

    @Test
    void anExceptionGetsTheExtraStagesIsBoundedFlaggedCountedAndNotRenewable() {
        partnerWith("Registered Deals", "registered-deals.example", "registered", "EMEA", "nora.northwind", "ned.northwind");
        String nora = userId("nora.northwind");
        String ned = userId("ned.northwind");

        // Within the tier's 30 days no exception is needed; beyond it, none without one; above exceptions.maxDays, none.
        assertRefused(ops().post("/requests", dealRequest(nora, 45, "Tailspin")), 400, "at most 30");
        assertRefused(ops().post("/requests", withException(dealRequest(nora, 20, "Tailspin"))), 400, "within the policy");
        Api.Reply tooLong = ops().post("/requests", withException(dealRequest(nora, 61, "Tailspin")));
        assertRefused(tooLong, 400, "at most 60");
        assertThat(tooLong.text("field")).isEqualTo("days");
        ObjectNode shortReason = dealRequest(nora, 45, "Tailspin");
        shortReason.putObject("exception").put("reason", "Because.");
        assertThat(ops().post("/requests", shortReason).text("field")).isEqualTo("exception.reason");

        JsonNode request = open(withException(dealRequest(nora, 45, "Tailspin")));
        String id = request.get("id").asText();
        assertThat(request.get("exception").asBoolean()).isTrue();
        assertThat(request.get("exceptionReason").asText()).isEqualTo(EXCEPTION_REASON);
        assertThat(stages(request)).containsExactly(Map.entry("regional", "PENDING"), Map.entry("security", "PENDING"),
                Map.entry("owner", "PENDING"));
        assertThat(evidence("type=REQUEST_CREATED&subject=" + id).get(0).at("/details/exception").asBoolean()).isTrue();
        approve("emea-erin", id, "regional");
        approve("sec-sam", id, "security");
        JsonNode approved = approve("owner-olivia", id, "owner");
        assertThat(approved.get("status").asText()).isEqualTo("APPROVED");
        JsonNode grant = ops().get("/grants/" + approved.get("grantId").asText()).json();
        assertThat(grant.get("exception").asBoolean()).as(grant.toString()).isTrue();
        long days = ChronoUnit.HOURS.between(Instant.parse(grant.get("grantedAt").asText()),
                Instant.parse(grant.get("expiresAt").asText())) / 24;
        assertThat(days).isEqualTo(45);
        assertThat(evidence("type=GRANT_ISSUED&subject=" + grant.get("id").asText()).get(0).at("/details/exception").asBoolean())
                .isTrue();
        assertThat(ops().get("/report").json().at("/grants/exceptions").asLong()).isEqualTo(1);

        // More time on an exception is a new exception, never a renewal.
        ObjectNode renewal = Api.object();
        renewal.put("days", 10);
        renewal.put("justification", "The tender was extended by two weeks.");
        assertRefused(ops().post("/grants/" + grant.get("id").asText() + "/renew", renewal), 409, "exception");

        // A registered partner's user may ask for a gold programme only as an exception, through its extra stages.
        assertRefused(ops().post("/requests", requestBody(ned, "pricing-api", "partner-api", 20)), 409, "needs tier 'gold'");
        JsonNode gold = open(withException(requestBody(ned, "pricing-api", "partner-api", 20)));
        assertThat(stages(gold)).containsExactly(Map.entry("legal", "PENDING"), Map.entry("security", "PENDING"),
                Map.entry("regional", "PENDING"), Map.entry("owner", "PENDING"));
        assertThat(gold.get("exception").asBoolean()).isTrue();
        ops().post("/requests/" + gold.get("id").asText() + "/cancel", Api.object());

        // Without the policy's exceptions section, an exception is refused as before.
        usePolicy(approvalsPolicy(false));
        assertRefused(ops().post("/requests", withException(requestBody(ned, "pricing-api", "partner-api", 20))), 409,
                "needs tier 'gold'");
        assertRefused(ops().post("/requests", withException(dealRequest(ned, 45, "Tailspin"))), 400, "at most 30");
        assertThat(ops().get("/requests?user=" + ned + "&status=PENDING").json()).isEmpty();
    }
}
