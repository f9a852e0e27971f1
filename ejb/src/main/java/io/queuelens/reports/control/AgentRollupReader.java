package io.queuelens.reports.control;

import io.queuelens.rollups.control.AgentRollupStore;
import io.queuelens.rollups.entity.AgentBucket;
import io.queuelens.rollups.entity.Buckets;
import io.queuelens.rollups.entity.QuietQuarters;
import io.queuelens.schema.control.UtcColumns;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads a tenant's agent buckets from {@code rollup_agent_15m} with one query and hands them over
 * one by one while the result set streams (like {@link QueueRollupReader}), so a year of 200 agents
 * is summed holding one row at a time. The quiet buckets ({@code rollup_agent_quiet}, a row of bits
 * per agent and UTC day: {@link QuietQuarters}) are read first, held as those bits (a year of 200
 * agents: 73,000 small rows), and merged into the stream in its order.
 */
public final class AgentRollupReader {

    private static final String SELECT = "SELECT " + AgentRollupStore.COLUMNS + " FROM rollup_agent_15m"
            + " WHERE tenant_id = ? AND bucket_start >= ? AND bucket_start < ?";
    private static final String ORDER = " ORDER BY bucket_start, agent";

    /**
     * Streams the buckets of {@code tenantId} starting in [from, to), ordered by start then agent
     * (case-insensitively where a quiet bucket meets a row of the same start).
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
        QuietBuckets quiet = new QuietBuckets(tenantId, from, to, quietDays(c, tenantId, from, to, agentList));
        Consumer<AgentBucket> merged = row -> {
            while (quiet.before(row)) {
                sink.accept(quiet.next());
            }
            sink.accept(row);
        };
        rows(c, tenantId, from, to, agentList, merged);
        while (quiet.hasNext()) {
            sink.accept(quiet.next());
        }
    }

    private static void rows(Connection c, String tenantId, Instant from, Instant to, List<String> agentList,
                             Consumer<AgentBucket> sink) throws SQLException {
        String sql = SELECT + agentFilter(agentList) + ORDER;
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

    /** The days of quiet quarter hours that [from, to) touches, by day then agent. */
    private static List<QuietDay> quietDays(Connection c, String tenantId, Instant from, Instant to, List<String> agentList)
            throws SQLException {
        List<QuietDay> out = new ArrayList<>();
        if (!from.isBefore(to)) {
            return out;
        }
        String sql = "SELECT agent, utc_day, quarters_low, quarters_high FROM rollup_agent_quiet WHERE tenant_id = ? "
                + "AND utc_day >= ? AND utc_day <= ?" + agentFilter(agentList);
        java.util.Map<String, String> names = new java.util.HashMap<>(); // one String per agent, not per day
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tenantId);
            ps.setObject(2, QuietQuarters.day(from));
            ps.setObject(3, QuietQuarters.day(to.minus(Buckets.WIDTH)));
            for (int i = 0; i < agentList.size(); i++) {
                ps.setString(4 + i, agentList.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String agent = names.computeIfAbsent(rs.getString(1), a -> a);
                    out.add(new QuietDay(agent, rs.getObject(2, LocalDate.class), new QuietQuarters(rs.getLong(3), rs.getLong(4))));
                }
            }
        }
        out.sort(java.util.Comparator.comparing(QuietDay::day).thenComparing(QuietDay::agent, String.CASE_INSENSITIVE_ORDER));
        return out;
    }

    /** {@code AND agent IN (?, ...)} for the agents, or nothing for all. */
    private static String agentFilter(List<String> agentList) {
        return agentList.isEmpty() ? "" : " AND agent IN (" + String.join(", ", Collections.nCopies(agentList.size(), "?")) + ")";
    }

    private record QuietDay(String agent, LocalDate day, QuietQuarters quarters) {
    }

    /**
     * The quiet buckets of [from, to) in the rows' order: day by day, quarter hour by quarter hour, agent by agent
     * (a day's agents at a time, 96 x agents bits looked at per day).
     */
    private static final class QuietBuckets {
        private final String tenantId;
        private final Instant from;
        private final Instant to;
        private final List<QuietDay> days;
        private int dayStart; // the first day of `days` not yet done
        private final List<QuietDay> today = new ArrayList<>();
        private int quarter;
        private int agent;
        private AgentBucket next;

        QuietBuckets(String tenantId, Instant from, Instant to, List<QuietDay> days) {
            this.tenantId = tenantId;
            this.from = from;
            this.to = to;
            this.days = days;
            advance();
        }

        boolean hasNext() {
            return next != null;
        }

        /** Whether the next quiet bucket comes before {@code row} (never the same bucket: a bucket is quiet or a row). */
        boolean before(AgentBucket row) {
            if (next == null) {
                return false;
            }
            int byStart = next.start().compareTo(row.start());
            return byStart < 0 || byStart == 0 && String.CASE_INSENSITIVE_ORDER.compare(next.agent(), row.agent()) < 0;
        }

        AgentBucket next() {
            AgentBucket out = next;
            advance();
            return out;
        }

        private void advance() {
            next = null;
            while (true) {
                while (quarter < QuietQuarters.PER_DAY && !today.isEmpty()) {
                    while (agent < today.size()) {
                        QuietDay d = today.get(agent++);
                        if (d.quarters().has(quarter)) {
                            Instant start = QuietQuarters.start(d.day(), quarter);
                            if (!start.isBefore(from) && start.isBefore(to)) {
                                next = new AgentBucket(tenantId, d.agent(), start, QuietQuarters.QUIET);
                                return;
                            }
                        }
                    }
                    agent = 0;
                    quarter++;
                }
                if (dayStart >= days.size()) {
                    return;
                }
                today.clear();
                LocalDate day = days.get(dayStart).day();
                while (dayStart < days.size() && days.get(dayStart).day().equals(day)) {
                    today.add(days.get(dayStart++));
                }
                quarter = 0;
                agent = 0;
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
        // a day of quiet quarter hours counts when it touches the range: at most a few names more, never one less
        try (PreparedStatement ps = c.prepareStatement("SELECT agent FROM rollup_agent_15m WHERE tenant_id = ?"
                + " AND bucket_start >= ? AND bucket_start < ? UNION SELECT agent FROM rollup_agent_quiet WHERE tenant_id = ?"
                + " AND utc_day >= ? AND utc_day <= ? ORDER BY agent")) {
            ps.setString(1, tenantId);
            ps.setObject(2, UtcColumns.of(from));
            ps.setObject(3, UtcColumns.of(to));
            ps.setString(4, tenantId);
            ps.setObject(5, QuietQuarters.day(from));
            ps.setObject(6, QuietQuarters.day(to.minus(Buckets.WIDTH)));
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
