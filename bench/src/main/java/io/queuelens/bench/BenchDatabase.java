package io.queuelens.bench;

import io.queuelens.schema.control.MigrationState;
import io.queuelens.schema.control.SchemaMigrator;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * A throwaway MariaDB database for a load program, migrated by the product's {@link SchemaMigrator}
 * and reached the way the server reaches it: mysql-connector-j with the URL and driver properties
 * the cli puts into the server's pool ({@code cli PostBootCommands.MYSQL_DRIVER_PROPERTIES}, repeated in
 * {@link #DRIVER_PROPERTIES} because bench does not depend on cli). Connections are reused like a
 * pool's: opening one per commit would measure TCP handshakes, which the server's pool never does.
 */
final class BenchDatabase implements AutoCloseable {

    static final String SERVER = System.getProperty("queuelens.bench.db", "jdbc:mysql://127.0.0.1:3306/");
    static final String USER = System.getProperty("queuelens.bench.user", "root");

    /** The properties cli's PostBootCommands gives the production pool for MariaDB/MySQL. */
    static final Map<String, String> PRODUCTION_PROPERTIES = Map.of("rewriteBatchedStatements", "true");

    /** The production properties, or {@code -Dqueuelens.bench.driverProperties=k=v,k=v} ("" = none) to compare settings. */
    static final Map<String, String> DRIVER_PROPERTIES = driverProperties();

    private static Map<String, String> driverProperties() {
        String given = System.getProperty("queuelens.bench.driverProperties");
        if (given == null) {
            return PRODUCTION_PROPERTIES;
        }
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String kv : given.split(",")) {
            if (!kv.isBlank()) {
                String[] p = kv.split("=", 2);
                out.put(p[0].trim(), p.length > 1 ? p[1].trim() : "true");
            }
        }
        return out;
    }

    final String name;
    private final ReusingPool pool;
    final DataSource dataSource;

    private BenchDatabase(String name) {
        this.name = name;
        this.pool = new ReusingPool(() -> connect(name, DRIVER_PROPERTIES));
        this.dataSource = pool;
    }

    /** A new, migrated database named {@code qlens_bench_<random>}. */
    static BenchDatabase create() throws SQLException {
        String name = "qlens_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (Connection c = connect("", Map.of()); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
        BenchDatabase db = new BenchDatabase(name);
        MigrationState state = SchemaMigrator.migrateSchema(db.dataSource);
        if (!state.done()) {
            db.close();
            throw new IllegalStateException("migration failed: " + state.error());
        }
        return db;
    }

    /** A separate connection to this database with extra driver properties (e.g. allowLoadLocalInfile). */
    Connection connectWith(Map<String, String> extra) throws SQLException {
        return connect(name, extra);
    }

    static Connection connect(String database, Map<String, String> properties) throws SQLException {
        StringBuilder url = new StringBuilder(SERVER).append(database).append("?user=").append(USER).append("&password=");
        properties.forEach((k, v) -> url.append('&').append(k).append('=').append(v));
        com.mysql.cj.jdbc.MysqlDataSource ds = new com.mysql.cj.jdbc.MysqlDataSource();
        ds.setURL(url.toString());
        return ds.getConnection();
    }

    @Override
    public void close() throws SQLException {
        try {
            pool.closeAll();
        } finally {
            if (Boolean.getBoolean("queuelens.bench.keepDatabase")) {
                System.out.println("kept database " + name);
                return;
            }
            try (Connection c = connect("", Map.of()); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name);
            }
        }
    }

    /**
     * Like the server's pool: connections are opened once and reused (a rollup settlement borrows a
     * second one for its queue side); close() returns a connection, rolled back, instead of closing it.
     */
    private static final class ReusingPool implements DataSource {
        interface Opener {
            Connection open() throws SQLException;
        }

        private final Opener opener;
        private final java.util.concurrent.ConcurrentLinkedDeque<Connection> idle = new java.util.concurrent.ConcurrentLinkedDeque<>();
        private final java.util.List<Connection> all = new java.util.concurrent.CopyOnWriteArrayList<>();

        ReusingPool(Opener opener) {
            this.opener = opener;
        }

        void closeAll() throws SQLException {
            for (Connection c : all) {
                c.close();
            }
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection found = idle.pollFirst();
            if (found == null) {
                found = opener.open();
                all.add(found);
            }
            Connection physical = found;
            java.util.concurrent.atomic.AtomicBoolean returned = new java.util.concurrent.atomic.AtomicBoolean();
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("close")) {
                            if (returned.getAndSet(true)) {
                                return null; // closed twice: it must not be handed out twice
                            }
                            if (!physical.getAutoCommit()) {
                                physical.rollback(); // like a pool: nothing left open leaks into the next borrower
                                physical.setAutoCommit(true);
                            }
                            idle.addFirst(physical);
                            return null;
                        }
                        try {
                            return method.invoke(physical, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
