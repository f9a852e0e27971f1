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
