package dev.partneraccess.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

import com.fasterxml.jackson.databind.JsonNode;

@KeycloakIntegrationTest(config = PartnerAccessServerConfig.class)
class GrantRevocationIT extends AccessTestBase {

    @BeforeEach
    void policy() {
        useAccessPolicy("revert");
    }

    @Test
    void twoApproversDecidingTheLastStageAtOnceYieldOneGrantAndOneConflict() throws Exception {
        String[] users = {"gwen.gold", "gus.gold", "gina.goldline"};
        partnerWith("Race Partner", "race.example", "registered", "EMEA", users);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (String user : users) {
                String id = request(user, "deal-registration", null, 10).get("id").asText();
                // Both approvers hold a token before the race starts, so the two calls leave together.
                as("emea-erin").get("/requests?awaiting=me");
                as("emea-eve").get("/requests?awaiting=me");
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Api.Reply>> replies = new ArrayList<>();
                for (String approver : new String[] {"emea-erin", "emea-eve"}) {
                    replies.add(pool.submit(() -> {
                        start.await();
                        return decide(approver, id, "regional", "approve", "Race by " + approver + ".");
                    }));
                }
                start.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (Future<Api.Reply> reply : replies) {
                    statuses.add(reply.get().status());
                }
                assertThat(statuses).as("decisions on " + id).containsExactlyInAnyOrder(200, 409);
                assertThat(ops().get("/grants?user=" + userId(user)).json()).hasSize(1);
                assertThat(evidence("type=STAGE_APPROVED&subject=" + id)).hasSize(1);
                String grantId = ops().get("/requests/" + id).json().get("grantId").asText();
                assertThat(evidence("type=GRANT_ISSUED&subject=" + grantId)).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(ops().get("/evidence/verify").json().get("valid").asBoolean()).isTrue();
    }

    @Test
    void revokingAGrantRemovesTheRoleAndEndsTheSessionsSoNoRefreshKeepsIt() {
        partnerWith("Revoke Partner", "revoke.example", "registered", "EMEA", "ria.registered");
        String ria = userId("ria.registered");
        String grantId = granted("ria.registered");
        JsonNode tokens = login("ria.registered");
        assertThat(payload(tokens.get("access_token").asText()).at("/realm_access/roles").toString()).contains("deal-registration");
        String refreshToken = tokens.get("refresh_token").asText();
        assertThat(UserSessions.refresh(urls.getBase(), realm.getName(), refreshToken)).isEqualTo(200);

        assertRefused(ops().post("/grants/" + grantId + "/revoke", Api.object()), 400, "reason");
        assertRefused(as("viewer").post("/grants/" + grantId + "/revoke", reason("no")), 403, "manage-users");
        assertRefused(ops().post("/grants/no-such-grant/revoke", reason("no")), 404, "no-such-grant");
        Api.Reply revoked = ops().post("/grants/" + grantId + "/revoke", reason("Deal registration misuse."));
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        assertThat(revoked.json().get("status").asText()).isEqualTo("REVOKED");
        assertThat(revoked.json().get("revokedReason").asText()).isEqualTo("Deal registration misuse.");
        assertRefused(ops().post("/grants/" + grantId + "/revoke", reason("again")), 409, "REVOKED");

        assertThat(UserSessions.refresh(urls.getBase(), realm.getName(), refreshToken)).isEqualTo(400);
        JsonNode token = accessToken("ria.registered");
        assertThat(token.at("/realm_access/roles").toString()).doesNotContain("deal-registration");
        assertThat(token.get("partner_access")).isEmpty();
        assertThat(realm.admin().users().get(ria).roles().realmLevel().listAll()).extracting(r -> r.getName())
                .doesNotContain("deal-registration");
        JsonNode record = evidence("type=GRANT_REVOKED&subject=" + grantId).get(0);
        assertThat(record.at("/details/reason").asText()).isEqualTo("Deal registration misuse.");
        assertThat(record.at("/details/user").asText()).isEqualTo(ria);
        assertThat(record.at("/details/role").asText()).isEqualTo("deal-registration");
        assertThat(record.at("/details/sessionsEnded").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(evidence("type=OUT_OF_BAND_GRANT_REVERTED&subject=" + ria)).isEmpty();
        assertThat(ops().get("/grants?status=REVOKED&user=" + ria).json()).hasSize(1);
    }

    @Test
    void unmappingAMemberAndOffboardingAPartnerRevokeTheirGrants() {
        String partner = partnerWith("Leaving Partner", "leaving.example", "registered", "EMEA", "nora.northwind", "ned.northwind");
        String noraGrant = granted("nora.northwind");
        String nedGrant = granted("ned.northwind");

        assertThat(ops().delete("/partners/" + partner + "/members/" + userId("nora.northwind")).status()).isEqualTo(204);
        assertThat(ops().get("/grants/" + noraGrant).json().get("status").asText()).isEqualTo("REVOKED");
        assertThat(ops().get("/grants/" + nedGrant).json().get("status").asText()).isEqualTo("ACTIVE");
        assertThat(accessToken("nora.northwind").at("/realm_access/roles").toString()).doesNotContain("deal-registration");

        assertThat(ops().post("/partners/" + partner + "/offboard", reason("Contract ended.")).status()).isEqualTo(200);
        JsonNode ned = ops().get("/grants/" + nedGrant).json();
        assertThat(ned.get("status").asText()).isEqualTo("REVOKED");
        assertThat(ned.get("revokedReason").asText()).contains("Contract ended.");
        assertThat(realm.admin().users().get(userId("ned.northwind")).roles().realmLevel().listAll())
                .extracting(r -> r.getName()).doesNotContain("deal-registration");
        assertThat(ops().get("/grants?status=ACTIVE&partner=" + partner).json()).isEmpty();
        assertThat(evidence("type=PARTNER_OFFBOARDED&subject=" + partner).get(0).at("/details/grantsRevoked").asInt()).isEqualTo(1);
    }

    private String granted(String username) {
        return granted(username, 10);
    }
}
