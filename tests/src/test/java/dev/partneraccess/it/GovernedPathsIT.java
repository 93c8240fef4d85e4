package dev.partneraccess.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;


import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.Response;

/**
 * Governed roles through Keycloak's own admin paths: refused inside the admin's call with a message that says to
 * request them, where Keycloak fires a model event (a user's role mapping, a group join, also at user creation, a
 * group moved under one holding a governed role); reverted where it does not (a default group, the default roles
 * overwritten by a partial import). Grants still map the role.
 */
@KeycloakIntegrationTest(config = PartnerAccessServerConfig.class)
class GovernedPathsIT extends AccessTestBase {

    private RoleRepresentation dealRegistration() {
        return realm.admin().roles().get("deal-registration").toRepresentation();
    }

    private String group(String name, boolean governed) {
        GroupRepresentation group = new GroupRepresentation();
        group.setName(name);
        try (Response created = realm.admin().groups().add(group)) {
            assertThat(created.getStatus()).isEqualTo(201);
        }
        String id = realm.admin().groups().groups(name, 0, 10).stream().filter(g -> g.getName().equals(name)).findFirst().orElseThrow().getId();
        if (governed) {
            // A group role mapping is reverted by the listener in revert mode; map it while the policy only flags.
            realm.admin().groups().group(id).roles().realmLevel().add(List.of(dealRegistration()));
        }
        return id;
    }

    private static String message(BadRequestException refused) {
        return refused.getResponse().readEntity(String.class);
    }

    @Test
    void aGovernedRoleMappedInKeycloaksConsoleIsRefusedWithTheReasonAndGrantsStillWork() {
        useAccessPolicy("revert");
        partnerWith("Console Paths", "console-paths.example", "registered", "EMEA", "gwen.gold", "gus.gold");
        String gwen = userId("gwen.gold");
        long before = evidenceCount();

        BadRequestException refused = org.junit.jupiter.api.Assertions.assertThrows(BadRequestException.class,
                () -> realm.admin().users().get(gwen).roles().realmLevel().add(List.of(dealRegistration())));
        String body = message(refused);
        assertThat(body).contains("governed by Partner Access").contains("partner-access/requests").contains("errorMessage");
        assertThat(realm.admin().users().get(gwen).roles().realmLevel().listAll()).extracting(RoleRepresentation::getName)
                .doesNotContain("deal-registration");
        assertThat(evidenceCount()).isEqualTo(before);

        // The product's own grant maps the same role.
        granted("gus.gold", 10);
        assertThat(realm.admin().users().get(userId("gus.gold")).roles().realmLevel().listAll())
                .extracting(RoleRepresentation::getName).contains("deal-registration");
    }

    @Test
    void groupsThatWouldCarryAGovernedRoleToUsersAreRefusedOrReverted() {
        useAccessPolicy("flag");
        String governed = group("deal-registrars", true);
        String team = group("emea-team", false);
        useAccessPolicy("revert");

        // Joining the group, at user creation too.
        UserRepresentation user = new UserRepresentation();
        user.setUsername("created-with-group");
        user.setEnabled(true);
        user.setGroups(List.of("/deal-registrars"));
        try (Response created = realm.admin().users().create(user)) {
            assertThat(created.getStatus()).isEqualTo(400);
            assertThat(created.readEntity(String.class)).contains("governed by Partner Access").contains("deal-registrars");
        }
        assertThat(realm.admin().users().search("created-with-group", true)).isEmpty();
        BadRequestException joined = org.junit.jupiter.api.Assertions.assertThrows(BadRequestException.class,
                () -> realm.admin().users().get(userId("sid.silver")).joinGroup(governed));
        assertThat(message(joined)).contains("deal-registrars");
        assertThat(realm.admin().users().get(userId("sid.silver")).groups()).isEmpty();

        // Moving a group with members under one that holds the role.
        realm.admin().users().get(userId("ria.registered")).joinGroup(team);
        GroupRepresentation move = realm.admin().groups().group(team).toRepresentation();
        try (Response moved = realm.admin().groups().group(governed).subGroup(move)) {
            assertThat(moved.getStatus()).isEqualTo(400);
            assertThat(moved.readEntity(String.class)).contains("emea-team");
        }
        assertThat(realm.admin().groups().group(team).toRepresentation().getParentId()).isNull();

        // A default group has no event of its own: it is reverted right after the call, with a record.
        realm.admin().addDefaultGroup(governed);
        assertThat(realm.admin().getDefaultGroups()).extracting(GroupRepresentation::getId).doesNotContain(governed);
        JsonNode reverted = evidence("type=OUT_OF_BAND_GRANT_REVERTED&subject=" + governed).stream()
                .filter(r -> r.at("/details/via").asText().equals("default-group")).findFirst().orElseThrow();
        assertThat(reverted.at("/details/role").asText()).isEqualTo("deal-registration");
    }

    @Test
    void aPartialImportThatPutsAGovernedRoleIntoTheDefaultRolesIsReverted() {
        useAccessPolicy("revert");
        String defaults = "default-roles-" + realm.getName().toLowerCase(java.util.Locale.ROOT);
        String body = "{\"ifResourceExists\":\"OVERWRITE\",\"roles\":{\"realm\":[{\"name\":\"" + defaults + "\",\"composite\":true,"
                + "\"composites\":{\"realm\":[\"offline_access\",\"uma_authorization\",\"deal-registration\"]}}]}}";
        try (Response imported = realm.admin().partialImport(new RealmPartialImport(body).representation())) {
            assertThat(imported.getStatus()).as(imported.readEntity(String.class)).isEqualTo(200);
        }
        sweep();
        List<String> composites = realm.admin().roles().get(defaults).getRoleComposites().stream().map(RoleRepresentation::getName).toList();
        assertThat(composites).doesNotContain("deal-registration");
        assertThat(evidence("type=OUT_OF_BAND_GRANT_REVERTED")).anyMatch(r -> r.at("/details/via").asText().equals("default-role"));
        assertThat(ops().get("/report").json().at("/grants/withoutExpiry").asLong()).isZero();
    }

    @Test
    void usersHoldingAGovernedRoleThroughAGroupCountAsAccessWithoutExpiry() {
        useAccessPolicy("flag");
        String governed = group("flagged-registrars", true);
        realm.admin().users().get(userId("oscar.oob")).joinGroup(governed);
        realm.admin().users().get(userId("olga.oob")).joinGroup(governed);

        assertThat(ops().get("/report").json().at("/grants/withoutExpiry").asLong()).isGreaterThanOrEqualTo(2);
        JsonNode findings = ops().get("/reconciliation").json().get("findings");
        assertThat(findings).anyMatch(f -> f.get("kind").asText().equals("group") && f.path("members").asInt() == 2);
        useAccessPolicy("revert");
        realm.admin().groups().group(governed).remove();
    }

    /** A partial import body, read into Keycloak's own representation. */
    private record RealmPartialImport(String json) {
        org.keycloak.representations.idm.PartialImportRepresentation representation() {
            try {
                return Api.JSON.readValue(json, org.keycloak.representations.idm.PartialImportRepresentation.class);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

}
