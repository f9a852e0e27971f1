package io.queuelens.rollups.control;

import io.queuelens.kpi.entity.AgentTotals;
import io.queuelens.rollups.entity.AgentBucket;
import io.queuelens.rollups.entity.Buckets;
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
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Persists agent buckets in {@code rollup_agent_15m} with plain JDBC batches inside the caller's
 * transaction, and owns the table's column mapping ({@link #COLUMNS}, {@link #read}) so the report
 * reader and the refresher agree on it.
 *
 * <p>Agent buckets are replaced per agent and range (delete, then insert what the timeline
 * produced), never patched: an agent's time depends on overlaps across the whole timeline, so only a
 * recomputation is exact, and replacing makes a replay after a crash harmless.
 */
public final class AgentRollupStore {

    /** The columns {@link #read} reads, in order. */
    public static final String COLUMNS = "agent, bucket_start, logged_in_ms, talk_ms, hold_ms, acw_ms, answered, "
            + "ring_no_answer, paused_ms_by_reason";

    static final String INSERT = "INSERT INTO rollup_agent_15m (tenant_id, agent, bucket_start, logged_in_ms, paused_ms, "
            + "talk_ms, hold_ms, acw_ms, answered, ring_no_answer, paused_ms_by_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    static final String DELETE_RANGE = "DELETE FROM rollup_agent_15m WHERE tenant_id = ? AND agent = ? "
            + "AND bucket_start >= ? AND bucket_start < ?";

    /** Rows per JDBC batch: amortizes round trips, bounds driver memory. */
    private static final int BATCH_SIZE = 1000;

    /** One agent's range to clear before its recomputed buckets are inserted. */
    public record Range(String agent, Instant from, Instant to) {
        public Range {
            Buckets.requireBucketStart(from, "from");
            Buckets.requireBucketStart(to, "to");
        }
    }

    /**
     * Deletes each range's buckets, then inserts {@code buckets} (which must lie inside the ranges):
     * afterwards the table holds exactly the given buckets in those ranges.
     *
     * @return buckets written
     */
    public int replace(Connection c, String tenantId, Collection<Range> ranges, Collection<AgentBucket> buckets)
            throws SQLException {
        int pending = 0;
        try (PreparedStatement ps = c.prepareStatement(DELETE_RANGE)) {
            for (Range r : ranges) {
                ps.setString(1, tenantId);
                ps.setString(2, r.agent());
                ps.setObject(3, UtcColumns.of(r.from()));
                ps.setObject(4, UtcColumns.of(r.to()));
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
        pending = 0;
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (AgentBucket b : buckets) {
                if (!b.tenantId().equals(tenantId)) {
                    throw new IllegalArgumentException("bucket of tenant " + b.tenantId() + " written for " + tenantId);
                }
                AgentTotals t = b.totals();
                ps.setString(1, tenantId);
                ps.setString(2, b.agent());
                ps.setObject(3, UtcColumns.of(b.start()));
                ps.setLong(4, t.loggedInMillis());
                ps.setLong(5, t.pausedMillis());
                ps.setLong(6, t.talkMillis());
                ps.setLong(7, t.holdMillis());
                ps.setLong(8, t.acwMillis());
                ps.setLong(9, t.answered());
                ps.setLong(10, t.ringNoAnswer());
                ps.setString(11, encode(t.pausedMillisByReason()));
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
        return buckets.size();
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
