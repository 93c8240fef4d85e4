package dev.partneraccess.core.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;


/** The grant counts' changeset on H2, with the Liquibase that Keycloak runs it with: existing grants are counted. */
class GrantCountChangelogTest {

    private static final String CHANGESET = "2026-12-02-grant-counts";

    private ChangelogDatabase database;
    private Connection db;

    @BeforeEach
    void openDatabase() throws SQLException {
        database = new ChangelogDatabase();
        db = database.connection();
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        database.close();
    }

    @Test
    @DisplayName("Given grants of the previous release, then each realm with ACTIVE grants gets its counts, never checked")
    void existingGrantsAreCountedPerRealm() throws Exception {
        database.migrateUpTo(CHANGESET);
        insertGrant("realm-1", "ACTIVE", false);
        insertGrant("realm-1", "ACTIVE", false);
        insertGrant("realm-1", "ACTIVE", true);
        insertGrant("realm-1", "EXPIRED", true);
        insertGrant("realm-1", "REVOKED", false);
        insertGrant("realm-2", "ACTIVE", true);
        insertGrant("realm-3", "EXPIRED", false);

        database.migrateRest();

        // realm-3 has no ACTIVE grant: no row, and its first change counts it then.
        assertThat(counts()).containsExactlyInAnyOrder("realm-1|3|1|0", "realm-2|1|1|0");
    }

    @Test
    @DisplayName("Given a new database, then the whole changelog leaves an empty PA_GRANT_COUNT")
    void aNewDatabaseHasNoCounts() throws Exception {
        database.migrateRest();
        assertThat(counts()).isEmpty();
    }

    private void insertGrant(String realmId, String status, boolean exception) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO PA_GRANT (ID, REALM_ID, USER_ID, PARTNER_ID,"
                + " ROLE_ID, ROLE_NAME, GRANTED_AT, EXPIRES_AT, STATUS, VERSION, EXCEPTION)"
                + " VALUES (?, ?, 'user-1', 'partner-1', 'role-1', 'deal-registration', 0, 1000, ?, 0, ?)")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, realmId);
            insert.setString(3, status);
            insert.setBoolean(4, exception);
            insert.executeUpdate();
        }
    }

    private List<String> counts() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = db.createStatement().executeQuery("SELECT REALM_ID, ACTIVE, EXCEPTIONS, CHECKED_AT FROM PA_GRANT_COUNT")) {
            while (rs.next()) {
                rows.add(String.join("|", rs.getString(1), String.valueOf(rs.getLong(2)), String.valueOf(rs.getLong(3)),
                        String.valueOf(rs.getLong(4))));
            }
        }
        return rows;
    }
}
