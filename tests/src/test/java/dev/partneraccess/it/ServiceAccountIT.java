package dev.partneraccess.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A partner's integration as a governed non-human identity: owned, approved, time-bound, rotated, revoked with it. */
@KeycloakIntegrationTest(config = PartnerAccessServerConfig.class)
class ServiceAccountIT extends AccessTestBase {

    private static final long DAY = 24 * 3600;

    @BeforeEach
    void policy() {
        useAccessPolicy("revert");
    }

    private ObjectNode serviceAccount(String name, String owner, int days) {
        ObjectNode body = Api.object();
        body.put("name", name);
        body.put("purpose", "Synchronise deal registrations from the partner's ERP every night.");
        body.put("owner", userId(owner));
        body.put("days", days);
        return body;
    }

    private JsonNode create(String partner, String name, String owner, int days) {
        Api.Reply created = ops().post("/partners/" + partner + "/service-accounts", serviceAccount(name, owner, days));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    private Api.Reply clientCredentials(String clientId, String secret) {
        return TokenEndpoint.post(urls.getBase(), realm.getName(), "grant_type=client_credentials&client_id=" + Api.q(clientId)
                + "&client_secret=" + Api.q(secret));
    }

    private String serviceUser(String clientUuid) {
        return realm.admin().clients().get(clientUuid).getServiceAccountUser().getId();
    }

    private JsonNode inventoryEntry(String partner, String id) {
        for (JsonNode account : ops().get("/partners/" + partner + "/service-accounts").json()) {
            if (account.get("id").asText().equals(id)) {
                return account;
            }
        }
        throw new AssertionError("no service account " + id);
    }

    @Test
    void aServiceAccountIsApprovedLikeAPersonAndGoesWithItsPartner() {
        String partner = partnerWith("Integrator", "integrator.example", "registered", "EMEA", "nora.northwind");
        JsonNode account = create(partner, "erp-sync", "nora.northwind", 20);
        String id = account.get("id").asText();
        String clientId = account.get("clientId").asText();
        String secret = account.get("secret").asText();
        assertThat(clientId).startsWith("partner-").endsWith("-erp-sync");
        assertThat(account.get("enabled").asBoolean()).isTrue();
        assertThat(account.get("owner").asText()).isEqualTo(userId("nora.northwind"));

        Api.Reply first = clientCredentials(clientId, secret);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(payload(first.text("access_token")).at("/realm_access/roles").toString()).doesNotContain("deal-registration");
        JsonNode used = inventoryEntry(partner, id);
        assertThat(used.get("lastUsedAt").isNull()).isFalse();
        assertThat(used.has("secret")).isFalse();
        // A burst of logins writes the time once (within the hour it is left alone).
        for (int i = 0; i < 200; i++) {
            assertThat(clientCredentials(clientId, secret).status()).isEqualTo(200);
        }
        assertThat(inventoryEntry(partner, id).get("lastUsedAt").asText()).isEqualTo(used.get("lastUsedAt").asText());

        // A governed role for the service account: the programme's regional stage plus the non-human security stage.
        JsonNode request = ops().post("/requests", requestBody(serviceUser(id), "deal-registration", null, 10)).json();
        assertThat(stages(request)).containsExactly(java.util.Map.entry("regional", "PENDING"), java.util.Map.entry("security", "PENDING"));
        assertThat(approve("emea-erin", request.get("id").asText(), "regional").get("status").asText()).isEqualTo("PENDING");
        String grantId = approve("sec-sam", request.get("id").asText(), "security").get("grantId").asText();
        assertThat(payload(clientCredentials(clientId, secret).text("access_token")).at("/realm_access/roles").toString())
                .contains("deal-registration");

        // Suspension turns it off, reactivation back on; offboarding for good, with its grants.
        assertThat(ops().post("/partners/" + partner + "/suspend", reason("Audit.")).status()).isEqualTo(200);
        assertThat(clientCredentials(clientId, secret).status()).isNotEqualTo(200);
        assertThat(evidence("type=SERVICE_ACCOUNT_DISABLED&subject=" + id)).hasSize(1);
        assertThat(ops().post("/partners/" + partner + "/reactivate", reason("Audit closed.")).status()).isEqualTo(200);
        assertThat(clientCredentials(clientId, secret).status()).isEqualTo(200);
        assertThat(evidence("type=SERVICE_ACCOUNT_ENABLED&subject=" + id)).hasSize(1);

        // Rotation: the old secret stops, the new one works, and no secret is ever in the ledger or a read.
        Api.Reply rotated = ops().post("/service-accounts/" + id + "/rotate", null);
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        String newSecret = rotated.text("secret");
        assertThat(newSecret).isNotEqualTo(secret);
        assertThat(clientCredentials(clientId, secret).status()).isNotEqualTo(200);
        assertThat(clientCredentials(clientId, newSecret).status()).isEqualTo(200);
        assertThat(evidence("type=SERVICE_ACCOUNT_SECRET_ROTATED&subject=" + id)).hasSize(1);
        String ledger = ops().send("GET", "/evidence/export", null, "application/x-ndjson").body();
        assertThat(ledger).doesNotContain(secret).doesNotContain(newSecret);
        assertThat(ops().get("/partners/" + partner + "/service-accounts").body()).doesNotContain(newSecret);

        assertThat(ops().post("/partners/" + partner + "/offboard", reason("Contract ended.")).status()).isEqualTo(200);
        assertThat(clientCredentials(clientId, newSecret).status()).isNotEqualTo(200);
        assertThat(ops().get("/grants/" + grantId).json().get("status").asText()).isEqualTo("REVOKED");
        assertThat(inventoryEntry(partner, id).get("enabled").asBoolean()).isFalse();
        assertThat(ops().post("/partners/" + partner + "/reactivate", reason("no")).status()).isEqualTo(409);
    }

    @Test
    void theSweepDisablesAServiceAccountPastItsEndOrWithASecretTooOld() {
        String partner = partnerWith("Aging Integrator", "aging.example", "registered", "EMEA", "ned.northwind");
        JsonNode shortLived = create(partner, "short", "ned.northwind", 5);
        JsonNode longLived = create(partner, "long", "ned.northwind", 20);
        String grantId = granted(userNameOf(serviceUser(shortLived.get("id").asText())), 10, "sec-sam");

        serverClock(6 * DAY);
        JsonNode first = sweep();
        assertThat(first.get("serviceAccountsDisabled").asInt()).isEqualTo(1);
        assertThat(first.get("revoked").asInt()).isEqualTo(1);
        assertThat(clientCredentials(shortLived.get("clientId").asText(), shortLived.get("secret").asText()).status()).isNotEqualTo(200);
        assertThat(clientCredentials(longLived.get("clientId").asText(), longLived.get("secret").asText()).status()).isEqualTo(200);
        JsonNode expired = evidence("type=SERVICE_ACCOUNT_EXPIRED&subject=" + shortLived.get("id").asText()).get(0);
        assertThat(expired.at("/details/disabledBy").asText()).isEqualTo("EXPIRY");
        assertThat(expired.get("actor").asText()).isEqualTo("system");
        assertThat(ops().get("/grants/" + grantId).json().get("status").asText()).isEqualTo("REVOKED");

        // The tier lets a secret live 10 days: on day 11 the long-lived account stops too, until rotated and renewed.
        serverClock(11 * DAY);
        sweep();
        JsonNode aged = evidence("type=SERVICE_ACCOUNT_EXPIRED&subject=" + longLived.get("id").asText()).get(0);
        assertThat(aged.at("/details/disabledBy").asText()).isEqualTo("SECRET_AGE");
        assertThat(clientCredentials(longLived.get("clientId").asText(), longLived.get("secret").asText()).status()).isNotEqualTo(200);
        sweep();
        assertThat(evidence("type=SERVICE_ACCOUNT_EXPIRED&partner=" + partner)).hasSize(2);
    }

    @Test
    void theOwnerIsToldBeforeTheEndAndBeforeTheSecretIsTooOld() throws Exception {
        String partner = partnerWith("Noticed Integrator", "noticed.example", "registered", "EMEA", "gary.goldline");
        JsonNode account = create(partner, "feed", "gary.goldline", 20);
        String id = account.get("id").asText();
        String clientId = account.get("clientId").asText();
        String owner = "gary-goldline@users.example";

        // The tier lets a secret live 10 days: inside the 14-day threshold from the start.
        sweep();
        sweep();
        assertThat(mail.oneTo(owner, clientId).getSubject()).isEqualTo("Rotate the secret of " + clientId + " within 14 days");
        assertThat(evidence("type=EXPIRY_NOTICE_SENT&subject=" + id)).hasSize(1);

        // A week later the account's end (20 days) is within 14 days too.
        serverClock(7 * DAY);
        sweep();
        assertThat(mail.awaitCount(owner, clientId, 2)).extracting(m -> m.getSubject())
                .contains("Service account " + clientId + " ends within 14 days");
        assertThat(evidence("type=EXPIRY_NOTICE_SENT&subject=" + id)).extracting(r -> r.at("/details/kind").asText())
                .containsExactly("serviceAccountSecret", "serviceAccountExpiry");

        // A rotation starts the secret's clock again, and its next deadline is announced afresh.
        assertThat(ops().post("/service-accounts/" + id + "/rotate", null).status()).isEqualTo(200);
        sweep();
        assertThat(evidence("type=EXPIRY_NOTICE_SENT&subject=" + id)).extracting(r -> r.at("/details/kind").asText())
                .containsExactly("serviceAccountSecret", "serviceAccountExpiry", "serviceAccountSecret");
    }

    @Test
    void theBusinessOwnerRenewsAServiceAccount() {
        String partner = partnerWith("Renewing Integrator", "renewing-integrator.example", "registered", "EMEA", "lou.lapse");
        JsonNode account = create(partner, "feed", "lou.lapse", 10);
        String id = account.get("id").asText();
        ObjectNode renewal = Api.object();
        renewal.put("days", 25);
        renewal.put("justification", "The nightly feed keeps the deal pipeline in sync.");
        Api.Reply opened = ops().post("/service-accounts/" + id + "/renew", renewal);
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        assertThat(stages(opened.json())).containsExactly(java.util.Map.entry("owner", "PENDING"));
        assertThat(opened.json().get("serviceAccount").asText()).isEqualTo(id);
        approve("owner-olivia", opened.text("id"), "owner");
        JsonNode renewed = evidence("type=SERVICE_ACCOUNT_RENEWED&subject=" + id).get(0);
        assertThat(java.time.Instant.parse(renewed.at("/details/newExpiresAt").asText()))
                .isAfter(java.time.Instant.parse(renewed.at("/details/oldExpiresAt").asText()).plusSeconds(14 * DAY));
        assertThat(inventoryEntry(partner, id).get("expiresAt").asText()).isEqualTo(renewed.at("/details/newExpiresAt").asText());
    }

    @Test
    void badServiceAccountsAreRefusedAndCreateNothing() {
        String partner = partnerWith("Careful Integrator", "careful.example", "registered", "EMEA", "gwen.gold");
        create(partner, "taken", "gwen.gold", 5);
        long records = evidenceCount();
        assertRefused(ops().post("/partners/no-such-partner/service-accounts", serviceAccount("x", "gwen.gold", 5)), 404, "no-such-partner");
        assertRefused(ops().post("/partners/" + partner + "/service-accounts", serviceAccount("x", "plain-user", 5)), 400, "member");
        assertRefused(ops().post("/partners/" + partner + "/service-accounts", serviceAccount("taken", "gwen.gold", 5)), 409, "already exists");
        assertRefused(ops().post("/partners/" + partner + "/service-accounts", serviceAccount("x", "gwen.gold", 31)), 400, "at most 30");
        assertRefused(ops().post("/partners/" + partner + "/service-accounts", serviceAccount("Bad Name!", "gwen.gold", 5)), 400, "name");
        ObjectNode vague = serviceAccount("x", "gwen.gold", 5);
        vague.put("purpose", "sync");
        assertRefused(ops().post("/partners/" + partner + "/service-accounts", vague), 400, "purpose");
        assertRefused(as("viewer").post("/partners/" + partner + "/service-accounts", serviceAccount("x", "gwen.gold", 5)), 403, "manage-users");
        assertThat(ops().get("/partners/" + partner + "/service-accounts").json()).hasSize(1);
        assertThat(evidenceCount()).isEqualTo(records);
        assertThat(realm.admin().clients().findByClientId("partner-careful-integrator-x")).isEmpty();
    }

    private String userNameOf(String userId) {
        return realm.admin().users().get(userId).toRepresentation().getUsername();
    }

    /** Requests deal-registration for the (service account) user, approved by the regional and security approvers. */
    private String granted(String username, int days, String securityApprover) {
        String id = ops().post("/requests", requestBody(userId(username), "deal-registration", null, days)).json().get("id").asText();
        approve("emea-erin", id, "regional");
        return approve(securityApprover, id, "security").get("grantId").asText();
    }
}
