package io.queuelens.rollups.control;

import io.queuelens.kpi.entity.AgentTotals;
import io.queuelens.rollups.entity.AgentBucket;
import io.queuelens.rollups.entity.Buckets;
import io.queuelens.rollups.entity.QuietQuarters;
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
import java.time.LocalDate;
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
 *
 * <p>A quiet bucket (logged in throughout, nothing else: {@link QuietQuarters#QUIET}) is a bit of its agent's UTC day
 * in {@code rollup_agent_quiet} instead of a row; every other bucket is a row. A replaced range clears both.
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

    static final String INSERT_QUIET = "INSERT INTO rollup_agent_quiet (tenant_id, agent, utc_day, quarters_low, quarters_high) VALUES";
    // the agent too: under a case-insensitive collation the day's row may carry another spelling of the same agent
    static final String ON_DUPLICATE_QUIET = "ON DUPLICATE KEY UPDATE agent = VALUES(agent), quarters_low = VALUES(quarters_low), "
            + "quarters_high = VALUES(quarters_high)";
    static final String DELETE_QUIET = "DELETE FROM rollup_agent_quiet WHERE tenant_id = ? AND agent = ? AND utc_day = ?";

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
     * all again was most of an import's database time. Quiet buckets are left out of the rows (a stored
     * row of a bucket that is quiet now is deleted) and set in their day's bits, whose bits inside the
     * ranges are recomputed and outside them kept.
     *
     * @return rows and days of quiet quarter hours written (inserted or changed)
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
        List<AgentBucket> quiet = new ArrayList<>();
        for (AgentBucket b : buckets) {
            if (!b.tenantId().equals(tenantId)) {
                throw new IllegalArgumentException("bucket of tenant " + b.tenantId() + " written for " + tenantId);
            }
            if (QuietQuarters.isQuiet(b.totals())) {
                quiet.add(b); // its stored row, if any, stays in `stored` and is deleted
                continue;
            }
            AgentTotals before = stored.remove(new AgentKey(b.agent(), b.start()));
            if (!b.totals().equals(before)) {
                changed.add(b);
            }
        }
        deleteRows(c, tenantId, stored.keySet());
        upsert(c, tenantId, changed);
        return changed.size() + replaceQuiet(c, tenantId, rangesByAgent, quiet);
    }

    private record AgentKey(String agent, Instant start) {
    }

    /** One agent's day of quiet quarter hours; {@code agent} is the spelling stored or to be stored. */
    private record QuietDay(String agent, LocalDate day, QuietQuarters quarters) {
    }

    /**
     * Sets the quiet buckets' bits: each day a range touches gets its stored bits outside the agent's ranges and
     * {@code quiet}'s inside them; a day left without a bit is deleted.
     *
     * @return days written or deleted
     */
    private static int replaceQuiet(Connection c, String tenantId, Map<String, List<Range>> rangesByAgent,
                                    List<AgentBucket> quiet) throws SQLException {
        Map<String, Map<LocalDate, QuietDay>> stored = storedQuiet(c, tenantId, rangesByAgent);
        Map<String, Map<LocalDate, QuietDay>> next = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, List<Range>> e : rangesByAgent.entrySet()) {
            Map<LocalDate, QuietDay> storedDays = stored.getOrDefault(e.getKey(), Map.of());
            Map<LocalDate, QuietDay> days = new TreeMap<>();
            for (Range r : e.getValue()) {
                Instant last = r.to().minus(Buckets.WIDTH);
                for (LocalDate d = QuietQuarters.day(r.from()); !last.isBefore(r.from()) && !d.isAfter(QuietQuarters.day(last));
                     d = d.plusDays(1)) {
                    QuietDay before = days.containsKey(d) ? days.get(d) : storedDays.get(d);
                    QuietQuarters kept = before == null ? QuietQuarters.NONE : before.quarters();
                    int from = d.equals(QuietQuarters.day(r.from())) ? QuietQuarters.index(r.from()) : 0;
                    int to = d.equals(QuietQuarters.day(last)) ? QuietQuarters.index(last) + 1 : QuietQuarters.PER_DAY;
                    days.put(d, new QuietDay(e.getKey(), d, kept.without(from, to)));
                }
            }
            next.put(e.getKey(), days);
        }
        for (AgentBucket b : quiet) {
            Map<LocalDate, QuietDay> days = next.get(b.agent());
            LocalDate d = QuietQuarters.day(b.start());
            QuietDay day = days == null ? null : days.get(d);
            if (day == null) {
                throw new IllegalArgumentException("quiet bucket of " + b.agent() + " at " + b.start() + " outside its ranges");
            }
            days.put(d, new QuietDay(b.agent(), d, day.quarters().with(QuietQuarters.index(b.start()))));
        }
        List<QuietDay> upserts = new ArrayList<>();
        List<QuietDay> deletes = new ArrayList<>();
        for (Map.Entry<String, Map<LocalDate, QuietDay>> e : next.entrySet()) {
            Map<LocalDate, QuietDay> storedDays = stored.getOrDefault(e.getKey(), Map.of());
            for (QuietDay day : e.getValue().values()) {
                QuietDay before = storedDays.get(day.day());
                if (day.quarters().isEmpty()) {
                    if (before != null) {
                        deletes.add(before);
                    }
                } else if (before == null || !before.quarters().equals(day.quarters()) || !before.agent().equals(day.agent())) {
                    upserts.add(day);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(DELETE_QUIET)) {
            for (QuietDay day : deletes) {
                ps.setString(1, tenantId);
                ps.setString(2, day.agent());
                ps.setObject(3, day.day());
                ps.addBatch();
            }
            if (!deletes.isEmpty()) {
                ps.executeBatch();
            }
        }
        try (MultiRowInsert rows = MultiRowInsert.into(c, INSERT_QUIET, 5, ON_DUPLICATE_QUIET)) {
            for (QuietDay day : upserts) {
                rows.text(tenantId).text(day.agent()).date(day.day()).number(day.quarters().low())
                        .number(day.quarters().high()).endRow();
            }
        }
        return upserts.size() + deletes.size();
    }

    /** The stored days of quiet quarter hours the ranges touch, by agent (case-insensitively, as the column compares) and day. */
    private static Map<String, Map<LocalDate, QuietDay>> storedQuiet(Connection c, String tenantId,
                                                                     Map<String, List<Range>> rangesByAgent) throws SQLException {
        Map<String, Map<LocalDate, QuietDay>> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        List<String> agents = new ArrayList<>(rangesByAgent.keySet());
        InList in = InList.of(c);
        for (int i = 0; i < agents.size(); i += IN_CHUNK) {
            List<String> chunk = agents.subList(i, Math.min(agents.size(), i + IN_CHUNK));
            Span span = span(chunk, rangesByAgent);
            try (PreparedStatement ps = c.prepareStatement("SELECT agent, utc_day, quarters_low, quarters_high FROM "
                    + "rollup_agent_quiet WHERE tenant_id = ? AND " + in.sql("agent", chunk.size())
                    + " AND utc_day >= ? AND utc_day <= ?")) {
                ps.setString(1, tenantId);
                int j = in.bind(ps, 2, chunk);
                ps.setObject(j++, QuietQuarters.day(span.from()));
                ps.setObject(j, QuietQuarters.day(span.to().minus(Buckets.WIDTH)));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        QuietDay day = new QuietDay(rs.getString(1), rs.getObject(2, LocalDate.class),
                                new QuietQuarters(rs.getLong(3), rs.getLong(4)));
                        if (rangesByAgent.containsKey(day.agent())) { // accents: equal under the collation only, left
                            out.computeIfAbsent(day.agent(), a -> new TreeMap<>()).put(day.day(), day);
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The stored rows inside the ranges, by agent and bucket start. */
    private static Map<AgentKey, AgentTotals> stored(Connection c, String tenantId, Map<String, List<Range>> rangesByAgent)
            throws SQLException {
        Map<AgentKey, AgentTotals> out = new HashMap<>();
        List<String> agents = new ArrayList<>(rangesByAgent.keySet());
        InList in = InList.of(c);
        for (int i = 0; i < agents.size(); i += IN_CHUNK) {
            List<String> chunk = agents.subList(i, Math.min(agents.size(), i + IN_CHUNK));
            Span span = span(chunk, rangesByAgent);
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM rollup_agent_15m WHERE tenant_id = ? "
                    + "AND " + in.sql("agent", chunk.size()) + " "
                    + "AND bucket_start >= ? AND bucket_start < ?")) {
                ps.setString(1, tenantId);
                int j = in.bind(ps, 2, chunk);
                ps.setObject(j++, UtcColumns.of(span.from()));
                ps.setObject(j, UtcColumns.of(span.to()));
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

    /** [earliest from, latest to) of the agents' ranges: what one read per chunk of agents covers. */
    private record Span(Instant from, Instant to) {
    }

    private static Span span(List<String> agents, Map<String, List<Range>> rangesByAgent) {
        Instant from = null;
        Instant to = null;
        for (String agent : agents) {
            for (Range r : rangesByAgent.get(agent)) {
                from = from == null || r.from().isBefore(from) ? r.from() : from;
                to = to == null || r.to().isAfter(to) ? r.to() : to;
            }
        }
        return new Span(from, to);
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
