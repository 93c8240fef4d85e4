package dev.partneraccess.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

import jakarta.ws.rs.BadRequestException;
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
    void aGovernedRoleMappedDirectlyOrAsAClientRoleIsRefusedInsideTheAdminsCallWithTheReason() throws Exception {
        partnerWith("Back Door", "back-door.example", "gold", "EMEA", "oscar.oob");
        String oscar = userId("oscar.oob");
        long before = evidenceCount();

        BadRequestException refused = assertThrows(BadRequestException.class, () -> keycloakApi().users().get(oscar).roles()
                .realmLevel().add(List.of(role("deal-registration"), role("partner-approver-brand"))));
        // Keycloak's admin console and kcadm.sh show errorMessage: the admin sees why, and the call changed nothing.
        assertThat(Api.JSON.readTree(refused.getResponse().readEntity(String.class)).get("errorMessage").asText())
                .contains("realm role 'deal-registration' is governed by Partner Access")
                .contains("POST /admin/realms/" + realm.getName() + "/partner-access/requests");
        assertThat(realmRolesOf(oscar)).doesNotContain("deal-registration", "partner-approver-brand");

        String apiClient = realm.admin().clients().findByClientId("partner-api").get(0).getId();
        RoleRepresentation pricing = realm.admin().clients().get(apiClient).roles().get("pricing-api").toRepresentation();
        BadRequestException clientRole = assertThrows(BadRequestException.class,
                () -> keycloakApi().users().get(oscar).roles().clientLevel(apiClient).add(List.of(pricing)));
        assertThat(clientRole.getResponse().readEntity(String.class)).contains("role 'pricing-api' of client 'partner-api'");
        assertThat(realm.admin().users().get(oscar).roles().clientLevel(apiClient).listAll()).isEmpty();
        assertThat(accessToken("oscar.oob").at("/resource_access/partner-api").isMissingNode()).isTrue();
        assertThat(evidenceCount()).as("a refused call writes nothing").isEqualTo(before);

        // The role that is not governed maps as before, recorded nowhere.
        keycloakApi().users().get(oscar).roles().realmLevel().add(List.of(role("partner-approver-brand")));
        assertThat(realmRolesOf(oscar)).contains("partner-approver-brand");
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

        // Back in revert mode, joining a group that carries a governed role is refused inside the call.
        useAccessPolicy("revert");
        String nedId = userId("ned.northwind");
        BadRequestException joined = assertThrows(BadRequestException.class, () -> keycloakApi().users().get(nedId).joinGroup(groupId));
        assertThat(joined.getResponse().readEntity(String.class)).contains("through group 'channel-team'");
        assertThat(realm.admin().users().get(nedId).groups()).isEmpty();
    }

    private static GroupRepresentation group(String name) {
        GroupRepresentation group = new GroupRepresentation();
        group.setName(name);
        return group;
    }
}
