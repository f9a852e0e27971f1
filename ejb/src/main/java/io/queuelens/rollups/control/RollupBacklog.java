package io.queuelens.rollups.control;

import io.queuelens.schema.control.UtcColumns;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The rollups a reader still owes ({@code rollup_backlog}, V8): the time span its deferred commits
 * touched and the agents whose facts they wrote. Written inside the caller's transaction, next to the
 * facts, so the record of what is owed can never lag the facts themselves.
 */
public final class RollupBacklog {

    /** What one reader owes: rebuild [from, to) for the queues, and for these agents. */
    public record Owed(String tenantId, String sourceId, String reader, Instant from, Instant to, List<String> agents) {
        public Owed {
            agents = List.copyOf(agents);
        }
    }

    private RollupBacklog() {
    }

    /** Widens the reader's span to include [from, to] and adds the agents (idempotent). */
    public static void add(Connection c, String tenantId, String sourceId, String reader, Instant from, Instant to,
                           Collection<String> newAgents) throws SQLException {
        Optional<Owed> owed = load(c, tenantId, sourceId, reader);
        Instant lo = owed.map(o -> o.from().isBefore(from) ? o.from() : from).orElse(from);
        Instant hi = owed.map(o -> o.to().isAfter(to) ? o.to() : to).orElse(to);
        if (owed.isEmpty() || !lo.equals(owed.get().from()) || !hi.equals(owed.get().to())) {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO rollup_backlog (tenant_id, source_id, reader, from_at, to_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
                    ON DUPLICATE KEY UPDATE from_at = VALUES(from_at), to_at = VALUES(to_at), updated_at = VALUES(updated_at)""")) {
                ps.setString(1, tenantId);
                ps.setString(2, sourceId);
                ps.setString(3, reader);
                ps.setObject(4, UtcColumns.of(lo));
                ps.setObject(5, UtcColumns.of(hi));
                ps.setObject(6, UtcColumns.of(Instant.now()));
                ps.executeUpdate();
            }
        }
        if (newAgents.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO rollup_backlog_agent (tenant_id, source_id, reader, agent) VALUES (?, ?, ?, ?)
                ON DUPLICATE KEY UPDATE agent = VALUES(agent)""")) {
            for (String agent : newAgents) {
                ps.setString(1, tenantId);
                ps.setString(2, sourceId);
                ps.setString(3, reader);
                ps.setString(4, agent);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public static Optional<Owed> load(Connection c, String tenantId, String sourceId, String reader) throws SQLException {
        Instant from;
        Instant to;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT from_at, to_at FROM rollup_backlog WHERE tenant_id = ? AND source_id = ? AND reader = ?")) {
            ps.setString(1, tenantId);
            ps.setString(2, sourceId);
            ps.setString(3, reader);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                from = UtcColumns.instant(rs.getObject(1, LocalDateTime.class));
                to = UtcColumns.instant(rs.getObject(2, LocalDateTime.class));
            }
        }
        TreeSet<String> agents = new TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT agent FROM rollup_backlog_agent WHERE tenant_id = ? AND source_id = ? AND reader = ?")) {
            ps.setString(1, tenantId);
            ps.setString(2, sourceId);
            ps.setString(3, reader);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    agents.add(rs.getString(1));
                }
            }
        }
        return Optional.of(new Owed(tenantId, sourceId, reader, from, to, new ArrayList<>(agents)));
    }

    /** Every reader's backlog (for settling what an import killed before its end left behind). */
    public static List<Owed> all(Connection c) throws SQLException {
        List<String[]> keys = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT tenant_id, source_id, reader FROM rollup_backlog");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                keys.add(new String[]{rs.getString(1), rs.getString(2), rs.getString(3)});
            }
        }
        List<Owed> out = new ArrayList<>();
        for (String[] k : keys) {
            load(c, k[0], k[1], k[2]).ifPresent(out::add);
        }
        return out;
    }

    /** Marks everything before {@code from} settled (the agents stay owed: they may have facts after it). */
    public static void advance(Connection c, String tenantId, String sourceId, String reader, Instant from)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE rollup_backlog SET from_at = ?, updated_at = ? "
                + "WHERE tenant_id = ? AND source_id = ? AND reader = ? AND from_at < ?")) {
            ps.setObject(1, UtcColumns.of(from));
            ps.setObject(2, UtcColumns.of(Instant.now()));
            ps.setString(3, tenantId);
            ps.setString(4, sourceId);
            ps.setString(5, reader);
            ps.setObject(6, UtcColumns.of(from));
            ps.executeUpdate();
        }
    }

    public static void clear(Connection c, String tenantId, String sourceId, String reader) throws SQLException {
        for (String table : new String[]{"rollup_backlog", "rollup_backlog_agent"}) {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM " + table + " WHERE tenant_id = ? AND source_id = ? AND reader = ?")) {
                ps.setString(1, tenantId);
                ps.setString(2, sourceId);
                ps.setString(3, reader);
                ps.executeUpdate();
            }
        }
    }
}
