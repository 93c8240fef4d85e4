package dev.partneraccess.it;

import java.util.function.Consumer;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

@KeycloakIntegrationTest(config = PartnerAccessServerConfig.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PolicyIT extends RegistryTestBase {

    @Test
    @Order(1)
    void aRealmWithoutPolicyAnswers404() {
        Api.Reply reply = ops().get("/policy");
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.text("message")).contains("PUT /policy");
    }

    @Test
    @Order(2)
    void thePolicyRoundTripsAndEveryPutIsANewVersion() {
        ObjectNode policy = examplePolicy();
        Api.Reply first = ops().put("/policy", policy);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().get("version").asInt()).isEqualTo(1);
        assertThat(first.json().get("updatedBy").asText()).isEqualTo(userId("ops-admin"));
        assertThat(first.json().get("updatedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

        JsonNode stored = ops().get("/policy").json();
        ObjectNode withoutMeta = stored.deepCopy();
        withoutMeta.remove(java.util.List.of("version", "updatedAt", "updatedBy"));
        assertThat(withoutMeta).isEqualTo(policy);
        assertThat(stored.get("version").asInt()).isEqualTo(1);

        ObjectNode echoed = stored.deepCopy();
        echoed.put("version", 99);
        echoed.put("requestTimeoutDays", 7);
        Api.Reply second = ops().put("/policy", echoed);
        assertThat(second.json().get("version").asInt()).isEqualTo(2);
        assertThat(ops().get("/policy").json().get("requestTimeoutDays").asInt()).isEqualTo(7);
        assertThat(ops().get("/policy").json().get("version").asInt()).isEqualTo(2);
    }

    @Test
    @Order(3)
    void eachValidationRuleRejectsWhatItShouldAndKeepsTheCurrentVersion() {
        ensurePolicy();
        JsonNode before = ops().get("/policy").json();

        rejects("tiers[1].name", p -> tier(p, 1).put("name", "registered"));
        rejects("tiers[1].rank", p -> tier(p, 1).put("rank", 1));
        rejects("tiers[0].maxGrantDays", p -> tier(p, 0).put("maxGrantDays", 0));
        rejects("tiers[0].maxGrantDays", p -> tier(p, 0).put("maxGrantDays", "thirty"));
        rejects("tiers[0].requiredActions", p -> ((ArrayNode) tier(p, 0).get("requiredActions")).add("fly-to-the-moon"));
        rejects("tiers[0].attestationDays", p -> tier(p, 0).remove("attestationDays"));
        rejects("tiers", p -> p.putArray("tiers"));
        rejects("agreement", p -> p.remove("agreement"));
        rejects("agreement.url", p -> ((ObjectNode) p.get("agreement")).put("url", "not a url"));
        rejects("stages.finance", p -> ((ObjectNode) p.get("stages")).putObject("finance").put("approverRole", "partner-approver-legal"));
        rejects("stages.legal.approverRole", p -> ((ObjectNode) p.get("stages")).putObject("legal").put("approverRole", "no-such-role"));
        rejects("stages.owner.businessOwner", p -> ((ObjectNode) p.get("stages")).putObject("owner").put("businessOwner", false));
        rejects("programmes[0].stages", p -> ((ObjectNode) p.get("stages")).remove("regional"));
        rejects("programmes[0].role", p -> programme(p, 0).put("role", "no-such-role"));
        rejects("programmes[1].client", p -> programme(p, 1).put("client", "no-such-client"));
        rejects("programmes[1].role", p -> programme(p, 1).put("role", "no-such-client-role"));
        rejects("programmes[2].minTier", p -> programme(p, 2).put("minTier", "platinum"));
        rejects("programmes[2].maxDays", p -> programme(p, 2).put("maxDays", -3));
        rejects("programmes[3].role", p -> ((ArrayNode) p.get("programmes")).add(programme(p, 0).deepCopy()));
        rejects("outOfBand", p -> p.put("outOfBand", "ignore"));
        rejects("expiryNoticeDays", p -> p.putArray("expiryNoticeDays").add(0));
        rejects("surprise", p -> p.put("surprise", true));
        // Policy strings are names: no NUL (PostgreSQL cannot store it), no escapes or bidi controls, something visible.
        rejects("tiers[0].name", p -> tier(p, 0).put("name", "regis\u0000tered"));
        rejects("tiers[2].name", p -> tier(p, 2).put("name", "\u001b[31mgold"));
        rejects("tiers[1].name", p -> tier(p, 1).put("name", "\u200b"));
        rejects("tiers[2].name", p -> tier(p, 2).put("name", "\uff53\uff49\uff4c\uff56\uff45\uff52"));
        rejects("agreement.version", p -> ((ObjectNode) p.get("agreement")).put("version", "2026-\u202e11"));
        rejects("stages.regional.approverRolePrefix", p -> ((ObjectNode) p.get("stages")).putObject("regional")
                .put("approverRolePrefix", "partner-approver-\nregion-"));

        assertThat(ops().put("/policy", "{\"tiers\": [").status()).isEqualTo(400);
        assertThat(ops().get("/policy").json()).isEqualTo(before);
    }

    @Test
    @Order(4)
    void onlyRealmManagersMayChangeThePolicy() {
        ensurePolicy();
        int version = ops().get("/policy").json().get("version").asInt();
        Api.Reply refused = as("viewer").put("/policy", examplePolicy());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text("message")).contains("manage-realm");
        assertThat(ops().get("/policy").json().get("version").asInt()).isEqualTo(version);
    }

    private static ObjectNode tier(ObjectNode policy, int index) {
        return (ObjectNode) policy.get("tiers").get(index);
    }

    private static ObjectNode programme(ObjectNode policy, int index) {
        return (ObjectNode) policy.get("programmes").get(index);
    }

    private void rejects(String field, Consumer<ObjectNode> spoil) {
        ObjectNode policy = examplePolicy();
        spoil.accept(policy);
        Api.Reply reply = ops().put("/policy", policy);
        assertThat(reply.status()).as(field + ": " + reply).isEqualTo(400);
        assertThat(reply.text("field")).as(reply.toString()).isEqualTo(field);
    }
}
