package dev.partneraccess.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Decisions that take what changed since the request into account: the last approval re-checks the partner, the tier
 * and the programme against the current policy; owner stages follow the partner's current business owner; a revoked
 * grant's renewal ends with it; a service account asks for nothing itself; the right to decide is checked first.
 */
@KeycloakIntegrationTest(config = PartnerAccessServerConfig.class)
class DecisionRulesIT extends AccessTestBase {

    @BeforeEach
    void policy() {
        useAccessPolicy("revert");
    }

    /** The last approval is answered 409; the request ends REJECTED by system with the reason and no grant exists. */
    private void assertRejectedBySystem(String requestId, String approver, String stage, String reasonPart) {
        long before = evidenceCount();
        Api.Reply reply = decide(approver, requestId, stage, "approve", "Looks fine to " + approver + ".");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(409);
        assertThat(reply.text("message")).contains(reasonPart);
        JsonNode request = ops().get("/requests/" + requestId).json();
        assertThat(request.get("status").asText()).isEqualTo("REJECTED");
        assertThat(request.get("grantId").isNull()).as(request.toString()).isTrue();
        JsonNode last = null;
        for (JsonNode s : request.get("stages")) {
            if (s.get("stage").asText().equals(stage)) {
                last = s;
            }
        }
        assertThat(last.get("status").asText()).isEqualTo("REJECTED");
        assertThat(last.get("decidedBy").asText()).isEqualTo("system");
        assertThat(last.get("justification").asText()).contains(reasonPart);
        assertThat(ops().get("/grants?user=" + request.get("user").asText()).json()).isEmpty();
        JsonNode record = evidence("type=STAGE_REJECTED&subject=" + requestId).get(0);
        assertThat(record.get("actor").asText()).isEqualTo("system");
        assertThat(record.at("/details/approvedBy").asText()).isEqualTo(userId(approver));
        assertThat(evidence("type=GRANT_ISSUED")).noneMatch(r -> r.at("/details/requestId").asText().equals(requestId));
        // The approver's approval and the system's rejection, nothing else.
        assertThat(evidence("type=STAGE_APPROVED&subject=" + requestId)).anyMatch(r -> r.get("actor").asText().equals(userId(approver)));
        assertThat(evidenceCount()).isEqualTo(before + 2);
        assertThat(ops().get("/evidence/verify").json().get("valid").asBoolean()).isTrue();
    }

    @Test
    void theLastApprovalOfASuspendedPartnersRequestIssuesNoGrant() {
        String partner = partnerWith("Suspended Later", "suspended-later.example", "registered", "EMEA", "gwen.gold");
        String id = request("gwen.gold", "deal-registration", null, 10).get("id").asText();
        assertThat(ops().post("/partners/" + partner + "/suspend", reason("Audit.")).status()).isEqualTo(200);
        assertRejectedBySystem(id, "emea-erin", "regional", "SUSPENDED");
    }

    @Test
    void theLastApprovalAfterATierDowngradeBelowTheProgrammeIssuesNoGrant() {
        String partner = partnerWith("Downgraded Later", "downgraded-later.example", "silver", "EMEA", "sid.silver");
        String id = request("sid.silver", "co-marketing-assets", "brand-portal", 10).get("id").asText();
        approve("brand-bo", id, "brand");
        assertThat(ops().put("/partners/" + partner, Api.object().put("tier", "registered")).status()).isEqualTo(200);
        assertRejectedBySystem(id, "legal-lee", "legal", "silver");
    }

    @Test
    void theLastApprovalAfterTheProgrammeLeftThePolicyOrItsMaximumFellIssuesNoGrant() {
        partnerWith("Policy Changed", "policy-changed.example", "registered", "EMEA", "gus.gold");
        String removed = request("gus.gold", "deal-registration", null, 10).get("id").asText();

        // The maximum of deal-registration falls to 5 days: a 10-day request may no longer be granted.
        ObjectNode policy = accessPolicy("revert");
        ((ObjectNode) policy.get("programmes").get(0)).put("maxDays", 5);
        assertThat(ops().put("/policy", policy).status()).isEqualTo(200);
        assertRejectedBySystem(removed, "emea-erin", "regional", "5");

        // The programme leaves the policy altogether.
        String second = request("gus.gold", "deal-registration", null, 5).get("id").asText();
        ObjectNode without = accessPolicy("revert");
        ArrayNode programmes = (ArrayNode) without.get("programmes");
        programmes.remove(0);
        assertThat(ops().put("/policy", without).status()).isEqualTo(200);
        assertRejectedBySystem(second, "emea-erin", "regional", "not governed");
    }

    @Test
    void theOwnerStageFollowsThePartnersCurrentBusinessOwner() {
        String partner = partnerWith("Owner Moves", "owner-moves.example", "registered", "EMEA", "olga.oob");
        String grant = granted("olga.oob", 10);
        ObjectNode renewal = Api.object().put("days", 10).put("justification", "Still registering deals this quarter.");
        String id = ops().post("/grants/" + grant + "/renew", renewal).json().get("id").asText();

        assertThat(ops().put("/partners/" + partner, Api.object().put("businessOwner", userId("plain-user"))).status())
                .isEqualTo(200);
        JsonNode updated = evidence("type=PARTNER_UPDATED&subject=" + partner).get(0);
        assertThat(updated.at("/details/ownerStagesReassigned").asInt()).isEqualTo(1);

        assertRefused(decide("owner-olivia", id, "owner", "approve", "Old owner."), 403, "business owner");
        assertThat(as("owner-olivia").get("/requests?awaiting=me").json()).noneMatch(r -> r.get("id").asText().equals(id));
        assertThat(as("plain-user").get("/requests?awaiting=me").json()).anyMatch(r -> r.get("id").asText().equals(id));
        assertThat(approve("plain-user", id, "owner").get("status").asText()).isEqualTo("APPROVED");
    }

    @Test
    void revokingAGrantCancelsItsPendingRenewal() {
        partnerWith("Renewal Revoked", "renewal-revoked.example", "registered", "EMEA", "oscar.oob");
        String grant = granted("oscar.oob", 10);
        ObjectNode renewal = Api.object().put("days", 10).put("justification", "Still registering deals this quarter.");
        String id = ops().post("/grants/" + grant + "/renew", renewal).json().get("id").asText();

        assertThat(ops().post("/grants/" + grant + "/revoke", reason("Misuse.")).status()).isEqualTo(200);
        assertThat(ops().get("/requests/" + id).json().get("status").asText()).isEqualTo("CANCELLED");
        assertThat(ops().get("/requests?status=PENDING&user=" + userId("oscar.oob")).json()).isEmpty();
        JsonNode cancelled = evidence("type=REQUEST_CANCELLED&subject=" + id).get(0);
        assertThat(cancelled.at("/details/reason").asText()).contains("revoked");
        assertThat(ops().get("/report").json().at("/requests/pending").asInt()).isZero();
    }

    @Test
    void aServiceAccountCannotOpenRequestsThroughSelfService() {
        String partner = partnerWith("Integration Co", "integration.example", "registered", "EMEA", "lou.lapse");
        ObjectNode account = Api.object().put("name", "erp").put("purpose", "Synchronise deal registrations nightly.")
                .put("owner", userId("lou.lapse")).put("days", 10);
        JsonNode created = ops().post("/partners/" + partner + "/service-accounts", account).json();
        Api.Reply token = TokenEndpoint.post(urls.getBase(), realm.getName(), "grant_type=client_credentials&client_id="
                + Api.q(created.get("clientId").asText()) + "&client_secret=" + Api.q(created.get("secret").asText()));
        assertThat(token.status()).as(token.toString()).isEqualTo(200);
        SelfService integration = new SelfService(urls.getBase(), realm.getName(), token.text("access_token"));

        long before = evidenceCount();
        ObjectNode body = Api.object().put("role", "deal-registration").put("businessPurpose", PURPOSE).put("days", 5);
        Api.Reply reply = integration.request(body);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(403);
        assertThat(reply.text("message")).contains("POST /admin/realms/");
        assertThat(evidenceCount()).isEqualTo(before);
        assertThat(ops().get("/requests?partner=" + partner).json()).isEmpty();
    }

    @Test
    void someoneWhoMayNotDecideLearnsNothingAboutTheStageAndGrantIdsCannotBeProbed() {
        partnerWith("Probe Partner", "probe.example", "registered", "EMEA", "nora.northwind", "ned.northwind");
        String grant = granted("nora.northwind", 10);
        String decided = ops().get("/grants/" + grant).json().get("requestId").asText();
        Api.Reply outsider = decide("amer-al", decided, "regional", "approve", "Not mine to decide.");
        assertThat(outsider.status()).as(outsider.toString()).isEqualTo(403);
        assertThat(outsider.body()).doesNotContain("already decided");

        SelfService ned = new SelfService(urls.getBase(), realm.getName(), Tokens.password(urls.getBase(), realm.getName(), "ned.northwind"));
        ObjectNode body = Api.object().put("days", 5).put("justification", "Still registering deals this quarter.");
        Api.Reply someoneElses = ned.post("/me/grants/" + grant + "/renew", body);
        Api.Reply missing = ned.post("/me/grants/" + grant.replace(grant.charAt(0), grant.charAt(0) == 'a' ? 'b' : 'a') + "/renew", body);
        assertThat(someoneElses.status()).isEqualTo(404);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(someoneElses.text("error")).isEqualTo(missing.text("error"));
        assertThat(someoneElses.text("message").replaceAll("'[^']*'", "'ID'"))
                .isEqualTo(missing.text("message").replaceAll("'[^']*'", "'ID'"));
    }
}
