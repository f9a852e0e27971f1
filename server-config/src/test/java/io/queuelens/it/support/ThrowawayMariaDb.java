package io.queuelens.it.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A database of its own on the local MariaDB (127.0.0.1:3306, root, no password) for one test run,
 * dropped afterwards, so runs never see each other's data.
 */
public final class ThrowawayMariaDb implements AutoCloseable {

    public static final String SERVER_URL = System.getProperty("queuelens.it.mariadb", "jdbc:mysql://127.0.0.1:3306/");
    public static final String USER = "root";

    private final String name;

    private ThrowawayMariaDb(String name) {
        this.name = name;
    }

    public static ThrowawayMariaDb create(String prefix) throws SQLException {
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (Connection c = DriverManager.getConnection(SERVER_URL, USER, ""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
        return new ThrowawayMariaDb(name);
    }

    public String name() {
        return name;
    }

    /** The URL as an operator writes it in QUEUELENS_DB_URL. */
    public String queuelensUrl() {
        return "jdbc:mariadb://127.0.0.1:3306/" + name;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(SERVER_URL + name, USER, "");
    }

    public long count(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Every row of the query, each as its columns' text joined by '|' (for comparing result sets). */
    public java.util.List<String> rows(String sql) throws SQLException {
        java.util.List<String> out = new java.util.ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    row.append(rs.getString(i)).append('|');
                }
                out.add(row.toString());
            }
        }
        return out;
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER_URL, USER, ""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
        }
    }
}
