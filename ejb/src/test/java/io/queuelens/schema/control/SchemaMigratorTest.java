package io.queuelens.schema.control;

import io.queuelens.testsupport.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Flyway migrations create the same schema on H2 and on MariaDB, and a second run changes nothing. */
class SchemaMigratorTest {

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void migratesAnEmptyDatabaseToTheLatestVersionOnce(String kind) throws Exception {
        try (TestDatabases.Db db = TestDatabases.empty(kind)) {
            MigrationState first = SchemaMigrator.migrateSchema(db.dataSource());
            assertThat(first.done()).as(first.error()).isTrue();
            assertThat(first.applied()).isGreaterThanOrEqualTo(2);

            MigrationState second = SchemaMigrator.migrateSchema(db.dataSource());
            assertThat(second.done()).isTrue();
            assertThat(second.applied()).isZero();
            assertThat(second.version()).isEqualTo(first.version());

            assertThat(tables(db)).contains("tenant", "app_user", "app_user_role", "demo_queue_log", "demo_cdr", "schema_history");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void theSchemaAcceptsWhatTheEntitiesWrite(String kind) throws Exception {
        try (TestDatabases.Db db = TestDatabases.open(kind);
             Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("insert into tenant (id, name, time_zone, locale, currency, created_at) "
                    + "values ('acme', 'ACME Ltd', 'Europe/Istanbul', 'tr-TR', 'TRY', CURRENT_TIMESTAMP)");
            s.executeUpdate("insert into app_user (username, password_hash, must_change_password, enabled, created_at) "
                    + "values ('ayse', 'PBKDF2WithHmacSHA256:2048:x:y', true, true, CURRENT_TIMESTAMP)");
            s.executeUpdate("insert into app_user_role (user_id, role) select id, 'MANAGER' from app_user where username = 'ayse'");
            try (ResultSet rs = s.executeQuery("select count(*) from app_user_role r join app_user u on u.id = r.user_id")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }

    /** V25 reorders agent_pause's unique key and drops the index it now serves: on a database with pauses in it. */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void v25KeepsThePausesAndTheirKeyWithOneIndexLess(String kind) throws Exception {
        try (TestDatabases.Db db = TestDatabases.empty(kind)) {
            org.flywaydb.core.Flyway.configure(SchemaMigrator.class.getClassLoader())
                    .configuration(SchemaMigrator.flyway(db.dataSource()).getConfiguration()).target("24").load().migrate();
            String pause = "insert into agent_pause (tenant_id, source_id, agent, queue, reason, start_at, end_at) values ";
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate(pause + "('acme', 'pbx', 'Ann', 'sales', 'Lunch', '2026-03-10 12:00:00', '2026-03-10 12:30:00')");
                s.executeUpdate(pause + "('acme', 'pbx', 'Ann', 'support', 'Lunch', '2026-03-10 12:00:00', '2026-03-10 12:30:00')");
            }

            MigrationState state = SchemaMigrator.migrateSchema(db.dataSource());
            assertThat(state.done()).as(state.error()).isTrue();

            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("select count(*) from agent_pause where agent = 'Ann'")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(2);
                }
                assertThatThrownBy(() -> s.executeUpdate(pause
                        + "('acme', 'pbx', 'Ann', 'sales', 'Coffee', '2026-03-10 12:00:00', null)"))
                        .isInstanceOf(java.sql.SQLException.class);
                // by columns: H2 names a unique constraint's index after the constraint with a suffix
                assertThat(indexColumns(c, "agent_pause").values()).containsExactlyInAnyOrder(List.of("id"),
                        List.of("tenant_id", "agent", "start_at", "source_id", "queue"), List.of("tenant_id", "agent", "end_at"));
            }
        }
    }

    /** Index name -> its columns in order (lower case), from the driver's metadata: the same question on both databases. */
    private static java.util.Map<String, List<String>> indexColumns(Connection c, String table) throws Exception {
        java.util.Map<String, java.util.TreeMap<Short, String>> byIndex = new java.util.TreeMap<>();
        try (ResultSet rs = c.getMetaData().getIndexInfo(c.getCatalog(), null, table, false, false)) {
            while (rs.next()) {
                String index = rs.getString("INDEX_NAME");
                String column = rs.getString("COLUMN_NAME");
                if (index != null && column != null) {
                    byIndex.computeIfAbsent(index.toLowerCase(java.util.Locale.ROOT), k -> new java.util.TreeMap<>())
                            .put(rs.getShort("ORDINAL_POSITION"), column.toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        java.util.Map<String, List<String>> out = new java.util.TreeMap<>();
        byIndex.forEach((index, columns) -> out.put(index, List.copyOf(columns.values())));
        return out;
    }

    @org.junit.jupiter.api.Test
    void anUnreachableDatabaseGivesOneClearReasonNamingTheSettings() {
        com.mysql.cj.jdbc.MysqlDataSource nowhere = new com.mysql.cj.jdbc.MysqlDataSource();
        nowhere.setURL("jdbc:mysql://127.0.0.1:1/none?connectTimeout=2000");
        MigrationState state = SchemaMigrator.migrateSchema(nowhere);
        assertThat(state.done()).isFalse();
        assertThat(state.error()).startsWith("cannot connect to the app database").contains("QUEUELENS_DB_URL");
    }

    private static List<String> tables(TestDatabases.Db db) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection();
             ResultSet rs = c.getMetaData().getTables(c.getCatalog(), null, "%", new String[]{"TABLE"})) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME").toLowerCase());
            }
        }
        return names;
    }
}
