package io.queuelens.cluster.control;

import io.queuelens.cluster.entity.Lease;
import io.queuelens.schema.control.DatabaseKind;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The {@code tenant_lease} table. Every time is the database's ({@code UTC_TIMESTAMP(3)} on
 * MariaDB/MySQL, which no session time zone or daylight saving shifts), so the members' clocks never
 * matter; every change is one conditional UPDATE, so two members racing for a lease cannot both win.
 * Statements carry a query timeout: a hung database must not hold the keeper beyond its lease.
 */
public final class LeaseStore {

    private final DataSource dataSource;
    private final int queryTimeoutSeconds;
    private volatile String now;

    /** @param queryTimeoutSeconds how long one statement may take (at least 1) */
    public LeaseStore(DataSource dataSource, int queryTimeoutSeconds) {
        this.dataSource = dataSource;
        this.queryTimeoutSeconds = Math.max(1, queryTimeoutSeconds);
    }

    /** The database's "now" in SQL: UTC on MariaDB/MySQL; H2 (never shared by a cluster) has no UTC_TIMESTAMP. */
    private String now(Connection c) throws SQLException {
        String n = now;
        if (n == null) {
            n = DatabaseKind.of(c) == DatabaseKind.H2 ? "LOCALTIMESTAMP(3)" : "UTC_TIMESTAMP(3)";
            now = n;
        }
        return n;
    }

    /** The database's now plus a parameter in MICROseconds (MariaDB's TIMESTAMPADD knows no milliseconds). */
    private String plusParameter(Connection c) throws SQLException {
        return "TIMESTAMPADD(MICROSECOND, ?, " + now(c) + ")";
    }

    /**
     * Adds a free lease row for every tenant that has none yet. Another member adding the same row at
     * the same moment makes this one fail on the key; that is success too.
     */
    public void addMissingTenants() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO tenant_lease (tenant_id, holder, token, expires_at) "
                     + "SELECT t.id, NULL, 0, " + plusParameter(c) + " FROM tenant t WHERE NOT EXISTS "
                     + "(SELECT 1 FROM tenant_lease l WHERE l.tenant_id = t.id)")) {
            ps.setQueryTimeout(queryTimeoutSeconds);
            // Free since a moment ago, so the same round can take it (a lease is free once now has passed
            // expires_at, and the round's next statement may run within the same millisecond); not long
            // free, so a new tenant goes to a member with room in its fair share.
            ps.setLong(1, -1_000_000);
            ps.executeUpdate();
        } catch (SQLException e) {
            if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
                throw e;
            }
        }
    }

    /** @param longFreeMillis how long a lease must have been free to count as {@link Lease#longFree} */
    public List<Lease> all(long longFreeMillis) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT tenant_id, holder, token, "
                     + "CASE WHEN expires_at < " + now(c) + " THEN 1 ELSE 0 END, "
                     + "CASE WHEN expires_at < " + plusParameter(c) + " THEN 1 ELSE 0 END, "
                     + "TIMESTAMPDIFF(MICROSECOND, " + now(c) + ", expires_at) "
                     + "FROM tenant_lease ORDER BY tenant_id")) {
            ps.setQueryTimeout(queryTimeoutSeconds);
            ps.setLong(1, -longFreeMillis * 1000);
            List<Lease> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Lease(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getInt(4) == 1, rs.getInt(5) == 1,
                            Math.floorDiv(rs.getLong(6), 1000)));
                }
            }
            return out;
        }
    }

    /**
     * Takes the lease of {@code tenantId} for {@code member} if it is free (released or run out), has
     * been free for {@code freeForMillis}, or is already this member's (a holder that fenced itself
     * takes it back as a new tenure). The token goes one up.
     *
     * @return the new token, or empty when another member holds it
     */
    public OptionalLong acquire(String tenantId, String member, long ttlMillis, long freeForMillis) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                int changed;
                try (PreparedStatement ps = c.prepareStatement("UPDATE tenant_lease SET holder = ?, token = token + 1, "
                        + "expires_at = " + plusParameter(c) + ", acquired_at = " + now(c)
                        + " WHERE tenant_id = ? AND (holder = ? OR expires_at < " + plusParameter(c) + ")")) {
                    ps.setQueryTimeout(queryTimeoutSeconds);
                    ps.setString(1, member);
                    ps.setLong(2, ttlMillis * 1000);
                    ps.setString(3, tenantId);
                    ps.setString(4, member);
                    // a released lease keeps its release time as expires_at: free since then, like one that ran out
                    ps.setLong(5, -freeForMillis * 1000);
                    changed = ps.executeUpdate();
                }
                if (changed != 1) {
                    c.rollback();
                    return OptionalLong.empty();
                }
                long token;
                try (PreparedStatement ps = c.prepareStatement("SELECT token FROM tenant_lease WHERE tenant_id = ?")) {
                    ps.setQueryTimeout(queryTimeoutSeconds);
                    ps.setString(1, tenantId);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        token = rs.getLong(1);
                    }
                }
                c.commit();
                return OptionalLong.of(token);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        }
    }

    /**
     * Extends this member's lease by {@code ttlMillis} from the database's now, only if the tenure
     * ({@code token}) is still this member's and has not run out: a lease that ran out may already
     * be another member's, and even if not, its sources were stopped.
     *
     * @return whether the lease is still held
     */
    public boolean renew(String tenantId, String member, long token, long ttlMillis) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE tenant_lease SET expires_at = " + plusParameter(c)
                     + " WHERE tenant_id = ? AND holder = ? AND token = ? AND expires_at >= " + now(c))) {
            ps.setQueryTimeout(queryTimeoutSeconds);
            ps.setLong(1, ttlMillis * 1000);
            ps.setString(2, tenantId);
            ps.setString(3, member);
            ps.setLong(4, token);
            return ps.executeUpdate() == 1;
        }
    }

    /** Gives the lease up at once (orderly shutdown), so a peer need not wait for it to run out. */
    public boolean release(String tenantId, String member, long token) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE tenant_lease SET holder = NULL, expires_at = " + now(c)
                     + " WHERE tenant_id = ? AND holder = ? AND token = ?")) {
            ps.setQueryTimeout(queryTimeoutSeconds);
            ps.setString(1, tenantId);
            ps.setString(2, member);
            ps.setLong(3, token);
            return ps.executeUpdate() == 1;
        }
    }
}
