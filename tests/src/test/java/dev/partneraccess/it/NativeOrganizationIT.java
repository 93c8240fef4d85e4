package dev.partneraccess.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.OrganizationDomainRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A realm admin editing a partner's {@code partner.*} attributes with Keycloak's own organization API (the admin
 * console's Attributes tab does the same call): a valid edit has the same effects and evidence as the product's own
 * call, an invalid one is put back at once and recorded as {@code PARTNER_CHANGE_REVERTED} naming the admin.
 */
@KeycloakIntegrationTest(config = PartnerAccessServerConfig.class)
class NativeOrganizationIT extends AccessTestBase {

    @BeforeEach
    void policy() {
        useAccessPolicy("revert");
    }

    /** Edits the organization as an admin would in Keycloak's console and answers Keycloak's status. */
    private int editNatively(String id, Consumer<OrganizationRepresentation> edit) {
        OrganizationRepresentation organization = realm.admin().organizations().get(id).toRepresentation();
        edit.accept(organization);
        try (var response = realm.admin().organizations().get(id).update(organization)) {
            return response.getStatus();
        }
    }

    private List<String> attribute(String id, String name) {
        return realm.admin().organizations().get(id).toRepresentation().getAttributes().get(name);
    }

    /** The user behind the suite's admin client, whose edits these are. */
    private JsonNode adminToken() {
        return payload(keycloak.tokenManager().getAccessTokenString());
    }

    private String masterAdmin() {
        return adminToken().get("sub").asText();
    }

    private void assertReverted(String id, String attribute, String reasonPart) {
        JsonNode record = evidence("type=PARTNER_CHANGE_REVERTED&subject=" + id).get(0);
        assertThat(record.get("actor").asText()).isEqualTo(masterAdmin());
        assertThat(record.at("/details/actorUsername").asText()).isEqualTo(keycloak.realm("master").users().get(masterAdmin()).toRepresentation().getUsername());
        assertThat(record.at("/details/via").asText()).isEqualTo("keycloak-admin");
        assertThat(record.at("/details/attribute").asText()).isEqualTo(attribute);
        assertThat(record.at("/details/reason").asText()).contains(reasonPart);
        assertThat(ops().get("/evidence/verify").json().get("valid").asBoolean()).isTrue();
    }

    @Test
    void anOffboardedPartnerStaysOffboardedWhateverTheAttributesTabSays() {
        String partner = partnerWith("Gone Natively", "gone-natively.example", "registered", "EMEA", "gwen.gold");
        assertThat(ops().post("/partners/" + partner + "/offboard", reason("Contract ended.")).status()).isEqualTo(200);

        assertThat(editNatively(partner, o -> o.getAttributes().put("partner.status", List.of("ACTIVE")))).isEqualTo(204);
        assertThat(attribute(partner, "partner.status")).containsExactly("OFFBOARDED");
        assertThat(ops().get("/partners/" + partner).json().get("status").asText()).isEqualTo("OFFBOARDED");
        assertReverted(partner, "partner.status", "offboarded");
        assertRefused(ops().post("/requests", requestBody(userId("gwen.gold"), "deal-registration", null, 5)), 409, "OFFBOARDED");

        // Removing the status does not make it stop being a partner either.
        assertThat(editNatively(partner, o -> o.getAttributes().remove("partner.status"))).isEqualTo(204);
        assertThat(attribute(partner, "partner.status")).containsExactly("OFFBOARDED");
        assertThat(evidence("type=PARTNER_CHANGE_REVERTED&subject=" + partner)).hasSize(2);
    }

    @Test
    void aSuspensionThroughKeycloaksApiEndsSessionsAndDisablesServiceAccountsLikeOurs() {
        String partner = partnerWith("Suspended Natively", "suspended-natively.example", "registered", "EMEA", "gus.gold");
        ObjectNode account = Api.object().put("name", "erp").put("purpose", "Synchronise deal registrations nightly.")
                .put("owner", userId("gus.gold")).put("days", 10);
        JsonNode created = ops().post("/partners/" + partner + "/service-accounts", account).json();
        String refresh = login("gus.gold").get("refresh_token").asText();
        assertThat(UserSessions.refresh(urls.getBase(), realm.getName(), refresh)).isEqualTo(200);

        assertThat(editNatively(partner, o -> o.getAttributes().put("partner.status", List.of("SUSPENDED")))).isEqualTo(204);

        assertThat(ops().get("/partners/" + partner).json().get("status").asText()).isEqualTo("SUSPENDED");
        assertThat(UserSessions.refresh(urls.getBase(), realm.getName(), refresh)).as("the member's session ended").isEqualTo(400);
        JsonNode accounts = ops().get("/partners/" + partner + "/service-accounts").json();
        assertThat(accounts.get(0).get("enabled").asBoolean()).as(accounts.toString()).isFalse();
        JsonNode suspended = evidence("type=PARTNER_SUSPENDED&subject=" + partner).get(0);
        assertThat(suspended.get("actor").asText()).isEqualTo(masterAdmin());
        assertThat(suspended.at("/details/via").asText()).isEqualTo("keycloak-admin");
        assertThat(suspended.at("/details/sessionsEnded").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(suspended.at("/details/serviceAccountsDisabled").asInt()).isEqualTo(1);
        assertThat(evidence("type=SERVICE_ACCOUNT_DISABLED&subject=" + created.get("id").asText())).hasSize(1);

        // And back: reactivation through the same tab re-enables what the suspension disabled.
        assertThat(editNatively(partner, o -> o.getAttributes().put("partner.status", List.of("ACTIVE")))).isEqualTo(204);
        assertThat(ops().get("/partners/" + partner + "/service-accounts").json().get(0).get("enabled").asBoolean()).isTrue();
        assertThat(evidence("type=PARTNER_REACTIVATED&subject=" + partner)).hasSize(1);
    }

    @Test
    void aTierChangeIsRecordedAsSuchAndAnUndefinedTierIsPutBack() {
        String partner = partnerWith("Tiered Natively", "tiered-natively.example", "registered", "EMEA", "sid.silver");

        assertThat(editNatively(partner, o -> o.getAttributes().put("partner.tier", List.of("gold")))).isEqualTo(204);
        assertThat(ops().get("/partners/" + partner).json().get("tier").asText()).isEqualTo("gold");
        JsonNode changed = evidence("type=TIER_CHANGED&subject=" + partner).get(0);
        assertThat(changed.at("/details/old").asText()).isEqualTo("registered");
        assertThat(changed.at("/details/new").asText()).isEqualTo("gold");
        assertThat(changed.at("/details/via").asText()).isEqualTo("keycloak-admin");
        assertThat(changed.get("actor").asText()).isEqualTo(masterAdmin());

        assertThat(editNatively(partner, o -> o.getAttributes().put("partner.tier", List.of("platinum")))).isEqualTo(204);
        assertThat(attribute(partner, "partner.tier")).containsExactly("gold");
        assertReverted(partner, "partner.tier", "platinum");
        assertThat(evidence("type=TIER_CHANGED&subject=" + partner)).hasSize(1);

        // The name is fixed at intake, here as in the product's API.
        assertThat(editNatively(partner, o -> o.setName("Renamed Natively"))).isEqualTo(204);
        assertThat(realm.admin().organizations().get(partner).toRepresentation().getName()).isEqualTo("Tiered Natively");
        assertThat(evidence("type=PARTNER_CHANGE_REVERTED&subject=" + partner).get(1).at("/details/attribute").asText()).isEqualTo("name");

        // A change that is not about the partner profile passes untouched.
        assertThat(editNatively(partner, o -> o.setDescription("Edited in the console"))).isEqualTo(204);
        assertThat(realm.admin().organizations().get(partner).toRepresentation().getDescription()).isEqualTo("Edited in the console");
        assertThat(evidence("type=PARTNER_CHANGE_REVERTED&subject=" + partner)).hasSize(2);
    }

    @Test
    void anOrganizationBecomesAPartnerOnlyThroughIntake() {
        OrganizationRepresentation plain = new OrganizationRepresentation();
        plain.setName("Plain Organization");
        plain.setAlias("plain-organization");
        OrganizationDomainRepresentation domain = new OrganizationDomainRepresentation();
        domain.setName("plain-organization.example");
        plain.addDomain(domain);
        realm.admin().organizations().create(plain).close();
        String id = realm.admin().organizations().search("Plain Organization").get(0).getId();
        ensurePolicy();

        assertThat(editNatively(id, o -> {
            o.singleAttribute("partner.status", "ACTIVE");
            o.singleAttribute("partner.tier", "gold");
        })).isEqualTo(204);
        assertThat(realm.admin().organizations().get(id).toRepresentation().getAttributes())
                .doesNotContainKeys("partner.status", "partner.tier");
        assertThat(ops().get("/partners/" + id).status()).isEqualTo(404);
        JsonNode record = evidence("type=PARTNER_CHANGE_REVERTED&subject=" + id).get(0);
        assertThat(record.at("/details/reason").asText()).contains("intake");
    }
}
