package io.queuelens.rollups.control;

import io.queuelens.schema.control.InList;
import io.queuelens.schema.control.UtcColumns;
import io.queuelens.calls.entity.AgentPause;
import io.queuelens.calls.entity.QueueVisit;
import io.queuelens.kpi.control.KpiSettingsHistory;
import io.queuelens.kpi.entity.KpiSettings;
import io.queuelens.rollups.entity.BucketKey;
import io.queuelens.rollups.entity.Buckets;
import io.queuelens.rollups.entity.QueueBucket;
import io.queuelens.rollups.entity.RatedVisit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Keeps {@code rollup_queue_15m} equal to the facts: after facts change, it finds every bucket whose
 * totals may have changed (the visits' own buckets, earlier visits of the same callers that are now
 * repeats, calls an ACW pause now belongs to) and recomputes each of them from the stored facts.
 * Recomputing instead of patching makes a refresh idempotent and exact (max wait included), so a
 * replay after a crash or a re-import cannot drift the rollups.
 */
public final class QueueRollupRefresher {

    /** Pauses are looked up this far around a call's end for after-call work. */
    private static final Duration PAUSE_SLACK = Duration.ofHours(1);
    private static final int IN_CHUNK = 500;
    /**
     * How far before an ACW pause a visit's entry can lie and still get the pause as after-call work
     * in a recompute: {@link #recompute} reads pauses up to {@link #PAUSE_SLACK} plus one day after a
     * bucket's end, so a pause starting later does not change a bucket recomputed on its own (only
     * one that happens to share a cluster with buckets a day later; such a visit lasted over a day).
     * Bounding the search by entry time keeps it on the (tenant, agent, entered_at) index; without it
     * every ACW lookup read all of the agents' visits (ended_at has no index), which made an import
     * quadratic. An index on (tenant_id, agent, ended_at) would make the bound unnecessary.
     */
    static final Duration ACW_LOOKBACK = PAUSE_SLACK.plus(Duration.ofDays(1)).plus(Buckets.WIDTH);
    /** From this many callers on, their later calls are found by one range read instead of by number (see withLaterCalls). */
    static final int RANGE_READ_CALLERS = 2000;
    /** Dirty buckets further apart than this are recomputed separately. */
    private static final Duration CLUSTER_GAP = Duration.ofHours(1);

    private final String tenantId;
    private final Supplier<KpiSettingsHistory> history;
    private final Function<QueueVisit, KpiSettings> settingsOfVisit;
    private final SqlFactReads stored;

    public QueueRollupRefresher(String tenantId, KpiSettingsHistory settings) {
        this(tenantId, () -> settings);
    }

    /**
     * @param history asked at every use, so a long-running ingestion counts new facts with settings that
     *                were changed while it ran (the supplier caches; see KpiSettingsService)
     */
    public QueueRollupRefresher(String tenantId, Supplier<KpiSettingsHistory> history) {
        this.tenantId = tenantId;
        this.history = history;
        this.settingsOfVisit = v -> history.get().getEffective(v.queue(), Buckets.floor(v.enteredAt()));
        this.stored = new SqlFactReads(tenantId);
    }

    /** The tenant's settings history the buckets are counted with (as of now: it may change between calls). */
    public KpiSettingsHistory settings() {
        return history.get();
    }

    /** The buckets to recompute after these visits and pauses were written. */
    public Set<BucketKey> dirtyBuckets(Connection c, Collection<QueueVisit> visits, Collection<AgentPause> pauses)
            throws SQLException {
        Set<BucketKey> dirty = new TreeSet<>(java.util.Comparator.comparing(BucketKey::start).thenComparing(BucketKey::queue));
        Map<String, Instant> earliestByCaller = new HashMap<>();
        for (QueueVisit v : visits) {
            dirty.add(BucketKey.of(v.queue(), v.enteredAt()));
            if (v.callerNumber() != null && !v.callerNumber().isBlank()) {
                earliestByCaller.merge(v.callerNumber(), v.enteredAt(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        dirty.addAll(earlierVisitsOfCallers(c, earliestByCaller));
        List<AgentPause> acw = new ArrayList<>();
        for (AgentPause p : pauses) {
            if (p.agent() != null && settingsOfPause(p).isAfterCallWork(p.reason())) {
                acw.add(p);
            }
        }
        dirty.addAll(callsEndingNear(c, acw));
        return dirty;
    }

    private KpiSettings settingsOfPause(AgentPause p) {
        return history.get().getEffective(p.queue(), Buckets.floor(p.startAt()));
    }

    private Set<BucketKey> earlierVisitsOfCallers(Connection c, Map<String, Instant> earliestByCaller) throws SQLException {
        Set<BucketKey> keys = new HashSet<>();
        if (earliestByCaller.isEmpty()) {
            return keys;
        }
        Instant earliest = Collections.min(earliestByCaller.values());
        Duration window = Duration.ofHours(maxRepeatWindowHours());
        List<String> callers = new ArrayList<>(earliestByCaller.keySet());
        InList in = InList.of(c);
        int size = in.chunk(IN_CHUNK);
        for (int i = 0; i < callers.size(); i += size) {
            List<String> chunk = callers.subList(i, Math.min(callers.size(), i + size));
            String sql = "SELECT DISTINCT queue, entered_at FROM queue_visit WHERE tenant_id = ? AND entered_at >= ? "
                    + "AND entered_at < ? AND " + in.sql("caller_number", chunk.size());
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, tenantId);
                ps.setObject(2, UtcColumns.of(earliest.minus(window).minus(Duration.ofDays(1))));
                ps.setObject(3, UtcColumns.of(Collections.max(earliestByCaller.values())));
                in.bind(ps, 4, chunk);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        keys.add(BucketKey.of(rs.getString(1), UtcColumns.instant(rs.getObject(2, java.time.LocalDateTime.class))));
                    }
                }
            }
        }
        return keys;
    }

    private int maxRepeatWindowHours() {
        return history.get().maxRepeatWindowHours();
    }

    /**
     * Buckets of the visits that ended within acwMatchSeconds of an ACW pause's start, by the pause's
     * agent: their after-call work may have changed. One query per cluster of pauses (all agents
     * of the cluster, the cluster's time span), matched to each pause here, instead of one query per
     * pause: an import writes a pause for nearly every call, and a round trip each was most of its time.
     */
    private Set<BucketKey> callsEndingNear(Connection c, List<AgentPause> acwPauses) throws SQLException {
        Set<BucketKey> keys = new HashSet<>();
        List<AgentPause> sorted = new ArrayList<>(acwPauses);
        sorted.sort(java.util.Comparator.comparing(AgentPause::startAt));
        List<AgentPause> cluster = new ArrayList<>();
        for (AgentPause p : sorted) {
            if (!cluster.isEmpty() && p.startAt().isAfter(cluster.get(cluster.size() - 1).startAt().plus(CLUSTER_GAP))) {
                keys.addAll(callsEndingNearCluster(c, cluster));
                cluster = new ArrayList<>();
            }
            cluster.add(p);
        }
        keys.addAll(callsEndingNearCluster(c, cluster));
        return keys;
    }

    private Set<BucketKey> callsEndingNearCluster(Connection c, List<AgentPause> pauses) throws SQLException {
        Set<BucketKey> keys = new HashSet<>();
        if (pauses.isEmpty()) {
            return keys;
        }
        Map<String, List<Instant[]>> windowsByAgent = new HashMap<>();
        Instant lo = null;
        Instant hi = null;
        for (AgentPause p : pauses) {
            Duration match = Duration.ofSeconds(settingsOfPause(p).acwMatchSeconds());
            Instant[] window = {p.startAt().minus(match), p.startAt().plus(match)};
            windowsByAgent.computeIfAbsent(p.agent(), a -> new ArrayList<>()).add(window);
            lo = lo == null || window[0].isBefore(lo) ? window[0] : lo;
            hi = hi == null || window[1].isAfter(hi) ? window[1] : hi;
        }
        List<String> agents = new ArrayList<>(windowsByAgent.keySet());
        InList in = InList.of(c);
        for (int i = 0; i < agents.size(); i += SqlFactReads.AGENT_CHUNK) {
            List<String> chunk = agents.subList(i, Math.min(agents.size(), i + SqlFactReads.AGENT_CHUNK));
            // entered_at <= ended_at, and ACW_LOOKBACK: the entry-time range keeps the query on the agent index
            String sql = "SELECT queue, entered_at, agent, ended_at FROM queue_visit WHERE tenant_id = ? AND "
                    + in.sql("agent", chunk.size()) + " AND entered_at >= ? AND entered_at <= ? "
                    + "AND ended_at >= ? AND ended_at <= ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, tenantId);
                int j = in.bind(ps, 2, chunk);
                ps.setObject(j++, UtcColumns.of(lo.minus(ACW_LOOKBACK)));
                ps.setObject(j++, UtcColumns.of(hi));
                ps.setObject(j++, UtcColumns.of(lo));
                ps.setObject(j, UtcColumns.of(hi));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Instant ended = UtcColumns.instant(rs.getObject(4, java.time.LocalDateTime.class));
                        for (Instant[] w : windowsByAgent.getOrDefault(rs.getString(3), List.of())) {
                            if (!ended.isBefore(w[0]) && !ended.isAfter(w[1])) {
                                keys.add(BucketKey.of(rs.getString(1), UtcColumns.instant(rs.getObject(2, java.time.LocalDateTime.class))));
                                break;
                            }
                        }
                    }
                }
            }
        }
        return keys;
    }

    /**
     * Recomputes the given buckets from the facts and returns them (empty buckets included, so a row
     * whose visits moved away is zeroed rather than left stale). The caller writes them.
     */
    public List<QueueBucket> recompute(Connection c, Set<BucketKey> keys) throws SQLException {
        return recompute(c, keys, stored);
    }

    /** {@link #recompute(Connection, Set)} from these facts (a settlement's: see {@link FactReads}). */
    public List<QueueBucket> recompute(Connection c, Set<BucketKey> keys, FactReads facts) throws SQLException {
        // Dirty buckets come in clusters (this batch's minutes, a repeat caller's visit yesterday):
        // recompute each cluster on its own instead of reading every visit between the first and last.
        List<BucketKey> sorted = new ArrayList<>(keys);
        sorted.sort(java.util.Comparator.comparing(BucketKey::start));
        List<QueueBucket> out = new ArrayList<>();
        if (sorted.isEmpty()) {
            return out;
        }
        // the facts are written already, so the queues found now are all there are for every cluster
        List<String> queues = facts.queues(c);
        Set<BucketKey> cluster = new HashSet<>();
        Instant clusterEnd = null;
        for (BucketKey k : sorted) {
            if (clusterEnd != null && k.start().isAfter(clusterEnd.plus(CLUSTER_GAP))) {
                out.addAll(recomputeCluster(c, facts, queues, cluster));
                cluster = new HashSet<>();
            }
            cluster.add(k);
            clusterEnd = k.start();
        }
        out.addAll(recomputeCluster(c, facts, queues, cluster));
        return out;
    }

    private List<QueueBucket> recomputeCluster(Connection c, FactReads facts, List<String> queues, Set<BucketKey> keys)
            throws SQLException {
        if (keys.isEmpty()) {
            return List.of();
        }
        Instant from = keys.stream().map(BucketKey::start).min(Instant::compareTo).orElseThrow();
        Instant to = keys.stream().map(BucketKey::start).max(Instant::compareTo).orElseThrow().plus(Buckets.WIDTH);
        List<QueueVisit> inRange = facts.visitsEnteredBetween(c, queues, from, to);
        List<QueueVisit> bucketVisits = inRange.stream()
                .filter(v -> keys.contains(BucketKey.of(v.queue(), v.enteredAt()))).toList();

        Set<String> repeats = RepeatDetector.repeatsAmong(withLaterCalls(c, facts, queues, inRange, bucketVisits, to),
                settingsOfVisit);
        Map<String, Integer> acw = AfterCallWorkMatcher.acwSeconds(bucketVisits, acwCandidates(c, facts, bucketVisits, from, to),
                settingsOfVisit);

        Map<BucketKey, QueueBucket> buckets = new LinkedHashMap<>();
        for (BucketKey k : keys) {
            buckets.put(k, QueueBucket.empty(tenantId, k.queue(), k.start(), history.get().getEffective(k.queue(), k.start())));
        }
        for (QueueVisit v : bucketVisits) {
            BucketKey k = BucketKey.of(v.queue(), v.enteredAt());
            buckets.computeIfPresent(k, (key, b) -> b.add(new RatedVisit(v,
                    acw.getOrDefault(v.naturalKey(), 0), repeats.contains(v.naturalKey()))));
        }
        return new ArrayList<>(buckets.values());
    }

    /**
     * All visits of the range plus the later visits of the answered bucket visits' callers that can make them
     * repeats: those entering up to the widest repeat window after the last such visit's end.
     * <p>
     * Few callers (a live commit's) are looked up by number, an index dive each. From {@link #RANGE_READ_CALLERS} on
     * (a settlement's days of calls) the visits that entered in the window after the range are read once and kept
     * when their caller is one of the bucket visits' as {@link RepeatDetector} compares callers: a bulk import's
     * settlement sent 617 statements of 500 numbers to find 1,364 visits. The lookup by number compares the stored
     * numbers as the database does; the range read as the detector does, so it also finds a later call whose number
     * was written differently (blanks, dashes), which is what the detector counts as the same caller.
     */
    private List<QueueVisit> withLaterCalls(Connection c, FactReads facts, List<String> queues, List<QueueVisit> inRange,
                                            List<QueueVisit> bucketVisits, Instant to) throws SQLException {
        // only an answered visit can be a repeat, of a call entering by the window's end after its own end
        Set<String> callers = new HashSet<>();
        Instant lastEnd = null;
        for (QueueVisit v : bucketVisits) {
            if (v.answered() && v.callerNumber() != null && !v.callerNumber().isBlank()) {
                callers.add(v.callerNumber());
                Instant end = RepeatDetector.end(v);
                lastEnd = lastEnd == null || end.isAfter(lastEnd) ? end : lastEnd;
            }
        }
        Map<String, QueueVisit> all = new LinkedHashMap<>();
        inRange.forEach(v -> all.put(v.naturalKey(), v));
        if (lastEnd == null) {
            return new ArrayList<>(all.values());
        }
        // the window's end is inclusive: one second more as the exclusive bound of whole-second times
        Instant until = lastEnd.plus(Duration.ofHours(maxRepeatWindowHours())).plusSeconds(1);
        if (!until.isAfter(to)) {
            return new ArrayList<>(all.values());
        }
        if (callers.size() >= RANGE_READ_CALLERS) {
            // a settlement's cluster is days of calls: the later calls of all its callers in one range read
            Set<String> keys = new HashSet<>();
            for (QueueVisit v : bucketVisits) {
                String key = v.answered() ? RepeatDetector.callerKey(v) : null;
                if (key != null) {
                    keys.add(key);
                }
            }
            for (QueueVisit v : facts.visitsEnteredBetween(c, queues, to, until)) {
                if (keys.contains(RepeatDetector.callerKey(v))) {
                    all.putIfAbsent(v.naturalKey(), v);
                }
            }
            return new ArrayList<>(all.values());
        }
        List<String> list = new ArrayList<>(callers);
        int size = InList.of(c).chunk(IN_CHUNK);
        for (int i = 0; i < list.size(); i += size) {
            for (QueueVisit v : facts.visitsOfCallers(c, list.subList(i, Math.min(list.size(), i + size)), to, until)) {
                all.putIfAbsent(v.naturalKey(), v);
            }
        }
        return new ArrayList<>(all.values());
    }

    /**
     * The pauses that can be after-call work of these visits (entered in [from, to)): those of the answered
     * visits' agents starting between {@link #PAUSE_SLACK} before the range and {@link #PAUSE_SLACK} plus a day
     * after it (the bound a bucket recomputed on its own has always had, see {@link #ACW_LOOKBACK}), and within
     * the widest match window of the earliest and latest end among the visits: only those can be within
     * {@code acwMatchSeconds} of one's end. Without the second bound every day of a settlement read its
     * pauses and those of the next day and two hours (each pause 3.4 times in a long import).
     */
    private List<AgentPause> acwCandidates(Connection c, FactReads facts, List<QueueVisit> visits, Instant from, Instant to)
            throws SQLException {
        Set<String> agents = new HashSet<>();
        Instant firstEnd = null;
        Instant lastEnd = null;
        long widestMatch = 0;
        for (QueueVisit v : visits) {
            if (v.answered() && v.agent() != null && v.endedAt() != null) {
                agents.add(v.agent());
                firstEnd = firstEnd == null || v.endedAt().isBefore(firstEnd) ? v.endedAt() : firstEnd;
                lastEnd = lastEnd == null || v.endedAt().isAfter(lastEnd) ? v.endedAt() : lastEnd;
                widestMatch = Math.max(widestMatch, settingsOfVisit.apply(v).acwMatchSeconds());
            }
        }
        if (agents.isEmpty()) {
            return List.of(); // the matcher pairs answered calls with an agent and an end only
        }
        Duration match = Duration.ofSeconds(widestMatch);
        // whole seconds, widened: the driver sends MariaDB none of a bound's fraction
        Instant low = firstEnd.minus(match).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Instant high = lastEnd.plus(match).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusSeconds(1);
        Instant slackFrom = from.minus(PAUSE_SLACK);
        Instant slackTo = to.plus(PAUSE_SLACK).plus(Duration.ofDays(1));
        Instant readFrom = low.isAfter(slackFrom) ? low : slackFrom;
        Instant readTo = high.isBefore(slackTo) ? high : slackTo;
        // only the visits' own agents: the ACW matcher pairs a pause with calls of its agent only
        return readFrom.isBefore(readTo) ? facts.pausesStartingBetween(c, agents, readFrom, readTo) : List.of();
    }
}
