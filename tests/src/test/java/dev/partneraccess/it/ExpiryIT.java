package dev.partneraccess.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.mail.internet.MimeMessage;

/** Time-bound access: the expiry sweep, request time-outs, renewal, notices, and what offboarding takes away. */
@KeycloakIntegrationTest(config = PartnerAccessServerConfig.class)
class ExpiryIT extends AccessTestBase {

    private static final long DAY = 24 * 3600;

    @BeforeEach
    void policy() {
        useAccessPolicy("revert");
    }

    /** The user's direct realm roles, read through Keycloak's admin API as the realm's ops admin. */
    private List<String> realmRolesOf(String username) {
        Api.Reply reply = ops().send("GET", "/../users/" + userId(username) + "/role-mappings/realm", null, "application/json");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json().findValuesAsText("name");
    }

    private JsonNode grant(String id) {
        return ops().get("/grants/" + id).json();
    }

    @Test
    void aGrantPastItsEndIsExpiredByTheSweepAndItsRoleIsGone() {
        partnerWith("Expiring Partner", "expiring.example", "registered", "EMEA", "nora.northwind");
        String grantId = granted("nora.northwind", 10);
        assertThat(realmRolesOf("nora.northwind")).contains("deal-registration");
        sweep();
        assertThat(grant(grantId).get("status").asText()).as("not due yet").isEqualTo("ACTIVE");

        serverClock(11 * DAY);
        JsonNode result = sweep();
        assertThat(result.get("expired").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(result.has("durationMs")).isTrue();
        JsonNode expired = grant(grantId);
        assertThat(expired.get("status").asText()).isEqualTo("EXPIRED");
        assertThat(realmRolesOf("nora.northwind")).doesNotContain("deal-registration");
        assertThat(accessToken("nora.northwind").at("/realm_access/roles").toString()).doesNotContain("deal-registration");

        List<JsonNode> records = evidence("type=GRANT_EXPIRED&subject=" + grantId);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).get("actor").asText()).isEqualTo("system");
        assertThat(records.get(0).at("/details/user").asText()).isEqualTo(userId("nora.northwind"));
        assertThat(records.get(0).at("/details/role").asText()).isEqualTo("deal-registration");
        assertThat(records.get(0).at("/details/roleMappingRemoved").asBoolean()).isTrue();
        sweep();
        assertThat(evidence("type=GRANT_EXPIRED&subject=" + grantId)).as("a second sweep repeats nothing").hasSize(1);
        assertThat(ops().get("/evidence/verify").json().get("valid").asBoolean()).isTrue();
    }

    @Test
    void aSweepStoppedBetweenBatchesAndRunAgainEndsAsOneRunWould() {
        String[] users = {"gwen.gold", "gus.gold", "gina.goldline", "gary.goldline", "ria.registered"};
        partnerWith("Batch Partner", "batch.example", "registered", "EMEA", users);
        List<String> grants = new ArrayList<>();
        for (String user : users) {
            grants.add(granted(user, 20));
        }
        serverClock(21 * DAY);
        // Batches of two (the test server's setting): one batch, as if the node died after it, then the rest.
        int expiredBefore = evidence("type=GRANT_EXPIRED").size();
        assertThat(ops().post("/sweep?maxBatches=1", null).json().get("expired").asInt()).isEqualTo(2);
        assertThat(evidence("type=GRANT_EXPIRED").size()).isEqualTo(expiredBefore + 2);
        sweep();
        sweep();
        for (String id : grants) {
            assertThat(grant(id).get("status").asText()).isEqualTo("EXPIRED");
            assertThat(evidence("type=GRANT_EXPIRED&subject=" + id)).hasSize(1);
        }
        for (String user : users) {
            assertThat(realmRolesOf(user)).doesNotContain("deal-registration");
        }
        assertRefused(ops().post("/sweep?maxBatches=0", null), 400, "maxBatches");
        assertRefused(as("viewer").post("/sweep", null), 403, "manage-users");
    }

    @Test
    void twoSweepsAtOnceExpireEachGrantOnce() throws Exception {
        String[] users = {"cora.concurrent", "cole.concurrent", "cleo.concurrent", "carl.concurrent", "cy.concurrent",
                "cass.concurrent", "cal.concurrent"};
        for (String user : users) {
            org.keycloak.representations.idm.UserRepresentation representation = new org.keycloak.representations.idm.UserRepresentation();
            representation.setUsername(user);
            representation.setEnabled(true);
            realm().admin().users().create(representation).close();
        }
        partnerWith("Concurrent Partner", "concurrent.example", "registered", "EMEA", users);
        List<String> grants = new ArrayList<>();
        for (String user : users) {
            grants.add(granted(user, 20));
        }
        serverClock(21 * DAY);
        // Batches of two: each sweep runs several batches two at a time, and the two sweeps race for the same grants.
        Api ops = ops();
        var first = java.util.concurrent.CompletableFuture.supplyAsync(() -> ops.post("/sweep", null));
        var second = java.util.concurrent.CompletableFuture.supplyAsync(() -> ops.post("/sweep", null));
        Api.Reply one = first.get();
        Api.Reply two = second.get();
        assertThat(one.status()).as(one.toString()).isEqualTo(200);
        assertThat(two.status()).as(two.toString()).isEqualTo(200);
        assertThat(one.json().get("expired").asInt() + two.json().get("expired").asInt()).isGreaterThanOrEqualTo(users.length);
        for (String id : grants) {
            assertThat(grant(id).get("status").asText()).isEqualTo("EXPIRED");
            assertThat(evidence("type=GRANT_EXPIRED&subject=" + id)).as("expired once: " + id).hasSize(1);
        }
        for (String user : users) {
            assertThat(realmRolesOf(user)).doesNotContain("deal-registration");
        }
        assertThat(ops().get("/evidence/verify").json().get("valid").asBoolean()).isTrue();
    }

    @Test
    void aRequestNobodyDecidesTimesOut() {
        partnerWith("Slow Partner", "slow.example", "gold", "EMEA", "sam.summit");
        String id = request("sam.summit", "pricing-api", "partner-api", 10).get("id").asText();
        approve("legal-lee", id, "legal");
        serverClock(13 * DAY);
        sweep();
        assertThat(ops().get("/requests/" + id).json().get("status").asText()).as("14 days not reached").isEqualTo("PENDING");

        serverClock(15 * DAY);
        sweep();
        JsonNode timedOut = ops().get("/requests/" + id).json();
        assertThat(timedOut.get("status").asText()).isEqualTo("TIMED_OUT");
        assertThat(stages(timedOut)).containsExactly(java.util.Map.entry("legal", "APPROVED"),
                java.util.Map.entry("security", "SKIPPED"), java.util.Map.entry("regional", "SKIPPED"));
        JsonNode record = evidence("type=REQUEST_TIMED_OUT&subject=" + id).get(0);
        assertThat(record.at("/details/undecidedStages").toString()).contains("security").contains("regional");
        assertThat(record.get("actor").asText()).isEqualTo("system");
        assertRefused(decide("sec-sam", id, "security", "approve", null), 409, "TIMED_OUT");
    }

    @Test
    void theBusinessOwnerRenewsOrRefusesAndARenewalCannotReviveAnExpiredGrant() {
        String partner = partnerWith("Renewing Partner", "renewing.example", "registered", "EMEA", "ned.northwind", "lou.lapse");
        String grantId = granted("ned.northwind", 10);
        Instant before = Instant.parse(grant(grantId).get("expiresAt").asText());

        assertRefused(ops().post("/grants/" + grantId + "/renew", renewal(31)), 400, "at most 30");
        Api.Reply opened = ops().post("/grants/" + grantId + "/renew", renewal(25));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        JsonNode renewal = opened.json();
        assertThat(renewal.get("type").asText()).isEqualTo("RENEWAL");
        assertThat(renewal.get("grantId").asText()).isEqualTo(grantId);
        assertThat(stages(renewal)).containsExactly(java.util.Map.entry("owner", "PENDING"));
        assertRefused(ops().post("/grants/" + grantId + "/renew", renewal(20)), 409, renewal.get("id").asText());
        assertRefused(decide("emea-erin", renewal.get("id").asText(), "owner", "approve", null), 403, "business owner");
        assertThat(as("owner-olivia").get("/requests?awaiting=me").json().findValuesAsText("id")).contains(renewal.get("id").asText());

        serverClock(2 * DAY);
        JsonNode approved = approve("owner-olivia", renewal.get("id").asText(), "owner");
        assertThat(approved.get("status").asText()).isEqualTo("APPROVED");
        Instant after = Instant.parse(grant(grantId).get("expiresAt").asText());
        assertThat(after).isAfter(before);
        assertThat(after).isBetween(Instant.now().plus(27, ChronoUnit.DAYS).minusSeconds(120), Instant.now().plus(27, ChronoUnit.DAYS).plusSeconds(120));
        JsonNode renewed = evidence("type=GRANT_RENEWED&subject=" + grantId).get(0);
        assertThat(Instant.parse(renewed.at("/details/oldExpiresAt").asText())).isEqualTo(before);
        assertThat(Instant.parse(renewed.at("/details/newExpiresAt").asText())).isEqualTo(after);
        assertThat(renewed.get("partner").asText()).isEqualTo(partner);

        String refused = ops().post("/grants/" + grantId + "/renew", renewal(10)).json().get("id").asText();
        assertRefused(decide("owner-olivia", refused, "owner", "reject", null), 400, "justification");
        assertThat(decide("owner-olivia", refused, "owner", "reject", "No pipeline this quarter.").json().get("status").asText())
                .isEqualTo("REJECTED");
        assertThat(Instant.parse(grant(grantId).get("expiresAt").asText())).isEqualTo(after);

        // A grant that ends while its renewal waits expires; approving the renewal then is refused.
        String shortGrant = granted("lou.lapse", 3);
        String late = ops().post("/grants/" + shortGrant + "/renew", renewal(10)).json().get("id").asText();
        serverClock(6 * DAY);
        sweep();
        assertThat(grant(shortGrant).get("status").asText()).isEqualTo("EXPIRED");
        assertRefused(decide("owner-olivia", late, "owner", "approve", null), 409, "EXPIRED");
        assertThat(ops().get("/requests/" + late).json().get("status").asText()).isEqualTo("PENDING");
        assertRefused(ops().post("/grants/" + shortGrant + "/renew", renewal(10)), 409, "EXPIRED");
        assertThat(evidence("type=GRANT_RENEWED&subject=" + shortGrant)).isEmpty();
    }

    @Test
    void holderAndBusinessOwnerAreToldOnceAtEachNoticeThreshold() throws Exception {
        partnerWith("Notice Partner", "notice.example", "registered", "EMEA", "oscar.oob");
        String grantId = granted("oscar.oob", 10);
        sweep();
        sweep();
        // Ten days left: inside the 14-day threshold, told once however often the sweep runs.
        MimeMessage first = mail.oneTo("oscar-oob@users.example", grantId);
        assertThat(first.getSubject()).contains("within 14 days").contains("deal-registration");
        mail.oneTo("owner-olivia@users.example", grantId);
        assertThat(evidence("type=EXPIRY_NOTICE_SENT&subject=" + grantId)).hasSize(1);

        serverClock(9 * DAY + 12 * 3600);
        sweep();
        sweep();
        List<JsonNode> notices = evidence("type=EXPIRY_NOTICE_SENT&subject=" + grantId);
        assertThat(notices).extracting(n -> n.at("/details/thresholdDays").asInt()).containsExactly(14, 1);
        assertThat(notices.get(1).at("/details/recipients").toString()).contains("oscar-oob@users.example")
                .contains("owner-olivia@users.example");
        assertThat(mail.awaitCount("oscar-oob@users.example", grantId, 2)).hasSize(2);
        assertThat(mail.to("oscar-oob@users.example", grantId).stream().filter(m -> {
            try {
                return m.getSubject().contains("within 1 day");
            } catch (Exception e) {
                return false;
            }
        })).hasSize(1);
    }

    @Test
    void offboardingTakesEveryGrantAndPendingRequestOfEveryMember() {
        String[] members = {"olga.oob", "paul.partner", "sid.silver"};
        String partner = partnerWith("Offboarded Partner", "offboarded.example", "silver", "EMEA", members);
        List<String> grants = new ArrayList<>();
        for (String member : members) {
            grants.add(granted(member, 10));
            ObjectNode self = requestBody(userId(member), AccessRealm.SELF_SERVICE_ROLE, null, 5);
            grants.add(ops().post("/requests", self).json().get("grantId").asText());
        }
        String pending = request("olga.oob", "co-marketing-assets", "brand-portal", 10).get("id").asText();
        String olgaRefresh = login("olga.oob").get("refresh_token").asText();

        assertThat(ops().post("/partners/" + partner + "/offboard", reason("Partnership ended.")).status()).isEqualTo(200);
        for (String id : grants) {
            JsonNode g = grant(id);
            assertThat(g.get("status").asText()).isEqualTo("REVOKED");
            assertThat(g.get("revokedReason").asText()).contains("Partnership ended.");
            assertThat(evidence("type=GRANT_REVOKED&subject=" + id)).hasSize(1);
        }
        for (String member : members) {
            assertThat(realmRolesOf(member)).doesNotContain("deal-registration", AccessRealm.SELF_SERVICE_ROLE);
        }
        assertThat(ops().get("/requests/" + pending).json().get("status").asText()).isEqualTo("CANCELLED");
        assertThat(UserSessions.refresh(urls.getBase(), realm.getName(), olgaRefresh)).isEqualTo(400);
        JsonNode offboarded = evidence("type=PARTNER_OFFBOARDED&subject=" + partner).get(0);
        assertThat(offboarded.at("/details/grantsRevoked").asInt()).isEqualTo(6);
        assertThat(offboarded.at("/details/requestsCancelled").asInt()).isEqualTo(1);
        assertThat(offboarded.at("/details/sessionsEnded").asInt()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void removingAMemberThroughKeycloaksOwnOrganizationApiRevokesTheirGrants() {
        String partner = partnerWith("Org API Partner", "org-api.example", "registered", "EMEA", "sue.summit");
        String grantId = granted("sue.summit", 10);
        Api.Reply removedThere = ops().send("DELETE", "/../organizations/" + partner + "/members/" + userId("sue.summit"), null,
                "application/json");
        assertThat(removedThere.status()).as(removedThere.toString()).isEqualTo(204);
        assertThat(grant(grantId).get("status").asText()).isEqualTo("REVOKED");
        assertThat(realmRolesOf("sue.summit")).doesNotContain("deal-registration");
        JsonNode removed = evidence("type=MEMBER_REMOVED&subject=" + userId("sue.summit")).get(0);
        assertThat(removed.at("/details/via").asText()).isEqualTo("keycloak-admin");
        assertThat(removed.at("/details/grantsRevoked").asInt()).isEqualTo(1);
    }

    private static ObjectNode renewal(int days) {
        ObjectNode body = Api.object();
        body.put("days", days);
        body.put("justification", "Pipeline of five deals continues into the next quarter.");
        return body;
    }
}
