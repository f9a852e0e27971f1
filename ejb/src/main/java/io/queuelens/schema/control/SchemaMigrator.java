package io.queuelens.schema.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Brings the app database to the latest schema with Flyway before anything else touches it.
 * Every singleton that reads or writes tables declares {@code @DependsOn("SchemaMigrator")}.
 * A failure does not stop the deployment: it is logged once with the setting that fixes it and
 * readiness stays DOWN, so operators see a clear state instead of a half-deployed app.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN) // DDL must not run inside a JTA transaction
public class SchemaMigrator {

    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());

    @Resource(lookup = "jdbc/queuelens")
    DataSource dataSource;

    private volatile MigrationState state = MigrationState.pending();

    @PostConstruct
    void migrateAtStartup() {
        state = migrateSchema(dataSource);
    }

    /** Runs the migrations on any data source; used by the server and by tests. */
    public static MigrationState migrateSchema(DataSource dataSource) {
        String database;
        try (Connection c = dataSource.getConnection()) {
            database = c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getDatabaseProductVersion();
        } catch (SQLException e) {
            String reason = "cannot connect to the app database (" + e.getMessage()
                    + "); check QUEUELENS_DB_URL, QUEUELENS_DB_USER and QUEUELENS_DB_PASSWORD";
            LOG.severe(reason);
            return MigrationState.failed(reason);
        }
        try {
            MigrateResult result = flyway(dataSource).migrate();
            String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
            LOG.log(Level.INFO, "Schema of {0} is at version {1} ({2} migrations applied now)",
                    new Object[]{database, version, result.migrationsExecuted});
            return MigrationState.done(version, result.migrationsExecuted);
        } catch (RuntimeException e) {
            String reason = "schema migration failed on " + database + ": " + e.getMessage();
            LOG.log(Level.SEVERE, reason, e);
            return MigrationState.failed(reason);
        }
    }

    public static Flyway flyway(DataSource dataSource) {
        return Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .table("schema_history")
                .load();
    }

    public MigrationState state() {
        return state;
    }
}
