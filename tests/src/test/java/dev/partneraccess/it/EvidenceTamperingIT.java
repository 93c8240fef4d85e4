package dev.partneraccess.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Someone with database access edits or deletes a ledger row behind the product's back; verify must say where.
 * Runs where the suite's database is reachable from the test (PostgreSQL, MariaDB), not on Keycloak's in-memory H2.
 */
@KeycloakIntegrationTest(config = PartnerAccessServerConfig.class)
class EvidenceTamperingIT extends RegistryTestBase {

    @Test
    void anEditedOrDeletedRecordIsFoundByVerify() throws Exception {
        String url = System.getProperty("kc.test.database.url", "");
        Assumptions.assumeTrue(!url.isBlank() && !"h2".equals(System.getProperty("partner-access.db", "h2")),
                "needs a database the test can reach (-Ddb=postgres or -Ddb=mariadb)");
        for (int i = 0; i < 4; i++) {
            createPartner("Tamper " + i, "tamper-" + i + ".example", "gold", "EMEA");
        }
        assertThat(verify().get("valid").asBoolean()).isTrue();
        long records = verify().get("records").asLong();
        assertThat(records).isGreaterThanOrEqualTo(5);

        try (Connection db = DriverManager.getConnection(url, System.getProperty("kc.test.database.user"),
                System.getProperty("kc.test.database.password"))) {
            String original = details(db, 3);
            update(db, 3, original.replace("Tamper 1", "Tamper 9"));
            JsonNode edited = verify();
            assertThat(edited.get("valid").asBoolean()).isFalse();
            assertThat(edited.get("firstBrokenSeq").asLong()).isEqualTo(3);
            assertThat(edited.get("records").asLong()).isEqualTo(records);

            update(db, 3, original);
            assertThat(verify().get("valid").asBoolean()).isTrue();

            try (PreparedStatement delete = db.prepareStatement("DELETE FROM PA_EVIDENCE WHERE REALM_ID = ? AND SEQ = ?")) {
                delete.setString(1, realm().getId());
                delete.setLong(2, 4);
                assertThat(delete.executeUpdate()).isEqualTo(1);
            }
            JsonNode deleted = verify();
            assertThat(deleted.get("valid").asBoolean()).isFalse();
            assertThat(deleted.get("firstBrokenSeq").asLong()).isEqualTo(4);

            try (PreparedStatement delete = db.prepareStatement("DELETE FROM PA_EVIDENCE WHERE REALM_ID = ? AND SEQ = ?")) {
                delete.setString(1, realm().getId());
                delete.setLong(2, records);
                delete.executeUpdate();
            }
            assertThat(verify().get("firstBrokenSeq").asLong()).isEqualTo(4);
        }
    }

    private JsonNode verify() {
        Api.Reply reply = as("auditor").get("/evidence/verify");
        assertThat(reply.status()).isEqualTo(200);
        return reply.json();
    }

    private String details(Connection db, long seq) throws Exception {
        try (PreparedStatement query = db.prepareStatement("SELECT DETAILS FROM PA_EVIDENCE WHERE REALM_ID = ? AND SEQ = ?")) {
            query.setString(1, realm().getId());
            query.setLong(2, seq);
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).isTrue();
                return rows.getString(1);
            }
        }
    }

    private void update(Connection db, long seq, String details) throws Exception {
        try (PreparedStatement update = db.prepareStatement("UPDATE PA_EVIDENCE SET DETAILS = ? WHERE REALM_ID = ? AND SEQ = ?")) {
            update.setString(1, details);
            update.setString(2, realm().getId());
            update.setLong(3, seq);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }
}
