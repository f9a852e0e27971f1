package io.queuelens.schema.control;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The two databases QueueLens runs on, told apart by the JDBC driver's product name, for the few
 * statements whose SQL differs (H2 has no UTC_TIMESTAMP, no GET_LOCK, no PROCESSLIST). Everything else
 * is written once: H2 runs in MySQL mode.
 */
public enum DatabaseKind {
    /** The embedded default: one server only, never shared by a cluster. */
    H2,
    /** MariaDB or MySQL (mysql-connector-j names either "MySQL" or "MariaDB"). */
    MYSQL;

    public static DatabaseKind of(Connection c) throws SQLException {
        String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("h2")) {
            return H2;
        }
        if (product.contains("mysql") || product.contains("mariadb")) {
            return MYSQL;
        }
        throw new SQLException("QueueLens runs on H2, MariaDB or MySQL, not on " + c.getMetaData().getDatabaseProductName());
    }
}
