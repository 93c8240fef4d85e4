package dev.partneraccess.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.realm.ManagedRealm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Tests of requests, decisions and grants: a realm with approvers, and helpers that speak the request API. */
abstract class AccessTestBase extends PartnerAccessTestBase {

    static final String PURPOSE = "Quote partner pricing to enterprise customers in the EMEA region.";

    @InjectRealm(config = AccessRealm.class)
    ManagedRealm realm;

    /** The SMTP server the realm's settings point at, so every mail the server sends arrives somewhere real. */
    static Mailbox mail;

    @org.junit.jupiter.api.BeforeAll
    static void startMailServer() {
        mail = new Mailbox(AccessRealm.SMTP_PORT);
    }

    @org.junit.jupiter.api.AfterAll
    static void stopMailServer() {
        mail.close();
    }

    @Override
    ManagedRealm realm() {
        return realm;
    }

    /** The example policy plus a self-service programme (no stages), as the tests' policy. */
    static ObjectNode accessPolicy(String outOfBand) {
        ObjectNode policy = examplePolicy();
        ObjectNode selfService = policy.withArray("programmes").addObject();
        selfService.put("role", AccessRealm.SELF_SERVICE_ROLE);
        selfService.putArray("stages");
        selfService.put("minTier", "registered");
        policy.put("outOfBand", outOfBand);
        // Non-human beneficiaries also need the security stage; a registered partner's secrets live at most 10 days.
        policy.putArray("serviceAccountStages").add("security");
        ((ObjectNode) policy.get("tiers").get(0)).put("secretMaxDays", 10);
        return policy;
    }

    void useAccessPolicy(String outOfBand) {
        Api.Reply reply = ops().put("/policy", accessPolicy(outOfBand));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    }

    /** Creates a partner and maps the users to it; answers the partner id. */
    String partnerWith(String name, String domain, String tier, String region, String... usernames) {
        String partner = createPartner(name, domain, tier, region).get("id").asText();
        for (String username : usernames) {
            ObjectNode member = Api.object();
            member.put("username", username);
            Api.Reply added = ops().post("/partners/" + partner + "/members", member);
            assertThat(added.status()).as(added.toString()).isEqualTo(201);
        }
        return partner;
    }

    static ObjectNode requestBody(String userId, String role, String client, int days) {
        ObjectNode body = Api.object();
        body.put("user", userId);
        body.put("role", role);
        if (client != null) {
            body.put("client", client);
        }
        body.put("businessPurpose", PURPOSE);
        body.put("days", days);
        return body;
    }

    /** Opens a request as ops-admin and answers it. */
    JsonNode request(String username, String role, String client, int days) {
        Api.Reply reply = ops().post("/requests", requestBody(userId(username), role, client, days));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json();
    }

    Api.Reply decide(String approver, String requestId, String stage, String decision, String justification) {
        ObjectNode body = Api.object();
        body.put("stage", stage);
        body.put("decision", decision);
        if (justification != null) {
            body.put("justification", justification);
        }
        return as(approver).post("/requests/" + requestId + "/decision", body);
    }

    JsonNode approve(String approver, String requestId, String stage) {
        Api.Reply reply = decide(approver, requestId, stage, "approve", "Checked by " + approver + ".");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    /** The user's tokens from the portal client's direct grant. */
    JsonNode login(String username) {
        Api.Reply reply = TokenEndpoint.post(urls.getBase(), realm().getName(), "grant_type=password&client_id="
                + PartnersRealm.PORTAL + "&username=" + Api.q(username) + "&password=" + Api.q(PartnersRealm.PASSWORD));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    static JsonNode payload(String jwt) {
        try {
            return Api.JSON.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    JsonNode accessToken(String username) {
        return payload(login(username).get("access_token").asText());
    }

    static java.util.List<java.util.Map.Entry<String, String>> stages(JsonNode request) {
        java.util.List<java.util.Map.Entry<String, String>> stages = new java.util.ArrayList<>();
        request.get("stages").forEach(s -> stages.add(java.util.Map.entry(s.get("stage").asText(), s.get("status").asText())));
        return stages;
    }

    static void assertRefused(Api.Reply reply, int status, String messagePart) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.text("message")).as(reply.toString()).contains(messagePart);
    }

    /** Requests deal-registration for the user and has the regional (EMEA) approver approve it; answers the grant id. */
    String granted(String username, int days) {
        String id = request(username, "deal-registration", null, days).get("id").asText();
        return approve("emea-erin", id, "regional").get("grantId").asText();
    }

    JsonNode sweep() {
        Api.Reply reply = ops().post("/sweep", null);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }
}
