package io.queuelens.rollups.control;

import io.queuelens.calls.control.FactStore;
import io.queuelens.calls.entity.AgentPause;
import io.queuelens.calls.entity.AgentSession;
import io.queuelens.calls.entity.QueueVisit;
import io.queuelens.rollups.entity.BucketKey;
import io.queuelens.schema.control.InList;
import io.queuelens.schema.control.UtcColumns;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link FactReads} from the tenant's stored facts, in the caller's transaction. The statements name the tenant's
 * agents or queues so that each stays on its index (see the chunk sizes); the callers chunk the agent lists.
 */
public final class SqlFactReads implements FactReads {

    /**
     * Agents per read by agent (one index range each; here and in the queue side's live look-up of after-call work):
     * under MariaDB's eq_range_index_dive_limit (200), so the optimizer counts by index dives instead of statistics,
     * which chose full table scans for hundreds of agents (see AgentRollupRefresher's IN_CHUNK).
     */
    static final int AGENT_CHUNK = 150;

    private final String tenantId;

    public SqlFactReads(String tenantId) {
        this.tenantId = java.util.Objects.requireNonNull(tenantId, "tenantId");
    }

    @Override
    public FactReads inTransaction(Connection c) {
        return this;
    }

    @Override
    public List<String> queues(Connection c) throws SQLException {
        return FactStore.queuesOf(c, tenantId);
    }

    @Override
    public void visitBuckets(Connection c, List<String> queues, Instant from, Instant to, Set<BucketKey> into)
            throws SQLException {
        if (queues.isEmpty()) {
            return;
        }
        // naming the queues keeps this on the (tenant, queue, entered_at) index: without them every day of a long
        // rebuild walked all of the tenant's visits
        InList in = InList.of(c);
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT queue, entered_at FROM queue_visit WHERE tenant_id = ? AND "
                + in.sql("queue", queues.size()) + " AND entered_at >= ? AND entered_at < ?")) {
            ps.setString(1, tenantId);
            int i = in.bind(ps, 2, queues);
            ps.setObject(i++, UtcColumns.of(from));
            ps.setObject(i, UtcColumns.of(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    into.add(BucketKey.of(rs.getString(1), time(rs, 2)));
                }
            }
        }
    }

    @Override
    public List<QueueVisit> visitsEnteredBetween(Connection c, List<String> queues, Instant from, Instant to)
            throws SQLException {
        return FactStore.visitsEnteredBetween(c, tenantId, queues, from, to);
    }

    @Override
    public List<QueueVisit> visitsOfCallers(Connection c, List<String> callers, Instant from, Instant to)
            throws SQLException {
        return FactStore.visitsOfCallers(c, tenantId, callers, from, to);
    }

    /**
     * Only the named agents: naming them lets the unique key's (tenant, agent, start_at) prefix read just the range (V25).
     */
    @Override
    public List<AgentPause> pausesStartingBetween(Connection c, Collection<String> agentSet, Instant from, Instant to)
            throws SQLException {
        List<AgentPause> pauses = new ArrayList<>();
        List<String> agents = new ArrayList<>(agentSet);
        InList in = InList.of(c);
        for (int i = 0; i < agents.size(); i += AGENT_CHUNK) {
            List<String> chunk = agents.subList(i, Math.min(agents.size(), i + AGENT_CHUNK));
            try (PreparedStatement ps = c.prepareStatement("SELECT tenant_id, source_id, agent, queue, reason, start_at, end_at "
                    + "FROM agent_pause WHERE tenant_id = ? AND " + in.sql("agent", chunk.size())
                    + " AND start_at >= ? AND start_at < ?")) {
                ps.setString(1, tenantId);
                int j = in.bind(ps, 2, chunk);
                ps.setObject(j++, UtcColumns.of(from));
                ps.setObject(j, UtcColumns.of(to));
                readPauses(ps, pauses);
            }
        }
        return pauses;
    }

    @Override
    public List<AgentPause> pausesOverlapping(Connection c, List<String> agents, Instant endsAfter, Instant startFrom,
                                              Instant startTo) throws SQLException {
        List<AgentPause> out = new ArrayList<>();
        InList inList = InList.of(c);
        boolean whole = startFrom == null;
        try (PreparedStatement ps = c.prepareStatement("SELECT tenant_id, source_id, agent, queue, reason, start_at, end_at "
                + "FROM agent_pause WHERE tenant_id = ? AND " + inList.sql("agent", agents.size()) + " "
                + "AND (end_at > ? OR end_at IS NULL) AND start_at < ?" + (whole ? "" : " AND start_at >= ?"))) {
            int i = bind(ps, inList, agents);
            ps.setObject(i++, UtcColumns.of(endsAfter));
            ps.setObject(i++, UtcColumns.of(startTo));
            if (!whole) {
                ps.setObject(i, UtcColumns.of(startFrom));
            }
            readPauses(ps, out);
        }
        return out;
    }

    @Override
    public List<AgentSession> sessionsOverlapping(Connection c, List<String> agents, Instant from, Instant to)
            throws SQLException {
        List<AgentSession> out = new ArrayList<>();
        InList inList = InList.of(c);
        try (PreparedStatement ps = c.prepareStatement("SELECT tenant_id, source_id, agent, queue, login_at, logout_at "
                + "FROM agent_session WHERE tenant_id = ? AND " + inList.sql("agent", agents.size()) + " "
                + "AND (logout_at > ? OR logout_at IS NULL) AND login_at < ?")) {
            int i = bind(ps, inList, agents);
            ps.setObject(i++, UtcColumns.of(from));
            ps.setObject(i, UtcColumns.of(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AgentSession(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            time(rs, 5), time(rs, 6)));
                }
            }
        }
        return out;
    }

    @Override
    public List<QueueVisit> callsEnding(Connection c, List<String> agents, Instant endFrom, Instant endBefore,
                                        Instant connectedBefore) throws SQLException {
        List<QueueVisit> out = new ArrayList<>();
        InList inList = InList.of(c);
        try (PreparedStatement ps = c.prepareStatement(FactStore.SELECT_VISIT + "WHERE tenant_id = ? AND "
                + inList.sql("agent", agents.size()) + " AND ((ended_at >= ? AND ended_at < ?) OR ended_at IS NULL) "
                + "AND connected_at IS NOT NULL AND connected_at < ?")) {
            int i = bind(ps, inList, agents);
            ps.setObject(i++, UtcColumns.of(endFrom));
            ps.setObject(i++, UtcColumns.of(endBefore));
            ps.setObject(i, UtcColumns.of(connectedBefore));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(FactStore.visit(rs));
                }
            }
        }
        return out;
    }

    @Override
    public Map<String, List<Instant>> ringsBetween(Connection c, List<String> agents, Instant from, Instant to)
            throws SQLException {
        Map<String, List<Instant>> out = new HashMap<>();
        InList inList = InList.of(c);
        try (PreparedStatement ps = c.prepareStatement("SELECT agent, rang_at FROM ring_no_answer WHERE tenant_id = ? "
                + "AND " + inList.sql("agent", agents.size()) + " AND rang_at >= ? AND rang_at < ?")) {
            int i = bind(ps, inList, agents);
            ps.setObject(i++, UtcColumns.of(from));
            ps.setObject(i, UtcColumns.of(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), a -> new ArrayList<>()).add(time(rs, 2));
                }
            }
        }
        return out;
    }

    private int bind(PreparedStatement ps, InList in, List<String> agents) throws SQLException {
        ps.setString(1, tenantId);
        return in.bind(ps, 2, agents);
    }

    private static void readPauses(PreparedStatement ps, List<AgentPause> into) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                into.add(new AgentPause(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), time(rs, 6), time(rs, 7)));
            }
        }
    }

    private static Instant time(ResultSet rs, int column) throws SQLException {
        return UtcColumns.instant(rs.getObject(column, LocalDateTime.class));
    }
}
