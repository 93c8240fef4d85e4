package dev.partneraccess.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.PartialImportRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code system} in the ledger means scheduled work, and nothing else: a user whose id is {@code system} (a partial
 * import keeps the ids it is given) is recorded as {@code user:system}, and a user id that itself begins with
 * {@code user:} gets the prefix too, so every record still names exactly one actor.
 */
@KeycloakIntegrationTest(config = PartnerAccessServerConfig.class)
class EvidenceActorIT extends AccessTestBase {

    /** 36 characters, the longest id Keycloak stores; recorded with its prefix it takes 41. */
    private static final String PREFIXED_ID = "user:0123456789abcdef0123456789abcde";

    @Test
    void aUserWithTheIdSystemIsNeverRecordedAsSystem() {
        importAdmin("system", "sys-admin");
        importAdmin(PREFIXED_ID, "prefixed-admin");
        assertThat(realm.admin().users().get("system").toRepresentation().getUsername()).isEqualTo("sys-admin");
        useAccessPolicy("revert");
        String partner = partnerWith("Actor Partner", "actor.example", "gold", "EMEA", "gwen.gold", "gus.gold");
        String gwens = request("gwen.gold", AccessRealm.SELF_SERVICE_ROLE, null, 5).get("grantId").asText();
        String guss = request("gus.gold", AccessRealm.SELF_SERVICE_ROLE, null, 5).get("grantId").asText();

        Api.Reply suspended = as("sys-admin").post("/partners/" + partner + "/suspend", reason("Suspended by the imported admin."));
        assertThat(suspended.status()).as(suspended.toString()).isEqualTo(200);
        JsonNode suspension = evidence("partner=" + partner + "&type=PARTNER_SUSPENDED").get(0);
        assertThat(suspension.get("actor").asText()).isEqualTo("user:system");
        assertThat(suspension.at("/details/actorUsername").asText()).isEqualTo("sys-admin");

        Api.Reply revoked = as("sys-admin").post("/grants/" + gwens + "/revoke", reason("Revoked by the imported admin."));
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        assertThat(evidence("subject=" + gwens + "&type=GRANT_REVOKED").get(0).get("actor").asText()).isEqualTo("user:system");

        Api.Reply byPrefixed = as("prefixed-admin").post("/grants/" + guss + "/revoke", reason("Revoked by the other one."));
        assertThat(byPrefixed.status()).as(byPrefixed.toString()).isEqualTo(200);
        JsonNode prefixed = evidence("subject=" + guss + "&type=GRANT_REVOKED").get(0);
        assertThat(prefixed.get("actor").asText()).isEqualTo("user:" + PREFIXED_ID);
        assertThat(prefixed.at("/details/actorUsername").asText()).isEqualTo("prefixed-admin");

        assertThat(evidence("partner=" + partner)).extracting(r -> r.get("actor").asText()).doesNotContain("system");
        JsonNode verified = ops().get("/evidence/verify").json();
        assertThat(verified.get("valid").asBoolean()).isTrue();
    }

    /** A realm admin with the given id, through Keycloak's partial import (the admin API assigns ids of its own). */
    private void importAdmin(String id, String username) {
        UserRepresentation user = new UserRepresentation();
        user.setId(id);
        user.setUsername(username);
        user.setEmail(username + "@users.example");
        user.setEmailVerified(true);
        user.setFirstName(username);
        user.setLastName("Imported");
        user.setEnabled(true);
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(PartnersRealm.PASSWORD);
        password.setTemporary(false);
        user.setCredentials(List.of(password));
        user.setClientRoles(Map.of("realm-management", List.of("manage-users", "view-users", "view-events")));
        PartialImportRepresentation partial = new PartialImportRepresentation();
        partial.setUsers(List.of(user));
        partial.setIfResourceExists(PartialImportRepresentation.Policy.FAIL.name());
        try (var response = realm.admin().partialImport(partial)) {
            assertThat(response.getStatus()).as(response.readEntity(String.class)).isEqualTo(200);
        }
    }
}
