package dev.partneraccess.it;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.OrganizationRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

@KeycloakIntegrationTest(config = PartnerAccessServerConfig.class)
class EvidenceIT extends RegistryTestBase {

    @Test
    void eachRegistryActionLeavesExactlyItsRecordWithActorAndDetails() {
        ensurePolicy();
        String ops = userId("ops-admin");
        long start = evidenceCount();

        String id = createPartner("Evidence Partner", "evidence.example", "registered", "EMEA").get("id").asText();
        JsonNode created = last();
        assertRecord(created, "PARTNER_CREATED", ops, id, id);
        assertThat(created.at("/details/partner/tier").asText()).isEqualTo("registered");
        assertThat(created.at("/details/policyVersion").asInt()).isEqualTo(ops().get("/policy").json().get("version").asInt());

        ObjectNode change = Api.object();
        change.put("tier", "silver");
        change.put("region", "AMER");
        ops().put("/partners/" + id, change);
        List<JsonNode> changes = evidence("partner=" + id + "&first=1");
        assertThat(changes).extracting(r -> r.get("type").asText()).containsExactly("PARTNER_UPDATED", "TIER_CHANGED");
        assertRecord(changes.get(0), "PARTNER_UPDATED", ops, id, id);
        assertThat(changes.get(0).at("/details/changes/region/old").asText()).isEqualTo("EMEA");
        assertThat(changes.get(0).at("/details/changes/region/new").asText()).isEqualTo("AMER");
        assertThat(changes.get(1).at("/details/old").asText()).isEqualTo("registered");
        assertThat(changes.get(1).at("/details/new").asText()).isEqualTo("silver");

        ObjectNode member = Api.object();
        member.put("username", "nora.northwind");
        ops().post("/partners/" + id + "/members", member);
        assertRecord(last(), "MEMBER_ADDED", ops, userId("nora.northwind"), id);
        assertThat(last().at("/details/username").asText()).isEqualTo("nora.northwind");
        ops().delete("/partners/" + id + "/members/" + userId("nora.northwind"));
        assertRecord(last(), "MEMBER_REMOVED", ops, userId("nora.northwind"), id);

        ops().post("/partners/" + id + "/suspend", reason("audit finding 42"));
        assertRecord(last(), "PARTNER_SUSPENDED", ops, id, id);
        assertThat(last().at("/details/reason").asText()).isEqualTo("audit finding 42");
        ops().post("/partners/" + id + "/reactivate", reason("finding closed"));
        assertRecord(last(), "PARTNER_REACTIVATED", ops, id, id);
        ops().post("/partners/" + id + "/offboard", reason("contract ended"));
        assertRecord(last(), "PARTNER_OFFBOARDED", ops, id, id);
        assertThat(last().at("/details/previousStatus").asText()).isEqualTo("ACTIVE");

        Api.Reply policy = ops().put("/policy", examplePolicy());
        assertRecord(last(), "POLICY_CHANGED", ops, "policy", null);
        assertThat(last().at("/details/version").asInt()).isEqualTo(policy.json().get("version").asInt());

        assertThat(evidenceCount()).isEqualTo(start + 9);
        assertThat(evidence("type=TIER_CHANGED&subject=" + id)).hasSize(1);
    }

    @Test
    void refusedActionsLeaveNoRecord() {
        String id = createPartner("Refusal Partner", "refusal.example", "gold", "APAC").get("id").asText();
        long before = evidenceCount();
        ObjectNode badTier = Api.object();
        badTier.put("tier", "platinum");
        assertThat(ops().put("/partners/" + id, badTier).status()).isEqualTo(400);
        assertThat(ops().post("/partners/" + id + "/reactivate", reason("not suspended")).status()).isEqualTo(409);
        assertThat(ops().post("/partners", intake("Refusal Partner", "other.example", "gold", "APAC")).status()).isEqualTo(409);
        ObjectNode badPolicy = examplePolicy();
        badPolicy.put("outOfBand", "ignore");
        assertThat(ops().put("/policy", badPolicy).status()).isEqualTo(400);
        assertThat(as("viewer").post("/partners/" + id + "/suspend", reason("no right")).status()).isEqualTo(403);
        assertThat(evidenceCount()).isEqualTo(before);
    }

    @Test
    void changesThroughKeycloaksOwnOrganizationApiAreRecorded() {
        String id = createPartner("Console Partner", "console.example", "gold", "EMEA").get("id").asText();
        String ned = userId("ned.northwind");
        // The user behind the suite's admin client: each change below is that admin's, never the system's.
        String admin = AccessTestBase.payload(keycloak.tokenManager().getAccessTokenString()).get("sub").asText();

        realm().admin().organizations().get(id).members().addMember(ned).close();
        JsonNode added = last();
        assertThat(added.get("type").asText()).isEqualTo("MEMBER_ADDED");
        assertThat(added.get("subject").asText()).isEqualTo(ned);
        assertThat(added.get("partner").asText()).isEqualTo(id);
        assertThat(added.at("/details/via").asText()).isEqualTo("keycloak-admin");
        assertThat(added.get("actor").asText()).isEqualTo(admin);

        OrganizationRepresentation organization = realm().admin().organizations().get(id).toRepresentation();
        organization.setDescription("edited in the admin console");
        organization.getAttributes().put("partner.region", List.of("APAC"));
        realm().admin().organizations().get(id).update(organization).close();
        JsonNode updated = last();
        assertThat(updated.get("type").asText()).isEqualTo("PARTNER_UPDATED");
        assertThat(updated.at("/details/via").asText()).isEqualTo("keycloak-admin");
        assertThat(updated.at("/details/partner").toString()).contains("APAC");
        assertThat(updated.get("actor").asText()).isEqualTo(admin);

        realm().admin().organizations().get(id).members().member(ned).delete().close();
        JsonNode removed = last();
        assertThat(removed.get("type").asText()).isEqualTo("MEMBER_REMOVED");
        assertThat(removed.get("subject").asText()).isEqualTo(ned);
        assertThat(removed.at("/details/via").asText()).isEqualTo("keycloak-admin");
        assertThat(removed.get("actor").asText()).isEqualTo(admin);

        // A second partner through Keycloak's own API: the product undoes it, and says so in the ledger.
        String other = createPartner("Other Console Partner", "other-console.example", "gold", "EMEA").get("id").asText();
        ObjectNode gary = Api.object();
        gary.put("username", "gary.goldline");
        assertThat(ops().post("/partners/" + id + "/members", gary).status()).isEqualTo(201);
        realm().admin().organizations().get(other).members().addMember(userId("gary.goldline")).close();
        assertThat(realm().admin().organizations().get(other).members().list(-1, -1)).isEmpty();
        JsonNode reverted = last();
        assertThat(reverted.get("type").asText()).isEqualTo("MEMBER_REMOVED");
        assertThat(reverted.get("partner").asText()).isEqualTo(other);
        assertThat(reverted.at("/details/reverted").asBoolean()).isTrue();
        assertThat(reverted.at("/details/reason").asText()).contains("Console Partner");

        long before = evidenceCount();
        OrganizationRepresentation plain = new OrganizationRepresentation();
        plain.setName("Not A Partner");
        plain.setAlias("not-a-partner");
        plain.addDomain(new org.keycloak.representations.idm.OrganizationDomainRepresentation("not-a-partner.example"));
        realm().admin().organizations().create(plain).close();
        assertThat(evidenceCount()).as("organizations without a partner profile are not partners").isEqualTo(before);
    }

    @Test
    void concurrentUpdatesFormOneUnbrokenChain() throws Exception {
        int threads = 8;
        int updates = 50;
        List<String> partners = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            partners.add(createPartner("Concurrent " + t, "concurrent-" + t + ".example", "gold", "EMEA").get("id").asText());
        }
        long before = evidenceCount();
        Api api = ops();
        api.get("/policy");
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String id = partners.get(t);
                int thread = t;
                results.add(pool.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < updates; i++) {
                        ObjectNode change = Api.object();
                        change.put("region", "R-" + thread + "-" + i);
                        if (api.put("/partners/" + id, change).status() == 200) {
                            ok++;
                        }
                    }
                    return ok;
                }));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get()).isEqualTo(updates);
            }
        } finally {
            pool.shutdownNow();
        }
        JsonNode verify = ops().get("/evidence/verify").json();
        assertThat(verify.get("valid").asBoolean()).isTrue();
        assertThat(verify.get("records").asLong()).isEqualTo(before + (long) threads * updates);
        assertThat(verify.get("firstBrokenSeq").isNull()).isTrue();
    }

    @Test
    void theExportStreamsEveryRecordAndAnAuditorCanRecomputeTheChain() throws Exception {
        createPartner("Export Partner", "export.example", "silver", "AMER");
        Api.Reply export = ops().send("GET", "/evidence/export", null, "application/x-ndjson");
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.contentType()).startsWith("application/x-ndjson");
        String[] lines = export.body().split("\n");
        assertThat((long) lines.length).isEqualTo(evidenceCount());

        // Recompute independently: JCS of the hashed fields (sorted keys, compact), SHA-256 over prevHash + that.
        ObjectMapper canonical = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
        String prev = "0".repeat(64);
        long seq = 0;
        for (String line : lines) {
            JsonNode record = Api.JSON.readTree(line);
            assertThat(record.get("seq").asLong()).isEqualTo(++seq);
            assertThat(record.get("prevHash").asText()).isEqualTo(prev);
            ObjectNode hashed = record.deepCopy();
            hashed.remove(List.of("prevHash", "hash"));
            String json = canonical.writeValueAsString(canonical.treeToValue(hashed, Object.class));
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(prev.getBytes(StandardCharsets.UTF_8));
            String hash = HexFormat.of().formatHex(sha.digest(json.getBytes(StandardCharsets.UTF_8)));
            assertThat(record.get("hash").asText()).as("hash of record " + seq).isEqualTo(hash);
            prev = hash;
        }

        String from = Api.JSON.readTree(lines[lines.length - 1]).get("time").asText();
        String window = ops().send("GET", "/evidence/export?from=" + Api.q(from), null, "application/x-ndjson").body();
        assertThat(window.split("\n").length).isBetween(1, lines.length);
        assertThat(ops().get("/evidence/export?from=yesterday").status()).isEqualTo(400);
    }

    @Test
    void theLedgerNeedsViewEventsAndOffersNoWayToChangeIt() {
        ensurePolicy();
        assertThat(as("viewer").get("/evidence").status()).isEqualTo(403);
        assertThat(as("viewer").get("/evidence/verify").status()).isEqualTo(403);
        assertThat(as("viewer").get("/evidence/export").status()).isEqualTo(403);
        assertThat(anonymous().get("/evidence").status()).isEqualTo(401);
        assertThat(as("auditor").get("/evidence").status()).isEqualTo(200);
        assertThat(as("auditor").get("/evidence/verify").json().get("valid").asBoolean()).isTrue();
        assertThat(ops().get("/evidence?type=NOT_A_TYPE").status()).isEqualTo(400);
        assertThat(ops().delete("/evidence").status()).isIn(404, 405);
        assertThat(ops().put("/evidence", "{}").status()).isIn(404, 405);
    }

    private JsonNode last() {
        long count = evidenceCount();
        List<JsonNode> tail = evidence("first=" + (count - 1));
        assertThat(tail).hasSize(1);
        return tail.get(0);
    }

    private static void assertRecord(JsonNode record, String type, String actor, String subject, String partner) {
        assertThat(record.get("type").asText()).isEqualTo(type);
        assertThat(record.get("actor").asText()).isEqualTo(actor);
        assertThat(record.at("/details/actorUsername").asText()).isEqualTo("ops-admin");
        assertThat(record.get("subject").asText()).isEqualTo(subject);
        if (partner == null) {
            assertThat(record.get("partner").isNull()).isTrue();
        } else {
            assertThat(record.get("partner").asText()).isEqualTo(partner);
        }
        assertThat(record.get("hash").asText()).hasSize(64);
    }
}
