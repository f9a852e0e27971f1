package io.queuelens.rollups.control;

import io.queuelens.kpi.entity.AgentTotals;
import io.queuelens.rollups.entity.AgentBucket;
import io.queuelens.rollups.entity.Buckets;
import io.queuelens.schema.control.InList;
import io.queuelens.schema.control.MultiRowInsert;
import io.queuelens.schema.control.UtcColumns;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
import java.util.TreeMap;

/**
 * Persists agent buckets in {@code rollup_agent_15m} with plain JDBC batches inside the caller's
 * transaction, and owns the table's column mapping ({@link #COLUMNS}, {@link #read}) so the report
 * reader and the refresher agree on it.
 *
 * <p>Agent buckets are replaced per agent and range (the range then holds exactly what the timeline
 * produced; only rows that differ are written), never patched: an agent's time depends on overlaps across the whole timeline, so only a
 * recomputation is exact, and replacing makes a replay after a crash harmless.
 */
public final class AgentRollupStore {

    /** The columns {@link #read} reads, in order. */
    public static final String COLUMNS = "agent, bucket_start, logged_in_ms, talk_ms, hold_ms, acw_ms, answered, "
            + "ring_no_answer, paused_ms_by_reason";

    static final String INSERT = "INSERT INTO rollup_agent_15m (tenant_id, agent, bucket_start, logged_in_ms, paused_ms, "
            + "talk_ms, hold_ms, acw_ms, answered, ring_no_answer, paused_ms_by_reason) VALUES";
    static final String ON_DUPLICATE = "ON DUPLICATE KEY UPDATE logged_in_ms = VALUES(logged_in_ms), paused_ms = VALUES(paused_ms), "
            + "talk_ms = VALUES(talk_ms), hold_ms = VALUES(hold_ms), acw_ms = VALUES(acw_ms), answered = VALUES(answered), "
            + "ring_no_answer = VALUES(ring_no_answer), paused_ms_by_reason = VALUES(paused_ms_by_reason)";

    static final String DELETE_ONE = "DELETE FROM rollup_agent_15m WHERE tenant_id = ? AND agent = ? AND bucket_start = ?";

    /** Rows per JDBC batch: amortizes round trips, bounds driver memory. */
    private static final int BATCH_SIZE = 1000;
    private static final int IN_CHUNK = 500;

    /** One agent's range to clear before its recomputed buckets are inserted. */
    public record Range(String agent, Instant from, Instant to) {
        public Range {
            Buckets.requireBucketStart(from, "from");
            Buckets.requireBucketStart(to, "to");
        }
    }

    /**
     * Afterwards the table holds exactly {@code buckets} (which must lie inside the ranges) in those
     * ranges. Only the difference is written: the stored rows of the ranges are read in one query
     * per {@value #IN_CHUNK} agents, rows equal to their recomputed bucket are left alone, changed and
     * new ones upserted, and rows without a bucket deleted. A refresh recomputes an hour of context
     * around the touched time, so most of its buckets come out unchanged; deleting and inserting them
     * all again was most of an import's database time.
     *
     * @return buckets written (inserted or changed)
     */
    public int replace(Connection c, String tenantId, Collection<Range> ranges, Collection<AgentBucket> buckets)
            throws SQLException {
        // the agent column compares case-insensitively: a stored spelling variant of an agent is in its
        // range too, and is deleted (before the upserts) as the former delete-then-insert did
        Map<String, List<Range>> rangesByAgent = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Range r : ranges) {
            rangesByAgent.computeIfAbsent(r.agent(), a -> new ArrayList<>()).add(r);
        }
        Map<AgentKey, AgentTotals> stored = stored(c, tenantId, rangesByAgent);
        List<AgentBucket> changed = new ArrayList<>();
        for (AgentBucket b : buckets) {
            if (!b.tenantId().equals(tenantId)) {
                throw new IllegalArgumentException("bucket of tenant " + b.tenantId() + " written for " + tenantId);
            }
            AgentTotals before = stored.remove(new AgentKey(b.agent(), b.start()));
            if (!b.totals().equals(before)) {
                changed.add(b);
            }
        }
        deleteRows(c, tenantId, stored.keySet());
        upsert(c, tenantId, changed);
        return changed.size();
    }

    private record AgentKey(String agent, Instant start) {
    }

    /** The stored rows inside the ranges, by agent and bucket start. */
    private static Map<AgentKey, AgentTotals> stored(Connection c, String tenantId, Map<String, List<Range>> rangesByAgent)
            throws SQLException {
        Map<AgentKey, AgentTotals> out = new HashMap<>();
        List<String> agents = new ArrayList<>(rangesByAgent.keySet());
        InList in = InList.of(c);
        for (int i = 0; i < agents.size(); i += IN_CHUNK) {
            List<String> chunk = agents.subList(i, Math.min(agents.size(), i + IN_CHUNK));
            Instant from = null;
            Instant to = null;
            for (String agent : chunk) {
                for (Range r : rangesByAgent.get(agent)) {
                    from = from == null || r.from().isBefore(from) ? r.from() : from;
                    to = to == null || r.to().isAfter(to) ? r.to() : to;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM rollup_agent_15m WHERE tenant_id = ? "
                    + "AND " + in.sql("agent", chunk.size()) + " "
                    + "AND bucket_start >= ? AND bucket_start < ?")) {
                ps.setString(1, tenantId);
                int j = in.bind(ps, 2, chunk);
                ps.setObject(j++, UtcColumns.of(from));
                ps.setObject(j, UtcColumns.of(to));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        AgentBucket b = read(rs, tenantId);
                        if (inRanges(b, rangesByAgent.get(b.agent()))) {
                            out.put(new AgentKey(b.agent(), b.start()), b.totals());
                        }
                    }
                }
            }
        }
        return out;
    }

    private static boolean inRanges(AgentBucket b, List<Range> ranges) {
        if (ranges == null) {
            return false; // equal under the collation in another way than case (accents): left as before
        }
        for (Range r : ranges) {
            if (!b.start().isBefore(r.from()) && b.start().isBefore(r.to())) {
                return true;
            }
        }
        return false;
    }

    private static void deleteRows(Connection c, String tenantId, Collection<AgentKey> keys) throws SQLException {
        int pending = 0;
        try (PreparedStatement ps = c.prepareStatement(DELETE_ONE)) {
            for (AgentKey k : keys) {
                ps.setString(1, tenantId);
                ps.setString(2, k.agent());
                ps.setObject(3, UtcColumns.of(k.start()));
                ps.addBatch();
                if (++pending == BATCH_SIZE) {
                    ps.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                ps.executeBatch();
            }
        }
    }

    private static void upsert(Connection c, String tenantId, Collection<AgentBucket> buckets) throws SQLException {
        try (MultiRowInsert rows = MultiRowInsert.into(c, INSERT, 11, ON_DUPLICATE)) {
            for (AgentBucket b : buckets) {
                AgentTotals t = b.totals();
                rows.text(tenantId).text(b.agent()).time(b.start()).number(t.loggedInMillis()).number(t.pausedMillis())
                        .number(t.talkMillis()).number(t.holdMillis()).number(t.acwMillis()).number(t.answered())
                        .number(t.ringNoAnswer()).text(encode(t.pausedMillisByReason())).endRow();
            }
        }
    }

    /** Reads the {@link #COLUMNS} of the current row. */
    public static AgentBucket read(ResultSet rs, String tenantId) throws SQLException {
        String agent = rs.getString(1);
        Instant start = UtcColumns.instant(rs.getObject(2, LocalDateTime.class));
        AgentTotals t = new AgentTotals(rs.getLong(3), decode(rs.getString(9)), rs.getLong(4), rs.getLong(5),
                rs.getLong(6), rs.getLong(7), rs.getLong(8));
        return new AgentBucket(tenantId, agent, start, t);
    }

    /** {@code reason=ms&reason=ms}, reasons URL-encoded and sorted, so equal totals give equal text. */
    static String encode(Map<String, Long> byReason) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Long> e : new TreeMap<>(byReason).entrySet()) {
            if (!sb.isEmpty()) {
                sb.append('&');
            }
            sb.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=').append(e.getValue());
        }
        return sb.toString();
    }

    static Map<String, Long> decode(String text) {
        Map<String, Long> out = new TreeMap<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        for (String pair : text.split("&")) {
            int eq = pair.lastIndexOf('=');
            if (eq <= 0) {
                throw new IllegalStateException("rollup_agent_15m.paused_ms_by_reason is damaged: '" + pair + "'");
            }
            out.merge(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    Long.parseLong(pair.substring(eq + 1)), Long::sum);
        }
        return out;
    }
}
