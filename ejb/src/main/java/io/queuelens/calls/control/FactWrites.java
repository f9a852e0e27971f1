package io.queuelens.calls.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The tenant's count of fact-writing transactions and its last writer ({@code fact_writes}, V23). Every transaction
 * that writes facts adds one and names itself, as its last statement (so the row is locked only for the commit's last
 * moment). A writer whose commits each make the next count, and who is still the last writer, knows that no one else
 * has written the tenant's facts since its first commit. That is what lets a bulk import settle its rollups from the
 * facts it holds (rollups {@code HeldFacts}) and fall back to reading them as soon as it is not the only writer.
 */
public final class FactWrites {

    private FactWrites() {
    }

    /**
     * Adds one write of the tenant's facts by {@code writer} in {@code c}'s transaction and returns the count it made.
     */
    public static long add(Connection c, String tenantId, String writer) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO fact_writes (tenant_id, writes, writer) VALUES (?, 1, ?) "
                + "ON DUPLICATE KEY UPDATE writes = writes + 1, writer = VALUES(writer)")) {
            ps.setString(1, tenantId);
            ps.setString(2, writer);
            ps.executeUpdate();
        }
        return read(c, tenantId);
    }

    /** The last writer of the tenant's facts as {@code c}'s transaction sees it, or null before the first write. */
    public static String lastWriter(Connection c, String tenantId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT writer FROM fact_writes WHERE tenant_id = ?")) {
            ps.setString(1, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** The count as {@code c}'s transaction sees it: 0 before the tenant's first write. */
    public static long read(Connection c, String tenantId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT writes FROM fact_writes WHERE tenant_id = ?")) {
            ps.setString(1, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** Whether the tenant has any fact at all (one index dive per fact table). */
    public static boolean anyFacts(Connection c, String tenantId) throws SQLException {
        for (String table : new String[]{"queue_visit", "agent_session", "agent_pause", "ring_no_answer"}) {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + table + " WHERE tenant_id = ? LIMIT 1")) {
                ps.setString(1, tenantId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
