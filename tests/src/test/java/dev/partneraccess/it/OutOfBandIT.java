package dev.partneraccess.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.ws.rs.core.Response;

/** Governed roles mapped through Keycloak's own admin API, by the realm's ops admin, behind the product's back. */
@KeycloakIntegrationTest(config = PartnerAccessServerConfig.class)
class OutOfBandIT extends AccessTestBase {

    private Keycloak opsConsole;

    @BeforeEach
    void console() {
        useAccessPolicy("revert");
        opsConsole = KeycloakBuilder.builder().serverUrl(urls.getBase()).realm(realm.getName())
                .clientId(PartnersRealm.PORTAL).username("ops-admin").password(PartnersRealm.PASSWORD).build();
    }

    @AfterEach
    void close() {
        opsConsole.close();
    }

    private RealmResource keycloakApi() {
        return opsConsole.realm(realm.getName());
    }

    private RoleRepresentation role(String name) {
        return keycloakApi().roles().get(name).toRepresentation();
    }

    private List<String> realmRolesOf(String userId) {
        return realm.admin().users().get(userId).roles().realmLevel().listAll().stream().map(RoleRepresentation::getName).toList();
    }

    @Test
    void aGovernedRoleMappedDirectlyOrAsAClientRoleIsRevertedAndRecordedWithTheAdmin() {
        String partner = partnerWith("Back Door", "back-door.example", "gold", "EMEA", "oscar.oob");
        String oscar = userId("oscar.oob");

        keycloakApi().users().get(oscar).roles().realmLevel().add(List.of(role("deal-registration"), role("partner-approver-brand")));
        assertThat(realmRolesOf(oscar)).contains("partner-approver-brand").doesNotContain("deal-registration");
        JsonNode reverted = evidence("type=OUT_OF_BAND_GRANT_REVERTED&subject=" + oscar).get(0);
        assertThat(reverted.get("actor").asText()).isEqualTo(userId("ops-admin"));
        assertThat(reverted.at("/details/actorUsername").asText()).isEqualTo("ops-admin");
        assertThat(reverted.at("/details/role").asText()).isEqualTo("deal-registration");
        assertThat(reverted.at("/details/via").asText()).isEqualTo("user-role-mapping");
        assertThat(reverted.at("/details/user").asText()).isEqualTo(oscar);
        assertThat(reverted.get("partner").asText()).isEqualTo(partner);

        String apiClient = realm.admin().clients().findByClientId("partner-api").get(0).getId();
        RoleRepresentation pricing = realm.admin().clients().get(apiClient).roles().get("pricing-api").toRepresentation();
        keycloakApi().users().get(oscar).roles().clientLevel(apiClient).add(List.of(pricing));
        assertThat(realm.admin().users().get(oscar).roles().clientLevel(apiClient).listAll()).isEmpty();
        assertThat(evidence("type=OUT_OF_BAND_GRANT_REVERTED&subject=" + oscar)).extracting(r -> r.at("/details/client").asText())
                .containsExactly("null", "partner-api");
        assertThat(accessToken("oscar.oob").at("/resource_access/partner-api").isMissingNode()).isTrue();
        // The role that is not governed was left alone and recorded nowhere.
        assertThat(evidence("subject=" + oscar)).noneMatch(r -> r.toString().contains("partner-approver-brand"));
    }

    @Test
    void groupMappingsGroupMembershipsAndCompositeRolesAreCaughtToo() {
        String olga = userId("olga.oob");
        Response created = keycloakApi().groups().add(group("channel-team"));
        String groupId = created.getLocation().getPath().replaceAll(".*/", "");
        created.close();
        keycloakApi().users().get(olga).joinGroup(groupId);

        keycloakApi().groups().group(groupId).roles().realmLevel().add(List.of(role("deal-registration")));
        assertThat(realm.admin().groups().group(groupId).roles().realmLevel().listAll()).isEmpty();
        assertThat(realmRolesOf(olga)).doesNotContain("deal-registration");
        JsonNode group = evidence("type=OUT_OF_BAND_GRANT_REVERTED&subject=" + groupId).get(0);
        assertThat(group.at("/details/via").asText()).isEqualTo("group-role-mapping");
        assertThat(group.at("/details/groupName").asText()).isEqualTo("channel-team");

        keycloakApi().roles().get("partner-bundle").addComposites(List.of(role("deal-registration")));
        assertThat(realm.admin().roles().get("partner-bundle").getRoleComposites()).isEmpty();
        String bundleId = role("partner-bundle").getId();
        JsonNode composite = evidence("type=OUT_OF_BAND_GRANT_REVERTED&subject=" + bundleId).get(0);
        assertThat(composite.at("/details/via").asText()).isEqualTo("composite-role");
        assertThat(composite.at("/details/compositeRole").asText()).isEqualTo("partner-bundle");

        // In flag mode the same changes stay, each recorded; a member of the group then holds the role, and a user
        // given the composite role holds it through the composite.
        useAccessPolicy("flag");
        keycloakApi().groups().group(groupId).roles().realmLevel().add(List.of(role("deal-registration")));
        keycloakApi().roles().get("partner-bundle").addComposites(List.of(role("deal-registration")));
        keycloakApi().users().get(userId("oscar.oob")).roles().realmLevel().add(List.of(role("partner-bundle")));
        assertThat(realm.admin().groups().group(groupId).roles().realmLevel().listAll()).extracting(RoleRepresentation::getName)
                .containsExactly("deal-registration");
        assertThat(realm.admin().users().get(olga).roles().realmLevel().listEffective()).extracting(RoleRepresentation::getName)
                .contains("deal-registration");
        assertThat(evidence("type=OUT_OF_BAND_GRANT_FLAGGED&subject=" + groupId)).hasSize(1);
        assertThat(evidence("type=OUT_OF_BAND_GRANT_FLAGGED&subject=" + bundleId)).hasSize(1);
        JsonNode viaComposite = evidence("type=OUT_OF_BAND_GRANT_FLAGGED&subject=" + userId("oscar.oob")).get(0);
        assertThat(viaComposite.at("/details/via").asText()).isEqualTo("composite-role-mapping");
        assertThat(viaComposite.at("/details/mappedRole").asText()).isEqualTo("partner-bundle");

        // Reconciliation lists what is held without a grant.
        JsonNode report = ops().get("/reconciliation").json();
        assertThat(report.get("findings").toString()).contains(groupId).contains("partner-bundle");

        // Back in revert mode, joining a group that carries a governed role is undone.
        useAccessPolicy("revert");
        String nedId = userId("ned.northwind");
        keycloakApi().users().get(nedId).joinGroup(groupId);
        assertThat(realm.admin().users().get(nedId).groups()).isEmpty();
        assertThat(evidence("type=OUT_OF_BAND_GRANT_REVERTED&subject=" + nedId).get(0).at("/details/via").asText())
                .isEqualTo("group-membership");
    }

    private static GroupRepresentation group(String name) {
        GroupRepresentation group = new GroupRepresentation();
        group.setName(name);
        return group;
    }
}
