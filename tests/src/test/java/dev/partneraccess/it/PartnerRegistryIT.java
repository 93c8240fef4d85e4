package dev.partneraccess.it;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.representations.idm.MemberRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

@KeycloakIntegrationTest(config = PartnerAccessServerConfig.class)
class PartnerRegistryIT extends RegistryTestBase {

    @Test
    void intakeCreatesAnOrganizationCarryingThePartnerProfile() {
        JsonNode partner = createPartner("Northwind Distribution", "northwind.example", "registered", "EMEA");

        assertThat(partner.get("name").asText()).isEqualTo("Northwind Distribution");
        assertThat(partner.get("domains").get(0).asText()).isEqualTo("northwind.example");
        assertThat(partner.get("tier").asText()).isEqualTo("registered");
        assertThat(partner.get("region").asText()).isEqualTo("EMEA");
        assertThat(partner.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(partner.get("businessOwner").asText()).isEqualTo(userId("owner-olivia"));
        assertThat(partner.get("businessUnits")).hasSize(2);
        assertThat(partner.get("enforceIdp").asBoolean()).isFalse();
        assertThat(partner.get("memberCount").asInt()).isZero();

        OrganizationRepresentation organization = realm().admin().organizations().get(partner.get("id").asText()).toRepresentation();
        assertThat(organization.getName()).isEqualTo("Northwind Distribution");
        assertThat(organization.getDomain("northwind.example")).isNotNull();
        Map<String, List<String>> attributes = organization.getAttributes();
        assertThat(attributes).containsEntry("partner.tier", List.of("registered"))
                .containsEntry("partner.region", List.of("EMEA"))
                .containsEntry("partner.status", List.of("ACTIVE"))
                .containsEntry("partner.businessOwner", List.of(userId("owner-olivia")))
                .containsEntry("partner.enforceIdp", List.of("false"));
        assertThat(attributes.get("partner.businessUnits")).containsExactlyInAnyOrder("sales", "marketing");

        assertThat(ops().get("/partners/" + partner.get("id").asText()).json()).isEqualTo(partner);
    }

    @Test
    void listFiltersByTierRegionAndStatusAndPages() {
        JsonNode summit = createPartner("Summit Agency", "summit.example", "silver", "AMER");
        JsonNode goldline = createPartner("Goldline Integrators", "goldline.example", "gold", "LATAM");
        ops().post("/partners/" + goldline.get("id").asText() + "/suspend", reason("contract under review"));

        assertThat(ids(ops().get("/partners?tier=silver").json())).contains(summit.get("id").asText())
                .doesNotContain(goldline.get("id").asText());
        assertThat(ids(ops().get("/partners?region=LATAM").json())).containsExactly(goldline.get("id").asText());
        assertThat(ids(ops().get("/partners?status=SUSPENDED").json())).contains(goldline.get("id").asText())
                .doesNotContain(summit.get("id").asText());
        assertThat(ops().get("/partners?status=SUSPENDED").json().findValuesAsText("status")).containsOnly("SUSPENDED");
        assertThat(ops().get("/partners?max=1").json()).hasSize(1);
        assertThat(as("viewer").get("/partners").status()).isEqualTo(200);
    }

    @Test
    void updateChangesOnlyTheGivenFieldsAndAcceptsAnUnchangedEcho() {
        JsonNode partner = createPartner("Partial Update Ltd", "partial.example", "registered", "EMEA");
        String id = partner.get("id").asText();

        ObjectNode change = Api.object();
        change.put("tier", "gold");
        change.putArray("businessUnits").add("alliances");
        Api.Reply reply = ops().put("/partners/" + id, change);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().get("tier").asText()).isEqualTo("gold");
        assertThat(reply.json().get("region").asText()).isEqualTo("EMEA");
        assertThat(reply.json().get("businessUnits")).hasSize(1);

        ObjectNode echo = (ObjectNode) ops().get("/partners/" + id).json();
        echo.put("region", "APAC");
        Api.Reply echoed = ops().put("/partners/" + id, echo);
        assertThat(echoed.status()).as(echoed.toString()).isEqualTo(200);
        JsonNode stored = ops().get("/partners/" + id).json();
        assertThat(stored.get("region").asText()).isEqualTo("APAC");
        assertThat(stored.get("tier").asText()).isEqualTo("gold");
        assertThat(realm().admin().organizations().get(id).toRepresentation().getAttributes().get("partner.region"))
                .containsExactly("APAC");
    }

    @Test
    void membersAreMappedListedAndUnmapped() {
        JsonNode partner = createPartner("Member Mapping Inc", "members.example", "silver", "AMER");
        String id = partner.get("id").asText();

        ObjectNode byName = Api.object();
        byName.put("username", "sam.summit");
        byName.put("businessUnit", "sales");
        Api.Reply added = ops().post("/partners/" + id + "/members", byName);
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(added.json().get("userId").asText()).isEqualTo(userId("sam.summit"));
        assertThat(added.json().get("businessUnit").asText()).isEqualTo("sales");

        ObjectNode byId = Api.object();
        byId.put("userId", userId("sue.summit"));
        assertThat(ops().post("/partners/" + id + "/members", byId).status()).isEqualTo(201);

        JsonNode members = ops().get("/partners/" + id + "/members").json();
        assertThat(members).hasSize(2);
        assertThat(ops().get("/partners/" + id).json().get("memberCount").asInt()).isEqualTo(2);
        assertThat(realm().admin().organizations().get(id).members().list(-1, -1)).extracting(MemberRepresentation::getUsername)
                .containsExactlyInAnyOrder("sam.summit", "sue.summit");
        assertThat(members.findValues("businessUnit")).extracting(JsonNode::asText).contains("sales");

        assertThat(ops().delete("/partners/" + id + "/members/" + userId("sam.summit")).status()).isEqualTo(204);
        assertThat(realm().admin().organizations().get(id).members().list(-1, -1)).extracting(MemberRepresentation::getUsername)
                .containsExactly("sue.summit");
        assertThat(ops().post("/partners/" + id + "/members", byName).json().get("businessUnit").asText()).isEqualTo("sales");
        assertThat(ops().delete("/partners/" + id + "/members/" + userId("sam.summit")).status()).isEqualTo(204);
        assertThat(ops().delete("/partners/" + id + "/members/" + userId("sam.summit")).status()).isEqualTo(404);
    }

    @Test
    void aUserBelongsToAtMostOnePartner() {
        String first = createPartner("First Partner", "first.example", "gold", "APAC").get("id").asText();
        String second = createPartner("Second Partner", "second.example", "gold", "APAC").get("id").asText();
        ObjectNode gary = Api.object();
        gary.put("username", "gary.goldline");
        assertThat(ops().post("/partners/" + first + "/members", gary).status()).isEqualTo(201);

        Api.Reply refused = ops().post("/partners/" + second + "/members", gary);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("message")).contains("First Partner");
        assertThat(ops().get("/partners/" + second + "/members").json()).isEmpty();
    }

    @Test
    void statusMovesBetweenActiveAndSuspendedAndOffboardingIsFinal() {
        String id = createPartner("Lifecycle Partners", "lifecycle.example", "silver", "EMEA").get("id").asText();

        Api.Reply suspended = ops().post("/partners/" + id + "/suspend", reason("unpaid invoices"));
        assertThat(suspended.status()).as(suspended.toString()).isEqualTo(200);
        assertThat(suspended.json().get("status").asText()).isEqualTo("SUSPENDED");
        assertThat(ops().post("/partners/" + id + "/suspend", reason("again")).status()).isEqualTo(409);

        Api.Reply reactivated = ops().post("/partners/" + id + "/reactivate", reason("paid"));
        assertThat(reactivated.json().get("status").asText()).isEqualTo("ACTIVE");

        Api.Reply offboarded = ops().post("/partners/" + id + "/offboard", reason("partnership ended"));
        assertThat(offboarded.json().get("status").asText()).isEqualTo("OFFBOARDED");
        assertThat(realm().admin().organizations().get(id).toRepresentation().getAttributes().get("partner.status"))
                .containsExactly("OFFBOARDED");

        Api.Reply reactivateAgain = ops().post("/partners/" + id + "/reactivate", reason("changed our mind"));
        assertThat(reactivateAgain.status()).isEqualTo(409);
        assertThat(reactivateAgain.text("message")).contains("offboarded");
        ObjectNode tier = Api.object();
        tier.put("tier", "gold");
        assertThat(ops().put("/partners/" + id, tier).status()).isEqualTo(409);
        ObjectNode member = Api.object();
        member.put("username", "ned.northwind");
        assertThat(ops().post("/partners/" + id + "/members", member).status()).isEqualTo(409);
        assertThat(ops().get("/partners/" + id).json().get("tier").asText()).isEqualTo("silver");
    }

    @Test
    void suspendingAPartnerEndsItsMembersSessions() throws Exception {
        String id = createPartner("Session Partners", "sessions.example", "gold", "AMER").get("id").asText();
        ObjectNode member = Api.object();
        member.put("username", "gina.goldline");
        assertThat(ops().post("/partners/" + id + "/members", member).status()).isEqualTo(201);
        String refreshToken = UserSessions.login(urls.getBase(), realm().getName(), "gina.goldline");
        assertThat(UserSessions.refresh(urls.getBase(), realm().getName(), refreshToken)).isEqualTo(200);

        Api.Reply suspended = ops().post("/partners/" + id + "/suspend", reason("security incident"));
        assertThat(suspended.status()).isEqualTo(200);

        assertThat(UserSessions.refresh(urls.getBase(), realm().getName(), refreshToken)).isEqualTo(400);
        assertThat(realm().admin().users().get(userId("gina.goldline")).getUserSessions()).isEmpty();
    }

    @Test
    void aDesignatedIdentityProviderIsLinkedToTheOrganization() {
        IdentityProviderRepresentation idp = new IdentityProviderRepresentation();
        idp.setAlias("acme-sso");
        idp.setProviderId("oidc");
        idp.setEnabled(true);
        idp.setConfig(Map.of("clientId", "kc", "clientSecret", "secret", "authorizationUrl", "https://sso.acme.example/auth",
                "tokenUrl", "https://sso.acme.example/token", "clientAuthMethod", "client_secret_post"));
        realm().admin().identityProviders().create(idp).close();

        ObjectNode body = intake("Acme Integrators", "acme.example", "gold", "EMEA");
        body.put("idp", "acme-sso");
        body.put("enforceIdp", true);
        ensurePolicy();
        Api.Reply created = ops().post("/partners", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("idp").asText()).isEqualTo("acme-sso");
        assertThat(created.json().get("enforceIdp").asBoolean()).isTrue();
        String id = created.json().get("id").asText();
        assertThat(realm().admin().organizations().get(id).identityProviders().getIdentityProviders())
                .extracting(IdentityProviderRepresentation::getAlias).containsExactly("acme-sso");
        // A login through the provider runs its post-broker-login flow: linking it put the gate there.
        String flow = realm().admin().identityProviders().get("acme-sso").toRepresentation().getPostBrokerLoginFlowAlias();
        assertThat(flow).as("the provider's post-broker-login flow").isNotBlank();
        assertThat(realm().admin().flows().getExecutions(flow)).extracting(e -> e.getProviderId()).contains("partner-access-gate");
        JsonNode record = evidence("type=PARTNER_CREATED&subject=" + id).get(0);
        assertThat(record.at("/details/wiring").toString()).contains("acme-sso");
        assertThat(ops().get("/setup").json().get("checks")).anySatisfy(check -> {
            assertThat(check.get("name").asText()).isEqualTo("broker-flows");
            assertThat(check.get("ok").asBoolean()).as(check.toString()).isTrue();
        });

        ObjectNode other = intake("Beta Integrators", "beta.example", "gold", "EMEA");
        other.put("idp", "acme-sso");
        Api.Reply taken = ops().post("/partners", other);
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.text("field")).isEqualTo("idp");

        ObjectNode unlink = Api.object();
        unlink.putNull("idp");
        unlink.put("enforceIdp", false);
        Api.Reply unlinked = ops().put("/partners/" + id, unlink);
        assertThat(unlinked.status()).as(unlinked.toString()).isEqualTo(200);
        assertThat(unlinked.json().get("idp").isNull()).isTrue();
        assertThat(realm().admin().organizations().get(id).identityProviders().getIdentityProviders()).isEmpty();
    }

    private static List<String> ids(JsonNode partners) {
        return java.util.stream.StreamSupport.stream(partners.spliterator(), false).map(p -> p.get("id").asText()).toList();
    }
}
