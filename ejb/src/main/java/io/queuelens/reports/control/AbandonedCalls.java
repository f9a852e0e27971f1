package io.queuelens.reports.control;

import io.queuelens.reports.entity.AbandonedCall;
import io.queuelens.schema.control.UtcColumns;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Abandoned visits of a scope, newest first, one page at a time (LIMIT/OFFSET in the database), each
 * with the first later answered visit of the same caller number in any queue: a caller who was
 * reached later needs no call back. Visits without a caller number are never "reached".
 */
public final class AbandonedCalls {

    private static final String REACHED = """
            (SELECT MIN(l.connected_at) FROM queue_visit l WHERE l.tenant_id = v.tenant_id
                AND l.caller_number = v.caller_number AND l.outcome = 'ANSWERED' AND l.entered_at > v.entered_at)""";

    private AbandonedCalls() {
    }

    public static long count(Connection c, VisitScope scope) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM queue_visit v WHERE v.outcome = 'ABANDONED' AND "
                + scope.where("v"))) {
            scope.bind(ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** @param offset rows to skip (page * size), from 0 */
    public static List<AbandonedCall> page(Connection c, VisitScope scope, long offset, int limit) throws SQLException {
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset >= 0 and limit >= 1, was " + offset + ", " + limit);
        }
        String sql = "SELECT v.source_id, v.call_id, v.visit_seq, v.queue, v.caller_number, v.entered_at, v.wait_s, "
                + REACHED + " FROM queue_visit v WHERE v.outcome = 'ABANDONED' AND " + scope.where("v")
                + " ORDER BY v.entered_at DESC, v.id DESC LIMIT ? OFFSET ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int p = scope.bind(ps, 1);
            ps.setInt(p++, limit);
            ps.setLong(p, offset);
            List<AbandonedCall> calls = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    calls.add(new AbandonedCall(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                            rs.getString(5), UtcColumns.instant(rs.getObject(6, LocalDateTime.class)), rs.getInt(7),
                            UtcColumns.instant(rs.getObject(8, LocalDateTime.class))));
                }
            }
            return calls;
        }
    }
}
