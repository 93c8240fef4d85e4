package dev.partneraccess.core.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.changelog.ChangeSet;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;

/**
 * A fresh in-memory H2 database for a changeset test, migrated with the product's master changelog by the Liquibase
 * that Keycloak runs it with: up to a changeset (the database as the previous release left it), then the rest.
 */
final class ChangelogDatabase implements AutoCloseable {

    private static final String MASTER = "META-INF/partner-access/changelog-master.xml";

    static {
        System.setProperty("liquibase.analytics.enabled", "false");
    }

    private final String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    private final Connection db;

    ChangelogDatabase() throws SQLException {
        db = DriverManager.getConnection(url);
    }

    Connection connection() {
        return db;
    }

    /** Applies every changeset before {@code changeSetId}. */
    void migrateUpTo(String changeSetId) throws Exception {
        try (Liquibase liquibase = liquibase()) {
            List<ChangeSet> all = liquibase.getDatabaseChangeLog().getChangeSets();
            int before = all.stream().map(ChangeSet::getId).toList().indexOf(changeSetId);
            assertThat(before).as("changeset %s in the master changelog", changeSetId).isPositive();
            quietly(() -> liquibase.update(before, new Contexts(), new LabelExpression()));
        }
    }

    void migrateRest() throws Exception {
        try (Liquibase liquibase = liquibase()) {
            quietly(() -> liquibase.update(new Contexts(), new LabelExpression()));
        }
    }

    private Liquibase liquibase() throws Exception {
        return new Liquibase(MASTER, new ClassLoaderResourceAccessor(getClass().getClassLoader()),
                new JdbcConnection(DriverManager.getConnection(url)));
    }

    /** Liquibase's progress goes to its log, not to the build's output. */
    private static void quietly(Scope.ScopedRunner<?> work) throws Exception {
        Scope.child(Scope.Attr.ui, new LoggerUIService(), work);
    }

    @Override
    public void close() throws SQLException {
        db.createStatement().execute("SHUTDOWN");
        db.close();
    }
}
