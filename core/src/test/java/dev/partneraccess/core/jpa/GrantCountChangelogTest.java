package dev.partneraccess.core.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.changelog.ChangeSet;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;

/** The grant counts' changeset on H2, with the Liquibase that Keycloak runs it with: existing grants are counted. */
class GrantCountChangelogTest {

    private static final String MASTER = "META-INF/partner-access/changelog-master.xml";
    private static final String CHANGESET = "2026-12-02-grant-counts";

    private String url;
    private Connection db;

    @BeforeAll
    static void noAnalytics() {
        System.setProperty("liquibase.analytics.enabled", "false");
    }

    @BeforeEach
    void openDatabase() throws SQLException {
        url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        db = DriverManager.getConnection(url);
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        db.createStatement().execute("SHUTDOWN");
        db.close();
    }

    @Test
    @DisplayName("Given grants of the previous release, then each realm with ACTIVE grants gets its counts, never checked")
    void existingGrantsAreCountedPerRealm() throws Exception {
        migrateUpTo(CHANGESET);
        insertGrant("realm-1", "ACTIVE", false);
        insertGrant("realm-1", "ACTIVE", false);
        insertGrant("realm-1", "ACTIVE", true);
        insertGrant("realm-1", "EXPIRED", true);
        insertGrant("realm-1", "REVOKED", false);
        insertGrant("realm-2", "ACTIVE", true);
        insertGrant("realm-3", "EXPIRED", false);

        migrateRest();

        // realm-3 has no ACTIVE grant: no row, and its first change counts it then.
        assertThat(counts()).containsExactlyInAnyOrder("realm-1|3|1|0", "realm-2|1|1|0");
    }

    @Test
    @DisplayName("Given a new database, then the whole changelog leaves an empty PA_GRANT_COUNT")
    void aNewDatabaseHasNoCounts() throws Exception {
        migrateRest();
        assertThat(counts()).isEmpty();
    }

    private Liquibase liquibase() throws Exception {
        return new Liquibase(MASTER, new ClassLoaderResourceAccessor(getClass().getClassLoader()),
                new JdbcConnection(DriverManager.getConnection(url)));
    }

    private void migrateUpTo(String changeSetId) throws Exception {
        try (Liquibase liquibase = liquibase()) {
            List<ChangeSet> all = liquibase.getDatabaseChangeLog().getChangeSets();
            int before = all.stream().map(ChangeSet::getId).toList().indexOf(changeSetId);
            assertThat(before).as("changeset %s in the master changelog", changeSetId).isPositive();
            quietly(() -> liquibase.update(before, new Contexts(), new LabelExpression()));
        }
    }

    private void migrateRest() throws Exception {
        try (Liquibase liquibase = liquibase()) {
            quietly(() -> liquibase.update(new Contexts(), new LabelExpression()));
        }
    }

    private static void quietly(Scope.ScopedRunner<?> work) throws Exception {
        Scope.child(Scope.Attr.ui, new LoggerUIService(), work);
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
