package io.queuelens.testsupport;

import io.queuelens.schema.control.MigrationState;
import io.queuelens.schema.control.SchemaMigrator;
import org.h2.jdbcx.JdbcDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Throwaway databases migrated by the product's own {@link SchemaMigrator}: in-memory H2 in the mode
 * the server uses, and a fresh database on the real MariaDB at 127.0.0.1:3306 (root, no password).
 * SQL-touching tests run on both ({@code @ValueSource(strings = {"h2", "mariadb"})}). An unreachable
 * MariaDB fails the test: skipping would hide exactly what these tests are for.
 */
public final class TestDatabases {

    public static final String H2_MODE = ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=50000";
    private static final String MARIADB_SERVER = "jdbc:mysql://127.0.0.1:3306/?user=root&password=";

    private TestDatabases() {
    }

    /** A database and how to throw it away. */
    public record Db(String kind, DataSource dataSource, Runnable drop) implements AutoCloseable {
        @Override
        public void close() {
            drop.run();
        }

        @Override
        public String toString() {
            return kind;
        }

        /** The rows {@code sql} selects, one line each, every column but those labelled {@code id} (generated) ending in '|'. */
        public String rows(String sql) throws java.sql.SQLException {
            StringBuilder sb = new StringBuilder();
            try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement s = c.createStatement();
                 java.sql.ResultSet rs = s.executeQuery(sql)) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= n; i++) {
                        if (!rs.getMetaData().getColumnLabel(i).equalsIgnoreCase("id")) {
                            sb.append(rs.getString(i)).append('|');
                        }
                    }
                    sb.append('\n');
                }
            }
            return sb.toString();
        }
    }

    /** @param kind {@code h2} or {@code mariadb} */
    public static Db open(String kind) throws SQLException {
        Db db = empty(kind);
        MigrationState state = SchemaMigrator.migrateSchema(db.dataSource());
        if (!state.done()) {
            db.close();
            throw new IllegalStateException("migration failed on " + kind + ": " + state.error());
        }
        return db;
    }

    /** A database with no tables at all. */
    public static Db empty(String kind) throws SQLException {
        return switch (kind) {
            case "h2" -> h2();
            case "mariadb" -> mariaDb();
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static Db h2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:t" + UUID.randomUUID().toString().replace("-", "") + H2_MODE + ";DB_CLOSE_DELAY=-1");
        return new Db("h2", ds, () -> run(ds, "SHUTDOWN"));
    }

    private static Db mariaDb() throws SQLException {
        String name = "qlens_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        com.mysql.cj.jdbc.MysqlDataSource admin = new com.mysql.cj.jdbc.MysqlDataSource();
        admin.setURL(MARIADB_SERVER);
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException e) {
            throw new SQLException("MariaDB on 127.0.0.1:3306 (root, empty password) is needed by this test; "
                    + "start it (.ci/run does): " + e.getMessage(), e);
        }
        com.mysql.cj.jdbc.MysqlDataSource ds = new com.mysql.cj.jdbc.MysqlDataSource();
        ds.setURL("jdbc:mysql://127.0.0.1:3306/" + name + "?user=root&password=&rewriteBatchedStatements=true");
        return new Db("mariadb", ds, () -> run(admin, "DROP DATABASE IF EXISTS " + name));
    }

    private static void run(DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
