package dev.partneraccess.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.mail.internet.MimeMessage;

@KeycloakIntegrationTest(config = PartnerAccessServerConfig.class)
class AccessRequestIT extends AccessTestBase {


    @BeforeEach
    void policy() {
        useAccessPolicy("revert");
    }

    @Test
    void theThreeStageProgrammeIsGrantedAfterLegalSecurityAndRegionalApproveAndTheTokenCarriesTheRole() throws Exception {
        String partner = partnerWith("Goldline Pricing", "goldline-pricing.example", "gold", "EMEA", "gwen.gold");
        String gwen = userId("gwen.gold");
        assertThat(accessToken("gwen.gold").at("/resource_access/partner-api/roles").toString()).doesNotContain("pricing-api");

        Instant before = Instant.now();
        JsonNode request = request("gwen.gold", "pricing-api", "partner-api", 30);
        String id = request.get("id").asText();
        assertThat(request.get("status").asText()).isEqualTo("PENDING");
        assertThat(request.get("type").asText()).isEqualTo("ACCESS");
        assertThat(request.get("partner").asText()).isEqualTo(partner);
        assertThat(request.get("policyVersion").asInt()).isEqualTo(ops().get("/policy").json().get("version").asInt());
        assertThat(request.get("createdBy").asText()).isEqualTo(userId("ops-admin"));
        assertThat(stages(request)).containsExactly(Map.entry("legal", "PENDING"), Map.entry("security", "PENDING"),
                Map.entry("regional", "PENDING"));

        // Each approver is told by e-mail, with the request's details and link.
        MimeMessage toLee = mail.oneTo("legal-lee@users.example", id);
        assertThat(toLee.getSubject()).contains("legal").contains("pricing-api").contains("gwen.gold").contains("Goldline Pricing");
        String text = Mailbox.plainText(toLee);
        assertThat(text).contains("/admin/realms/" + realm.getName() + "/partner-access/requests/" + id)
                .contains(PURPOSE).contains("Days: 30").contains("role 'pricing-api' of client 'partner-api'");
        assertThat(mail.oneTo("sec-sam@users.example", id).getSubject()).contains("security");
        assertThat(mail.oneTo("emea-erin@users.example", id).getSubject()).contains("regional");

        // Stages may be decided in any order; the grant comes with the last approval only.
        approve("emea-erin", id, "regional");
        approve("legal-lee", id, "legal");
        assertThat(ops().get("/grants?user=" + gwen).json()).isEmpty();
        JsonNode approved = approve("sec-sam", id, "security");
        assertThat(approved.get("status").asText()).isEqualTo("APPROVED");
        assertThat(approved.at("/stages/1/decidedBy").asText()).isEqualTo(userId("sec-sam"));
        assertThat(approved.at("/stages/1/justification").asText()).isEqualTo("Checked by sec-sam.");
        String grantId = approved.get("grantId").asText();

        JsonNode grants = ops().get("/grants?user=" + gwen).json();
        assertThat(grants).hasSize(1);
        JsonNode grant = grants.get(0);
        assertThat(grant.get("id").asText()).isEqualTo(grantId);
        assertThat(grant.get("requestId").asText()).isEqualTo(id);
        assertThat(grant.get("role").asText()).isEqualTo("pricing-api");
        assertThat(grant.get("client").asText()).isEqualTo("partner-api");
        assertThat(grant.get("status").asText()).isEqualTo("ACTIVE");
        Instant expires = Instant.parse(grant.get("expiresAt").asText());
        assertThat(expires).isBetween(before.plus(30, ChronoUnit.DAYS).minusSeconds(60), Instant.now().plus(30, ChronoUnit.DAYS));

        JsonNode token = accessToken("gwen.gold");
        assertThat(token.at("/resource_access/partner-api/roles").toString()).contains("pricing-api");
        JsonNode access = token.get("partner_access");
        assertThat(access).hasSize(1);
        assertThat(access.get(0).get("role").asText()).isEqualTo("pricing-api");
        assertThat(access.get(0).get("client").asText()).isEqualTo("partner-api");
        assertThat(access.get(0).get("grant_id").asText()).isEqualTo(grantId);
        assertThat(access.get(0).get("expires_at").asLong()).isEqualTo(expires.getEpochSecond());

        List<JsonNode> trail = evidence("subject=" + id);
        assertThat(trail).extracting(r -> r.get("type").asText())
                .containsExactly("REQUEST_CREATED", "STAGE_APPROVED", "STAGE_APPROVED", "STAGE_APPROVED");
        assertThat(trail.get(3).at("/details/stage").asText()).isEqualTo("security");
        assertThat(trail.get(3).at("/details/actorUsername").asText()).isEqualTo("sec-sam");
        JsonNode issued = evidence("type=GRANT_ISSUED&subject=" + grantId).get(0);
        assertThat(issued.get("seq").asLong()).isEqualTo(trail.get(3).get("seq").asLong() + 1);
        assertThat(issued.at("/details/user").asText()).isEqualTo(gwen);
        assertThat(issued.at("/details/role").asText()).isEqualTo("pricing-api");
        assertThat(issued.at("/details/client").asText()).isEqualTo("partner-api");
        assertThat(issued.at("/details/requestId").asText()).isEqualTo(id);
        assertThat(ops().get("/evidence/verify").json().get("valid").asBoolean()).isTrue();
    }

    @Test
    void aMailServerThatIsDownFailsNoRequestAndNoDecision() {
        partnerWith("Mailless Partner", "mailless.example", "registered", "EMEA", "olga.oob");
        mail.close();
        try {
            JsonNode request = request("olga.oob", "deal-registration", null, 5);
            assertThat(approve("emea-erin", request.get("id").asText(), "regional").get("status").asText()).isEqualTo("APPROVED");
        } finally {
            mail = new Mailbox(AccessRealm.SMTP_PORT);
        }
    }

    @Test
    void separationOfDutiesKeepsRequesterBeneficiaryAndOtherStageApproversOut() {
        partnerWith("Duties Partner", "duties.example", "gold", "EMEA", "gus.gold", "paul.partner");

        // The requester may not decide: ops-legal opens the request and holds the legal approver role.
        Api.Reply opened = as("ops-legal").post("/requests", requestBody(userId("gus.gold"), "pricing-api", "partner-api", 10));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        String id = opened.text("id");
        assertRefused(decide("ops-legal", id, "legal", "approve", null), 403, "requester");

        // The approver of one stage may not decide another stage of the same request.
        approve("lena-two-hats", id, "legal");
        assertRefused(decide("lena-two-hats", id, "security", "approve", null), 403, "already decided stage 'legal'");

        // Only holders of the stage's role; regional approvers only of the partner's region.
        assertRefused(decide("amer-al", id, "regional", "approve", null), 403, "partner-approver-region-emea");
        assertRefused(decide("plain-user", id, "security", "approve", null), 403, "partner-approver-security");
        assertRefused(decide("legal-lee", id, "legal", "approve", null), 409, "already decided");
        assertRefused(decide("sec-sam", id, "owner", "approve", null), 400, "no stage 'owner'");

        // The beneficiary may not decide a stage of a request for themselves.
        String forPaul = request("paul.partner", "pricing-api", "partner-api", 10).get("id").asText();
        assertRefused(decide("paul.partner", forPaul, "legal", "approve", null), 403, "beneficiary");

        JsonNode unchanged = ops().get("/requests/" + id).json();
        assertThat(stages(unchanged)).containsExactly(Map.entry("legal", "APPROVED"), Map.entry("security", "PENDING"),
                Map.entry("regional", "PENDING"));
        assertThat(evidence("type=STAGE_APPROVED&subject=" + forPaul)).isEmpty();
    }

    @Test
    void aRejectionEndsTheRequestWithoutAGrantAndCancelWithdrawsOne() {
        String partner = partnerWith("Brand Partner", "brand-partner.example", "silver", "AMER", "sid.silver");
        String sid = userId("sid.silver");
        String id = request("sid.silver", "co-marketing-assets", "brand-portal", 60).get("id").asText();
        assertRefused(decide("brand-bo", id, "brand", "reject", null), 400, "justification");
        Api.Reply rejected = decide("brand-bo", id, "brand", "reject", "Brand guidelines not signed.");
        assertThat(rejected.status()).as(rejected.toString()).isEqualTo(200);
        assertThat(rejected.json().get("status").asText()).isEqualTo("REJECTED");
        assertThat(stages(rejected.json())).containsExactly(Map.entry("brand", "REJECTED"), Map.entry("legal", "SKIPPED"));
        assertRefused(decide("legal-lee", id, "legal", "approve", null), 409, "REJECTED");
        assertThat(ops().get("/grants?user=" + sid).json()).isEmpty();
        JsonNode record = evidence("type=STAGE_REJECTED&subject=" + id).get(0);
        assertThat(record.at("/details/justification").asText()).isEqualTo("Brand guidelines not signed.");
        assertThat(record.get("partner").asText()).isEqualTo(partner);

        String second = request("sid.silver", "co-marketing-assets", "brand-portal", 60).get("id").asText();
        assertRefused(as("plain-user").post("/requests/" + second + "/cancel", reason("not mine")), 403, "requester");
        Api.Reply cancelled = ops().post("/requests/" + second + "/cancel", reason("Asked for the wrong programme."));
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asText()).isEqualTo("CANCELLED");
        assertRefused(ops().post("/requests/" + second + "/cancel", reason("again")), 409, "CANCELLED");
        assertThat(evidence("type=REQUEST_CANCELLED&subject=" + second).get(0).at("/details/reason").asText())
                .isEqualTo("Asked for the wrong programme.");
        assertThat(as("brand-bo").get("/requests?awaiting=me").json().findValuesAsText("id")).doesNotContain(id, second);
    }

    @Test
    void requestsThatBreakThePolicyAreRefusedAndLeaveNothing() {
        partnerWith("Rules Gold", "rules-gold.example", "gold", "EMEA", "gina.goldline");
        partnerWith("Rules Silver", "rules-silver.example", "silver", "EMEA", "sam.summit");
        String suspended = partnerWith("Rules Suspended", "rules-suspended.example", "gold", "EMEA", "sue.summit");
        assertThat(ops().post("/partners/" + suspended + "/suspend", reason("audit")).status()).isEqualTo(200);
        String gina = userId("gina.goldline");
        long records = evidenceCount();

        assertRefused(ops().post("/requests", requestBody(gina, "pricing-api", "partner-api", 31)), 400, "at most 30");
        assertRefused(ops().post("/requests", requestBody(userId("sam.summit"), "pricing-api", "partner-api", 10)), 409, "gold");
        assertRefused(ops().post("/requests", requestBody(userId("sue.summit"), "pricing-api", "partner-api", 10)), 409, "SUSPENDED");
        assertRefused(ops().post("/requests", requestBody(userId("plain-user"), "pricing-api", "partner-api", 10)), 400,
                "not a member of any partner");
        assertRefused(ops().post("/requests", requestBody(gina, "partner-approver-legal", null, 10)), 400, "not governed");
        assertRefused(ops().post("/requests", requestBody(gina, "pricing-api", null, 10)), 400, "not governed");
        assertRefused(ops().post("/requests", requestBody("no-such-user", "pricing-api", "partner-api", 10)), 400, "no-such-user");
        ObjectNode shortPurpose = requestBody(gina, "pricing-api", "partner-api", 10);
        shortPurpose.put("businessPurpose", "because");
        assertRefused(ops().post("/requests", shortPurpose), 400, "at least 20");
        ObjectNode zeroDays = requestBody(gina, "pricing-api", "partner-api", 0);
        assertRefused(ops().post("/requests", zeroDays), 400, "days");
        ObjectNode unknownField = requestBody(gina, "pricing-api", "partner-api", 10);
        unknownField.put("approved", true);
        assertRefused(ops().post("/requests", unknownField), 400, "approved");
        assertRefused(as("viewer").post("/requests", requestBody(gina, "pricing-api", "partner-api", 10)), 403, "manage-users");
        assertThat(ops().get("/requests?user=" + gina).json()).isEmpty();
        assertThat(evidenceCount()).isEqualTo(records);

        String first = request("gina.goldline", "pricing-api", "partner-api", 10).get("id").asText();
        assertRefused(ops().post("/requests", requestBody(gina, "pricing-api", "partner-api", 5)), 409, first);
        assertThat(ops().get("/requests?user=" + gina).json()).hasSize(1);
        assertRefused(ops().get("/requests?status=OPEN"), 400, "status");
        assertRefused(ops().get("/grants?expiringBefore=tomorrow"), 400, "expiringBefore");
    }

    @Test
    void approversSeeTheirInboxAndOnlyTheRequestsTheyDecide() {
        partnerWith("Inbox EMEA", "inbox-emea.example", "registered", "EMEA", "ria.registered");
        partnerWith("Inbox AMER", "inbox-amer.example", "registered", "AMER", "nora.northwind");
        String emea = request("ria.registered", "deal-registration", null, 20).get("id").asText();
        String amer = request("nora.northwind", "deal-registration", null, 20).get("id").asText();

        assertThat(as("emea-erin").get("/requests?awaiting=me").json().findValuesAsText("id")).contains(emea).doesNotContain(amer);
        assertThat(as("amer-al").get("/requests?awaiting=me").json().findValuesAsText("id")).contains(amer).doesNotContain(emea);
        assertThat(as("legal-lee").get("/requests?awaiting=me").json().findValuesAsText("id")).doesNotContain(emea, amer);
        assertThat(as("emea-erin").get("/requests/" + emea).status()).isEqualTo(200);
        assertRefused(as("amer-al").get("/requests/" + emea), 403, "approver");
        assertRefused(as("plain-user").get("/requests"), 403, "view-users");
        assertThat(as("viewer").get("/requests?status=PENDING&user=" + userId("ria.registered")).json()
                .findValuesAsText("id")).containsExactly(emea);

        approve("emea-eve", emea, "regional");
        assertThat(as("emea-erin").get("/requests?awaiting=me").json().findValuesAsText("id")).doesNotContain(emea);
        assertThat(ops().get("/grants?status=ACTIVE&role=deal-registration&user=" + userId("ria.registered")).json()).hasSize(1);
    }

    @Test
    void aSelfServiceProgrammeIsGrantedOnRequestAndNoTokenOutlivesTheGrant() {
        partnerWith("Self Service", "self-service.example", "registered", "APAC", "ned.northwind");
        String ned = userId("ned.northwind");
        String token = login("ned.northwind").get("access_token").asText();
        SelfService me = new SelfService(urls.getBase(), realm.getName(), token);
        assertThat(me.get().json().at("/partner/name").asText()).isEqualTo("Self Service");

        ObjectNode body = requestBody(null, AccessRealm.SELF_SERVICE_ROLE, null, 1);
        body.remove("user");
        Api.Reply created = me.request(body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("status").asText()).isEqualTo("APPROVED");
        assertThat(created.json().get("stages")).isEmpty();
        assertThat(created.json().get("createdBy").asText()).isEqualTo(ned);
        ObjectNode forSomeoneElse = requestBody(userId("plain-user"), "deal-registration", null, 1);
        assertRefused(me.request(forSomeoneElse), 403, "yourself");

        JsonNode tokenAfter = accessToken("ned.northwind");
        JsonNode access = tokenAfter.get("partner_access");
        assertThat(access).hasSize(1);
        long grantEnd = access.get(0).get("expires_at").asLong();
        assertThat(tokenAfter.at("/realm_access/roles").toString()).contains(AccessRealm.SELF_SERVICE_ROLE);
        // The realm lets tokens live three days; this one stops with the one-day grant.
        assertThat(tokenAfter.get("exp").asLong()).isEqualTo(grantEnd);
        assertThat(tokenAfter.get("exp").asLong() - tokenAfter.get("iat").asLong()).isLessThanOrEqualTo(24 * 3600);
        JsonNode uncapped = accessToken("plain-user");
        assertThat(uncapped.get("exp").asLong() - uncapped.get("iat").asLong())
                .isBetween(AccessRealm.THREE_DAYS - 2L, (long) AccessRealm.THREE_DAYS);

        JsonNode mine = me.get().json();
        assertThat(mine.get("grants").findValuesAsText("role")).containsExactly(AccessRealm.SELF_SERVICE_ROLE);
        assertThat(mine.get("requests").findValuesAsText("status")).containsExactly("APPROVED");
        assertThat(new SelfService(urls.getBase(), realm.getName(), null).get().status()).isEqualTo(401);
        assertThat(evidence("type=GRANT_ISSUED&partner=" + mine.at("/partner/id").asText())).hasSize(1);
    }

    @Test
    void aGrantPastItsEndIsNoLongerInTheNextTokenEvenBeforeTheExpirySweep() {
        partnerWith("Lapsing Partner", "lapsing.example", "registered", "APAC", "lou.lapse");
        JsonNode created = ops().post("/requests", requestBody(userId("lou.lapse"), AccessRealm.SELF_SERVICE_ROLE, null, 1)).json();
        assertThat(created.get("status").asText()).as(created.toString()).isEqualTo("APPROVED");
        assertThat(accessToken("lou.lapse").at("/realm_access/roles").toString()).contains(AccessRealm.SELF_SERVICE_ROLE);

        serverClock(2 * 24 * 3600);
        JsonNode token = accessToken("lou.lapse");
        assertThat(token.at("/realm_access/roles").toString()).doesNotContain(AccessRealm.SELF_SERVICE_ROLE);
        assertThat(token.get("partner_access")).isEmpty();
        assertThat(token.get("exp").asLong() - token.get("iat").asLong()).isBetween(AccessRealm.THREE_DAYS - 2L, (long) AccessRealm.THREE_DAYS);
    }
}
