package io.queuelens.ops.control;

import io.queuelens.ops.entity.OpsStatus.DatabasePool;
import io.queuelens.schema.control.DatabaseKind;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * How many connections of the app database are open and busy. Payara Micro publishes JDBC pool
 * statistics only with its monitoring service and AMX switched on (off by default, and AMX is not
 * booted in Micro), so the figures are counted where they always exist: the database's own session
 * list ({@code information_schema.PROCESSLIST} on MariaDB/MySQL, {@code INFORMATION_SCHEMA.SESSIONS}
 * on H2), restricted to this database user and schema. Busy excludes the session asking.
 */
public final class DatabasePoolProbe {

    private DatabasePoolProbe() {
    }

    public static DatabasePool probe(DataSource dataSource, long max) {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            if (DatabaseKind.of(c) == DatabaseKind.H2) {
                try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS")) {
                    rs.next();
                    return new DatabasePool("h2-sessions", rs.getLong(1), -1, max, null);
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*), COALESCE(SUM(COMMAND <> 'Sleep'), 0) "
                    + "FROM information_schema.PROCESSLIST WHERE USER = SUBSTRING_INDEX(USER(), '@', 1) "
                    + "AND DB <=> DATABASE()")) {
                rs.next();
                return new DatabasePool("database-processlist", rs.getLong(1), Math.max(0, rs.getLong(2) - 1), max, null);
            }
        } catch (SQLException | RuntimeException e) {
            return new DatabasePool("database-processlist", -1, -1, max, String.valueOf(e.getMessage()));
        }
    }
}
