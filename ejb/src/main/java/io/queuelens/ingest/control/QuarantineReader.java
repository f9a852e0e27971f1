package io.queuelens.ingest.control;

import io.queuelens.ingest.entity.QuarantinedLine;
import io.queuelens.schema.control.UtcColumns;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code quarantined_input} of one tenant, optionally of one source: the count, and one page
 * newest first (ties by id, so pages never overlap or skip a row). Paged in the database.
 */
public final class QuarantineReader {

    private QuarantineReader() {
    }

    /** @param sourceId null = every source of the tenant */
    public static long count(Connection c, String tenantId, String sourceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM quarantined_input WHERE tenant_id = ?"
                + (sourceId == null ? "" : " AND source_id = ?"))) {
            ps.setString(1, tenantId);
            if (sourceId != null) {
                ps.setString(2, sourceId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** @param offset rows to skip, from 0 */
    public static List<QuarantinedLine> page(Connection c, String tenantId, String sourceId, long offset, int limit)
            throws SQLException {
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset >= 0 and limit >= 1, was " + offset + ", " + limit);
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT id, source_id, position, raw_input, reason, received_at "
                + "FROM quarantined_input WHERE tenant_id = ?" + (sourceId == null ? "" : " AND source_id = ?")
                + " ORDER BY received_at DESC, id DESC LIMIT ? OFFSET ?")) {
            int p = 1;
            ps.setString(p++, tenantId);
            if (sourceId != null) {
                ps.setString(p++, sourceId);
            }
            ps.setInt(p++, limit);
            ps.setLong(p, offset);
            List<QuarantinedLine> lines = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lines.add(new QuarantinedLine(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), UtcColumns.instant(rs.getObject(6, LocalDateTime.class))));
                }
            }
            return lines;
        }
    }
}
