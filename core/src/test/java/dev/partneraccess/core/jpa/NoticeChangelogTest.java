package dev.partneraccess.core.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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


/** The product's changelog on H2, with the Liquibase that Keycloak runs it with. */
class NoticeChangelogTest {

    private static final String FIRST_NEW = "2026-12-01-notice-subjects";
    private static final String REALM = "realm-1";
    private static final String GRANT = "11111111-1111-1111-1111-111111111111";
    private static final String ACCOUNT = "22222222-2222-2222-2222-222222222222";
    private static final String GONE_ACCOUNT = "33333333-3333-3333-3333-333333333333";

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
    @DisplayName("Given notices in the old table, then each lands in PA_NOTICE with its subject, kind and a positive threshold")
    void oldNoticesKeepTheirMeaningInTheNewTable() throws Exception {
        migrateUpTo(FIRST_NEW);
        insertServiceAccount(ACCOUNT);
        insertOldNotice(GRANT, 14, 1000L);
        insertOldNotice(GRANT, 1, 1001L);
        insertOldNotice(ACCOUNT, 7, 2000L);
        insertOldNotice(ACCOUNT, -7, 3000L);
        insertOldNotice(GONE_ACCOUNT, -1, 4000L);

        database.migrateRest();

        assertThat(newNotices()).containsExactlyInAnyOrder(
                row("GRANT", GRANT, "EXPIRY", 14, 1000L),
                row("GRANT", GRANT, "EXPIRY", 1, 1001L),
                row("SERVICE_ACCOUNT", ACCOUNT, "EXPIRY", 7, 2000L),
                row("SERVICE_ACCOUNT", ACCOUNT, "SECRET_AGE", 7, 3000L),
                // a secret notice whose account row is gone is still a service account's
                row("SERVICE_ACCOUNT", GONE_ACCOUNT, "SECRET_AGE", 1, 4000L));
        assertThat(tableExists("PA_GRANT_NOTICE")).isFalse();
    }

    @Test
    @DisplayName("Given a migrated notice, then the same notice cannot be recorded a second time")
    void aMigratedNoticeIsNotGivenTwice() throws Exception {
        migrateUpTo(FIRST_NEW);
        insertServiceAccount(ACCOUNT);
        insertOldNotice(ACCOUNT, -14, 3000L);
        database.migrateRest();

        // The key the product writes is the migrated row's key, so a second write of it is refused by either key.
        assertThatThrownBy(() -> insertNewNotice(NoticeEntity.key(NoticeSubjectType.SERVICE_ACCOUNT, ACCOUNT,
                NoticeKind.SECRET_AGE, 14))).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> insertNewNotice("another id")).isInstanceOf(SQLException.class);
    }

    @Test
    @DisplayName("Given a new database, then the whole changelog leaves PA_NOTICE and no PA_GRANT_NOTICE")
    void aNewDatabaseGetsOnlyTheNewTable() throws Exception {
        database.migrateRest();
        assertThat(tableExists("PA_NOTICE")).isTrue();
        assertThat(tableExists("PA_GRANT_NOTICE")).isFalse();
        assertThat(newNotices()).isEmpty();
    }

    /** The database as the previous release left it: the old notice table, not yet the new one. */
    private void migrateUpTo(String changeSetId) throws Exception {
        database.migrateUpTo(changeSetId);
        assertThat(tableExists("PA_GRANT_NOTICE")).isTrue();
        assertThat(tableExists("PA_NOTICE")).isFalse();
    }

    private void insertServiceAccount(String id) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO PA_SERVICE_ACCOUNT (ID, REALM_ID, PARTNER_ID,"
                + " CLIENT_ID, PURPOSE, OWNER_ID, CREATED_AT, EXPIRES_AT, SECRET_ROTATED_AT, ENABLED, VERSION)"
                + " VALUES (?, ?, 'partner-1', 'partner-client', 'nightly export', 'owner-1', 0, 0, 0, TRUE, 0)")) {
            insert.setString(1, id);
            insert.setString(2, REALM);
            insert.executeUpdate();
        }
    }

    private void insertOldNotice(String subjectId, int thresholdDays, long sentAt) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO PA_GRANT_NOTICE (ID, REALM_ID, GRANT_ID,"
                + " THRESHOLD_DAYS, SENT_AT) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, subjectId + ":" + thresholdDays);
            insert.setString(2, REALM);
            insert.setString(3, subjectId);
            insert.setInt(4, thresholdDays);
            insert.setLong(5, sentAt);
            insert.executeUpdate();
        }
    }

    private void insertNewNotice(String id) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO PA_NOTICE (ID, REALM_ID, SUBJECT_TYPE, SUBJECT_ID,"
                + " KIND, THRESHOLD_DAYS, SENT_AT) VALUES (?, ?, 'SERVICE_ACCOUNT', ?, 'SECRET_AGE', 14, 5000)")) {
            insert.setString(1, id);
            insert.setString(2, REALM);
            insert.setString(3, ACCOUNT);
            insert.executeUpdate();
        }
    }

    private static String row(String subjectType, String subjectId, String kind, int thresholdDays, long sentAt) {
        String id = NoticeEntity.key(NoticeSubjectType.valueOf(subjectType), subjectId, NoticeKind.valueOf(kind), thresholdDays);
        return String.join("|", id, REALM, subjectType, subjectId, kind, String.valueOf(thresholdDays), String.valueOf(sentAt));
    }

    private List<String> newNotices() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = db.createStatement().executeQuery("SELECT ID, REALM_ID, SUBJECT_TYPE, SUBJECT_ID, KIND,"
                + " THRESHOLD_DAYS, SENT_AT FROM PA_NOTICE")) {
            while (rs.next()) {
                rows.add(String.join("|", rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), String.valueOf(rs.getInt(6)), String.valueOf(rs.getLong(7))));
            }
        }
        return rows;
    }

    private boolean tableExists(String table) throws SQLException {
        try (ResultSet rs = db.getMetaData().getTables(null, null, table, null)) {
            return rs.next();
        }
    }
}
