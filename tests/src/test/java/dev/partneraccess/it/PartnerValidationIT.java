package dev.partneraccess.it;

import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.OrganizationDomainRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

import com.fasterxml.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Every refusal of the registry: the right status, a body naming the field, and nothing written. */
@KeycloakIntegrationTest(config = PartnerAccessServerConfig.class)
class PartnerValidationIT extends RegistryTestBase {

    @Test
    void callsWithoutATokenAre401AndWithoutTheRoleAre403() {
        ensurePolicy();
        assertThat(anonymous().get("/partners").status()).isEqualTo(401);
        assertThat(anonymous().get("/policy").status()).isEqualTo(401);

        Api.Reply forbidden = as("plain-user").get("/partners");
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.text("error")).isEqualTo("forbidden");
        assertThat(forbidden.text("message")).contains("view-users");
        assertThat(as("plain-user").get("/policy").status()).isEqualTo(403);

        assertThat(as("viewer").get("/partners").status()).isEqualTo(200);
        assertThat(as("viewer").get("/policy").status()).isEqualTo(200);
        assertThat(as("viewer").post("/partners", intake("Viewer Corp", "viewer.example", "gold", "EMEA")).status()).isEqualTo(403);
        assertThat(as("viewer").put("/policy", examplePolicy()).status()).isEqualTo(403);
        assertThat(ops().get("/partners").json().findValuesAsText("name")).doesNotContain("Viewer Corp");
    }

    @Test
    void badIntakesAreRefusedWithTheFieldNamedAndNothingIsCreated() {
        ensurePolicy();
        createPartner("Existing Partner", "existing.example", "gold", "EMEA");
        int partnersBefore = ops().get("/partners").json().size();
        int organizationsBefore = realm().admin().organizations().getAll().size();
        long evidenceBefore = evidenceCount();

        refused(400, "name", b -> b.remove("name"));
        refused(400, "name", b -> b.put("name", "x".repeat(256)));
        refused(400, "colour", b -> b.put("colour", "blue"));
        refused(400, "tier", b -> b.put("tier", 5));
        refused(400, "tier", b -> b.put("tier", "platinum"));
        refused(400, "region", b -> b.put("region", "  "));
        refused(400, "businessOwner", b -> b.put("businessOwner", "no-such-user"));
        refused(400, "domains", b -> b.putArray("domains").add("not a domain"));
        refused(400, "domains", b -> b.putArray("domains"));
        refused(400, "domains", b -> b.put("domains", "fresh.example"));
        refused(409, "domains", b -> b.putArray("domains").add("existing.example"));
        refused(409, "name", b -> b.put("name", "Existing Partner"));
        refused(400, "idp", b -> b.put("idp", "no-such-idp"));
        refused(400, "enforceIdp", b -> b.put("enforceIdp", true));
        refused(400, "enforceIdp", b -> b.put("enforceIdp", "yes"));

        Api.Reply malformed = ops().post("/partners", "{\"name\": \"Broken\",");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.text("error")).isEqualTo("invalid_request");
        assertThat(ops().post("/partners", "[1,2]").status()).isEqualTo(400);
        assertThat(ops().post("/partners", "").status()).isEqualTo(400);
        ObjectNode huge = intake("Huge Corp", "huge.example", "gold", "EMEA");
        huge.put("region", "y".repeat(70_000));
        assertThat(ops().post("/partners", huge).status()).isEqualTo(400);

        assertThat(ops().get("/partners").json()).hasSize(partnersBefore);
        assertThat(realm().admin().organizations().getAll()).hasSize(organizationsBefore);
        assertThat(evidenceCount()).isEqualTo(evidenceBefore);
    }

    @Test
    void badUpdatesMembershipsAndTransitionsChangeNothing() {
        String id = createPartner("Steady Partner", "steady.example", "silver", "AMER").get("id").asText();
        long evidenceBefore = evidenceCount();
        String before = ops().get("/partners/" + id).body();

        ObjectNode status = Api.object();
        status.put("status", "SUSPENDED");
        assertField(ops().put("/partners/" + id, status), 400, "status");
        ObjectNode rename = Api.object();
        rename.put("name", "Renamed");
        assertField(ops().put("/partners/" + id, rename), 400, "name");
        ObjectNode tier = Api.object();
        tier.put("tier", "diamond");
        tier.put("region", "EMEA");
        assertField(ops().put("/partners/" + id, tier), 400, "tier");
        assertThat(ops().put("/partners/no-such-partner", Api.object()).status()).isEqualTo(404);
        assertThat(ops().get("/partners/no-such-partner").status()).isEqualTo(404);

        ObjectNode both = Api.object();
        both.put("username", "nora.northwind");
        both.put("userId", userId("nora.northwind"));
        assertField(ops().post("/partners/" + id + "/members", both), 400, "username");
        ObjectNode ghost = Api.object();
        ghost.put("username", "ghost");
        assertField(ops().post("/partners/" + id + "/members", ghost), 400, "username");
        ObjectNode unit = Api.object();
        unit.put("username", "nora.northwind");
        unit.put("businessUnit", "finance");
        assertField(ops().post("/partners/" + id + "/members", unit), 400, "businessUnit");
        assertThat(ops().delete("/partners/" + id + "/members/" + userId("nora.northwind")).status()).isEqualTo(404);

        assertField(ops().post("/partners/" + id + "/suspend", Api.object()), 400, "reason");
        assertField(ops().post("/partners/" + id + "/suspend", reason("r".repeat(2001))), 400, "reason");
        assertField(ops().post("/partners/" + id + "/reactivate", reason("not suspended")), 409, "status");

        assertField(ops().get("/partners?status=GONE"), 400, "status");
        assertField(ops().get("/partners?max=0"), 400, "max");
        assertField(ops().get("/partners?max=1001"), 400, "max");
        assertField(ops().get("/partners?first=abc"), 400, "first");

        assertThat(ops().get("/partners/" + id).body()).isEqualTo(before);
        assertThat(ops().get("/partners/" + id + "/members").json()).isEmpty();
        assertThat(evidenceCount()).isEqualTo(evidenceBefore);
    }

    @Test
    void controlBidiAndInvisibleTextIsRefusedNamingTheFieldAndNothingIsWritten() {
        ensurePolicy();
        String id = createPartner("Plain Text Partner", "plain-text.example", "gold", "EMEA").get("id").asText();
        int partnersBefore = ops().get("/partners").json().size();
        long evidenceBefore = evidenceCount();

        // NUL is also what PostgreSQL cannot store in text: this must be a 400 on every database, never a 500.
        refused(400, "name", b -> b.put("name", "Fresh\u0000Partner"));
        refused(400, "name", b -> b.put("name", "\u001b[2J\u001b[31mFresh Partner"));
        refused(400, "name", b -> b.put("name", "Fresh\nPartner"));
        refused(400, "name", b -> b.put("name", "\u200b\u200d\u2060"));
        refused(400, "name", b -> b.put("name", "\u00a0\u3000"));
        refused(400, "region", b -> b.put("region", "EM\u202eAE"));
        refused(400, "region", b -> b.put("region", "EMEA\u2066"));
        refused(400, "businessUnits", b -> b.putArray("businessUnits").add("sales").add("\u200b"));
        refused(400, "businessUnits", b -> b.putArray("businessUnits").add("sa\u0007les"));
        ObjectNode region = Api.object();
        region.put("region", "AM\u0000ER");
        assertField(ops().put("/partners/" + id, region), 400, "region");
        ObjectNode unit = Api.object();
        unit.put("username", "nora.northwind");
        unit.put("businessUnit", "\u202esales");
        assertField(ops().post("/partners/" + id + "/members", unit), 400, "businessUnit");
        assertField(ops().post("/partners/" + id + "/suspend", reason("audit\u0000finding")), 400, "reason");
        assertField(ops().post("/partners/" + id + "/suspend", reason("\u200b")), 400, "reason");
        assertField(ops().post("/partners/" + id + "/suspend", reason("audit \u202efinding")), 400, "reason");

        assertThat(ops().get("/partners").json()).hasSize(partnersBefore);
        assertThat(ops().get("/partners/" + id).json().get("region").asText()).isEqualTo("EMEA");
        assertThat(ops().get("/partners/" + id + "/members").json()).isEmpty();
        assertThat(evidenceCount()).isEqualTo(evidenceBefore);

        // A reason is free text: it may span lines and hold tabs, and keeps them.
        Api.Reply suspended = ops().post("/partners/" + id + "/suspend", reason("Audit finding 42:\n\t- contract expired"));
        assertThat(suspended.status()).as(suspended.toString()).isEqualTo(200);
        assertThat(evidence("partner=" + id + "&type=PARTNER_SUSPENDED").get(0).at("/details/reason").asText())
                .isEqualTo("Audit finding 42:\n\t- contract expired");
    }

    @Test
    void partnerNamesAreTheSameNameWhateverTheirCaseWidthOrSpacing() {
        ensurePolicy();
        String id = createPartner("Fuzz Co", "fuzz-co.example", "gold", "EMEA").get("id").asText();
        long evidenceBefore = evidenceCount();

        for (String twin : new String[] {"fuzz co", "FUZZ CO", "Fuzz  Co", "\uff26\uff55\uff5a\uff5a\u3000\uff23\uff4f", "Fuzz\u200b Co"}) {
            ObjectNode body = intake(twin, "twin.example", "gold", "EMEA");
            Api.Reply reply = ops().post("/partners", body);
            assertField(reply, 409, "name");
            assertThat(reply.text("message")).as(twin).contains("'Fuzz Co'").contains(id);
        }
        assertThat(ops().get("/partners").json().findValuesAsText("name")).containsOnlyOnce("Fuzz Co");
        assertThat(evidenceCount()).isEqualTo(evidenceBefore);
        assertThat(ops().post("/partners", intake("Fuzz Co Two", "twin.example", "gold", "EMEA")).status()).isEqualTo(201);
    }

    @Test
    void aBodyDeclaredAsAnythingButJsonIs415WithTheContractBodyAndChangesNothing() {
        ensurePolicy();
        String id = createPartner("Typed Partner", "typed.example", "gold", "EMEA").get("id").asText();
        long evidenceBefore = evidenceCount();
        String json = "{\"reason\":\"contract expired\"}";
        String boundary = "b0undary";
        String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"reason\"\r\n\r\ncontract expired\r\n--"
                + boundary + "--\r\n";

        for (String[] typed : new String[][] {{"multipart/form-data; boundary=" + boundary, multipart},
                {"application/x-www-form-urlencoded", "reason=contract+expired"}, {"text/plain", json}, {"application/xml", json}}) {
            Api.Reply refused = ops().sendTyped("POST", "/partners/" + id + "/suspend", typed[0], typed[1]);
            assertThat(refused.status()).as(typed[0] + ": " + refused).isEqualTo(415);
            assertThat(refused.text("error")).isEqualTo("unsupported_media_type");
            assertThat(refused.text("errorMessage")).isEqualTo(refused.text("message")).contains(typed[0].split(";")[0]);
        }
        // The self-service resource refuses it too, before it even looks for a token.
        Api.Reply anonymous = new Api(urls.getBase(), realm().getName(), null).sendSelfTyped("POST", "/me/requests",
                "multipart/form-data; boundary=" + boundary, multipart);
        assertThat(anonymous.status()).as(anonymous.toString()).isEqualTo(415);
        assertThat(ops().get("/partners/" + id).json().get("status").asText()).isEqualTo("ACTIVE");
        assertThat(evidenceCount()).isEqualTo(evidenceBefore);

        // JSON with a charset, and a body with no Content-Type at all, are read as before.
        Api.Reply charset = ops().sendTyped("POST", "/partners/" + id + "/suspend", "application/json; charset=utf-8", json);
        assertThat(charset.status()).as(charset.toString()).isEqualTo(200);
        Api.Reply untyped = ops().sendTyped("POST", "/partners/" + id + "/reactivate", null, json);
        assertThat(untyped.status()).as(untyped.toString()).isEqualTo(200);
    }

    @Test
    void anotherRealmsPartnerIsAnsweredLikeAMissingOneOnEveryRoute() {
        ensurePolicy();
        String own = createPartner("Own Partner", "own-partner.example", "gold", "EMEA").get("id").asText();
        RealmRepresentation other = new RealmRepresentation();
        other.setRealm(realm().getName() + "-foreign");
        other.setEnabled(true);
        other.setOrganizationsEnabled(true);
        keycloak.realms().create(other);
        try {
            OrganizationRepresentation organization = new OrganizationRepresentation();
            organization.setName("Foreign Org");
            organization.setAlias("foreign-org");
            organization.addDomain(new OrganizationDomainRepresentation("foreign-org.example"));
            organization.setAttributes(java.util.Map.of("partner.status", java.util.List.of("ACTIVE"),
                    "partner.tier", java.util.List.of("gold")));
            try (var created = keycloak.realm(other.getRealm()).organizations().create(organization)) {
                assertThat(created.getStatus()).isEqualTo(201);
            }
            String foreign = keycloak.realm(other.getRealm()).organizations().getAll().get(0).getId();
            long evidenceBefore = evidenceCount();
            String p = "/partners/" + foreign;
            ObjectNode member = Api.object();
            member.put("username", "nora.northwind");
            ObjectNode account = Api.object();
            account.put("name", "sync");
            account.put("purpose", "Synchronises the partner's orders every night.");
            account.put("owner", userId("nora.northwind"));
            account.put("days", 5);
            ObjectNode region = Api.object();
            region.put("region", "AMER");

            for (Api.Reply reply : java.util.List.of(ops().get(p), ops().put(p, region), ops().get(p + "/members"),
                    ops().post(p + "/members", member), ops().delete(p + "/members/" + userId("nora.northwind")),
                    ops().post(p + "/suspend", reason("elsewhere")), ops().post(p + "/reactivate", reason("elsewhere")),
                    ops().post(p + "/offboard", reason("elsewhere")), ops().get(p + "/service-accounts"),
                    ops().post(p + "/service-accounts", account))) {
                assertThat(reply.status()).as(reply.toString()).isEqualTo(404);
                assertThat(reply.text("error")).isEqualTo("not_found");
                assertThat(reply.text("message")).doesNotContain("belong");
            }
            assertThat(ops().get("/partners").json().findValuesAsText("id")).contains(own).doesNotContain(foreign);
            assertThat(evidenceCount()).isEqualTo(evidenceBefore);
            assertThat(keycloak.realm(other.getRealm()).organizations().get(foreign).toRepresentation().getAttributes())
                    .doesNotContainKey("partner.region");
        } finally {
            keycloak.realm(other.getRealm()).remove();
        }
    }

    @Test
    void aRealmWithoutOrganizationsOrWithoutPolicyRefusesIntakeWithGuidance() {
        RealmRepresentation plain = new RealmRepresentation();
        plain.setRealm(realm().getName() + "-no-orgs");
        plain.setEnabled(true);
        plain.setOrganizationsEnabled(false);
        keycloak.realms().create(plain);
        try {
            Api admin = new Api(urls.getBase(), plain.getRealm(), () -> keycloak.tokenManager().getAccessTokenString());
            ObjectNode body = intake("Nowhere Ltd", "nowhere.example", "gold", "EMEA");
            body.put("businessOwner", "any");
            Api.Reply refused = admin.post("/partners", body);
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.text("message")).contains("organizationsEnabled=true");

            keycloak.realm(plain.getRealm()).update(enableOrganizations(plain));
            Api.Reply noPolicy = admin.post("/partners", body);
            assertThat(noPolicy.status()).isEqualTo(409);
            assertThat(noPolicy.text("message")).contains("PUT /policy");
            assertThat(keycloak.realm(plain.getRealm()).organizations().getAll()).isEmpty();
        } finally {
            keycloak.realm(plain.getRealm()).remove();
        }
    }

    private static RealmRepresentation enableOrganizations(RealmRepresentation realm) {
        RealmRepresentation update = new RealmRepresentation();
        update.setRealm(realm.getRealm());
        update.setOrganizationsEnabled(true);
        return update;
    }

    private void refused(int status, String field, Consumer<ObjectNode> spoil) {
        ObjectNode body = intake("Fresh Partner", "fresh.example", "gold", "EMEA");
        spoil.accept(body);
        assertField(ops().post("/partners", body), status, field);
    }

    private static void assertField(Api.Reply reply, int status, String field) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.text("field")).as(reply.toString()).isEqualTo(field);
        assertThat(reply.text("message")).as(reply.toString()).isNotBlank();
        // kcadm.sh and Keycloak's admin console show errorMessage.
        assertThat(reply.text("errorMessage")).as(reply.toString()).isEqualTo(reply.text("message"));
    }
}
