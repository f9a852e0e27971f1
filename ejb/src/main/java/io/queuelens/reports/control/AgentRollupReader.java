package io.queuelens.reports.control;

import io.queuelens.rollups.control.AgentRollupStore;
import io.queuelens.rollups.entity.AgentBucket;
import io.queuelens.rollups.entity.Buckets;
import io.queuelens.schema.control.UtcColumns;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads a tenant's agent buckets from {@code rollup_agent_15m} with one query and hands them over
 * one by one while the result set streams (like {@link QueueRollupReader}), so a year of 200 agents
 * is summed holding one row at a time.
 */
public final class AgentRollupReader {

    private static final String SELECT = "SELECT " + AgentRollupStore.COLUMNS + " FROM rollup_agent_15m"
            + " WHERE tenant_id = ? AND bucket_start >= ? AND bucket_start < ?";
    private static final String ORDER = " ORDER BY bucket_start, agent";

    /**
     * Streams the buckets of {@code tenantId} starting in [from, to), ordered by start then agent.
     * {@code sink} runs while the result set is open and must not use {@code c}.
     *
     * @param agents the agents to read; empty = all
     */
    public void scan(Connection c, String tenantId, Instant from, Instant to, Collection<String> agents,
                     Consumer<AgentBucket> sink) throws SQLException {
        Objects.requireNonNull(tenantId, "tenantId");
        Buckets.requireBucketStart(from, "from");
        Buckets.requireBucketStart(to, "to");
        List<String> agentList = List.copyOf(agents);
        String sql = SELECT + (agentList.isEmpty() ? "" : " AND agent IN ("
                + String.join(", ", Collections.nCopies(agentList.size(), "?")) + ")") + ORDER;
        try (PreparedStatement ps = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            String driver = c.getMetaData().getDriverName();
            ps.setFetchSize(driver != null && driver.startsWith("MySQL") ? Integer.MIN_VALUE : QueueRollupReader.FETCH_SIZE);
            ps.setString(1, tenantId);
            ps.setObject(2, UtcColumns.of(from));
            ps.setObject(3, UtcColumns.of(to));
            for (int i = 0; i < agentList.size(); i++) {
                ps.setString(4 + i, agentList.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(AgentRollupStore.read(rs, tenantId));
                }
            }
        }
    }

    /** {@link #scan} into a list, for tests and small ranges. */
    public List<AgentBucket> read(Connection c, String tenantId, Instant from, Instant to, Collection<String> agents)
            throws SQLException {
        List<AgentBucket> out = new ArrayList<>();
        scan(c, tenantId, from, to, agents, out::add);
        return out;
    }

    /** Every agent with a bucket in [from, to), sorted: the system names an agent filter may stand for. */
    public List<String> agentsInRange(Connection c, String tenantId, Instant from, Instant to) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT agent FROM rollup_agent_15m WHERE tenant_id = ?"
                + " AND bucket_start >= ? AND bucket_start < ? ORDER BY agent")) {
            ps.setString(1, tenantId);
            ps.setObject(2, UtcColumns.of(from));
            ps.setObject(3, UtcColumns.of(to));
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /**
     * The agents that were members of one of {@code queues} during [from, to) (a session overlapping
     * it) or answered a visit of one of them that entered in it, sorted.
     */
    public List<String> agentsOfQueues(Connection c, String tenantId, Instant from, Instant to, Collection<String> queues)
            throws SQLException {
        List<String> queueList = List.copyOf(queues);
        String in = String.join(", ", Collections.nCopies(queueList.size(), "?"));
        String sql = "SELECT agent FROM agent_session WHERE tenant_id = ? AND queue IN (" + in + ")"
                + " AND login_at < ? AND (logout_at > ? OR logout_at IS NULL)"
                + " UNION SELECT agent FROM queue_visit WHERE tenant_id = ? AND queue IN (" + in + ")"
                + " AND entered_at >= ? AND entered_at < ? AND agent IS NOT NULL AND connected_at IS NOT NULL"
                + " ORDER BY agent";
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, tenantId);
            for (String q : queueList) {
                ps.setString(i++, q);
            }
            ps.setObject(i++, UtcColumns.of(to));
            ps.setObject(i++, UtcColumns.of(from));
            ps.setString(i++, tenantId);
            for (String q : queueList) {
                ps.setString(i++, q);
            }
            ps.setObject(i++, UtcColumns.of(from));
            ps.setObject(i, UtcColumns.of(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
