package io.queuelens.audit.control;

import io.queuelens.audit.entity.AuditEntry;
import io.queuelens.audit.entity.AuditPage;
import io.queuelens.audit.entity.AuditQuery;
import io.queuelens.audit.entity.Audited;
import io.queuelens.schema.control.UtcColumns;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Lines in {@code audit_log} (V14). Texts longer than their column are cut with an ellipsis rather than
 * refused: losing the tail of a detail is better than losing the line (or the change it records).
 */
public final class AuditTable {

    private AuditTable() {
    }

    public static void insert(Connection c, Audited e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log (occurred_at, actor, tenant_id, action, "
                + "target, detail) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, UtcColumns.of(e.at()));
            ps.setString(2, cut(e.actor(), 100));
            ps.setString(3, cut(e.tenantId(), 64));
            ps.setString(4, cut(e.action(), 64));
            ps.setString(5, cut(e.target(), 255));
            ps.setString(6, cut(e.detail(), 1000));
            ps.executeUpdate();
        }
    }

    /** The query's page, newest first (by time, then by insertion for lines of the same millisecond). */
    public static AuditPage page(Connection c, AuditQuery q) throws SQLException {
        List<Object> args = new ArrayList<>();
        String where = where(q, args);
        long count;
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM audit_log" + where)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                count = rs.getLong(1);
            }
        }
        List<AuditEntry> items = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, occurred_at, actor, tenant_id, action, target, detail "
                + "FROM audit_log" + where + " ORDER BY occurred_at DESC, id DESC LIMIT ? OFFSET ?")) {
            int n = bind(ps, args);
            ps.setInt(n++, q.size());
            ps.setLong(n, (long) q.page() * q.size());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(new AuditEntry(rs.getLong(1), UtcColumns.instant(rs.getObject(2, LocalDateTime.class)),
                            rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)));
                }
            }
        }
        return new AuditPage(count, q.page(), q.size(), items);
    }

    private static String where(AuditQuery q, List<Object> args) {
        List<String> terms = new ArrayList<>();
        if (q.from() != null) {
            terms.add("occurred_at >= ?");
            args.add(UtcColumns.of(q.from()));
        }
        if (q.to() != null) {
            terms.add("occurred_at < ?");
            args.add(UtcColumns.of(q.to()));
        }
        if (q.tenantId() != null) {
            terms.add("tenant_id = ?");
            args.add(q.tenantId());
        }
        if (q.actor() != null) {
            terms.add("actor = ?");
            args.add(q.actor());
        }
        if (q.action() != null) {
            terms.add("action = ?");
            args.add(q.action());
        }
        return terms.isEmpty() ? "" : " WHERE " + String.join(" AND ", terms);
    }

    private static int bind(PreparedStatement ps, List<Object> args) throws SQLException {
        int n = 1;
        for (Object a : args) {
            ps.setObject(n++, a);
        }
        return n;
    }

    static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
