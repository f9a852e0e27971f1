package io.queuelens.reports.control;

import io.queuelens.schema.control.UtcColumns;
import io.queuelens.kpi.control.KpiSettingsHistory;
import io.queuelens.kpi.entity.KpiSettings;
import io.queuelens.kpi.entity.QueueTotals;
import io.queuelens.reports.entity.UnknownSettingsVersion;
import io.queuelens.rollups.control.QueueRollupStore;
import io.queuelens.rollups.entity.Buckets;
import io.queuelens.rollups.entity.QueueBucket;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads a tenant's queue buckets from {@code rollup_queue_15m} with one query and hands them over
 * one by one while the result set streams, so a 400-day, all-queues report holds one row at a time
 * rather than a million buckets.
 *
 * <p>Each row names the settings version it was counted with; the bucket gets the settings the
 * history has in force for that queue at the bucket's start when their version matches. Otherwise
 * (settings edited without a rollup rebuild) the bucket is given KPI.md's defaults and reported in
 * the returned list, since its counters and the history no longer agree.
 */
public final class QueueRollupReader {

    /** Rows fetched per round trip by drivers that stream with a positive fetch size (MariaDB Connector/J, H2). */
    static final int FETCH_SIZE = 1000;

    private static final String SELECT = "SELECT queue, bucket_start, settings_version, "
            + QueueRollupStore.TOTALS_COLUMNS + " FROM rollup_queue_15m"
            + " WHERE tenant_id = ? AND bucket_start >= ? AND bucket_start < ?";
    private static final String ORDER = " ORDER BY bucket_start, queue";

    private final KpiSettingsHistory history;

    public QueueRollupReader(KpiSettingsHistory history) {
        this.history = Objects.requireNonNull(history, "history");
    }

    /**
     * Streams the buckets of {@code tenantId} starting in [from, to), ordered by start then queue.
     * {@code sink} runs while the result set is open: it must not use {@code c} (a streaming MySQL
     * result set owns the connection until it is closed).
     *
     * @param queues the queues to read; empty = all
     * @return the buckets whose settings version was unknown, grouped per queue and version
     */
    public List<UnknownSettingsVersion> scan(Connection c, String tenantId, Instant from, Instant to,
                                             Collection<String> queues, Consumer<QueueBucket> sink) throws SQLException {
        return scan(c, tenantId, from, to, queues, sink, true);
    }

    /**
     * {@link #scan} without the order: the same buckets as the database reads them, for a sink whose
     * result does not depend on their order ({@link SummaryAccumulator}). Sorting a month of 20
     * queues' rows (57,600 wide rows) cost the server more than reading them (docs/PERFORMANCE.md,
     * summary report). The returned list is the same as {@link #scan}'s, in the same order.
     */
    public List<UnknownSettingsVersion> scanInAnyOrder(Connection c, String tenantId, Instant from, Instant to,
                                                       Collection<String> queues, Consumer<QueueBucket> sink) throws SQLException {
        return scan(c, tenantId, from, to, queues, sink, false);
    }

    private List<UnknownSettingsVersion> scan(Connection c, String tenantId, Instant from, Instant to,
                                              Collection<String> queues, Consumer<QueueBucket> sink, boolean ordered)
            throws SQLException {
        Objects.requireNonNull(tenantId, "tenantId");
        Buckets.requireBucketStart(from, "from");
        Buckets.requireBucketStart(to, "to");
        List<String> queueList = List.copyOf(queues);
        String sql = SELECT + (queueList.isEmpty() ? "" : " AND queue IN ("
                + String.join(", ", Collections.nCopies(queueList.size(), "?")) + ")") + (ordered ? ORDER : "");
        Map<String, UnknownTally> unknown = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            streamRows(c, ps);
            ps.setString(1, tenantId);
            ps.setObject(2, UtcColumns.of(from));
            ps.setObject(3, UtcColumns.of(to));
            for (int i = 0; i < queueList.size(); i++) {
                ps.setString(4 + i, queueList.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String queue = rs.getString(1);
                    Instant start = UtcColumns.instant(rs.getObject(2, LocalDateTime.class));
                    String version = rs.getString(3);
                    QueueTotals totals = QueueRollupStore.readTotals(rs, 4);
                    KpiSettings settings = settingsOf(queue, start, version, unknown);
                    sink.accept(new QueueBucket(tenantId, queue, start, settings, totals));
                }
            }
        }
        // in order of each tally's first bucket (start, then queue): what an ordered scan meets first comes first
        return unknown.values().stream().map(UnknownTally::toEntity)
                .sorted(java.util.Comparator.comparing(UnknownSettingsVersion::firstBucket).thenComparing(UnknownSettingsVersion::queue))
                .toList();
    }

    /** {@link #scan} into a list, for callers that need the buckets themselves (drill-down, tests). */
    public List<QueueBucket> read(Connection c, String tenantId, Instant from, Instant to, Collection<String> queues)
            throws SQLException {
        List<QueueBucket> out = new ArrayList<>();
        scan(c, tenantId, from, to, queues, out::add);
        return out;
    }

    private KpiSettings settingsOf(String queue, Instant start, String version, Map<String, UnknownTally> unknown) {
        Optional<KpiSettings> inForce = history.findEffective(queue, start);
        if (inForce.isPresent() && inForce.get().version().equals(version)) {
            return inForce.get();
        }
        unknown.computeIfAbsent(queue + "\u0000" + version, k -> new UnknownTally(queue, version, start)).add(start);
        return KpiSettings.DEFAULTS;
    }

    /**
     * MySQL Connector/J (the production driver) buffers a whole result in memory unless the fetch size
     * is {@code Integer.MIN_VALUE}, its row-streaming switch; MariaDB Connector/J and H2 take an
     * ordinary positive fetch size and reject negative ones.
     */
    private static void streamRows(Connection c, PreparedStatement ps) throws SQLException {
        String driver = c.getMetaData().getDriverName();
        ps.setFetchSize(driver != null && driver.startsWith("MySQL") ? Integer.MIN_VALUE : FETCH_SIZE);
    }

    private static final class UnknownTally {
        private final String queue;
        private final String version;
        private Instant first;
        private Instant last;
        private long buckets;

        UnknownTally(String queue, String version, Instant start) {
            this.queue = queue;
            this.version = version;
            this.first = start;
            this.last = start;
        }

        void add(Instant start) {
            first = start.isBefore(first) ? start : first;
            last = start.isAfter(last) ? start : last;
            buckets++;
        }

        UnknownSettingsVersion toEntity() {
            return new UnknownSettingsVersion(queue, version, first, last, buckets);
        }
    }
}
