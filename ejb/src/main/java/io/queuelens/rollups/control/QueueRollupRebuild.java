package io.queuelens.rollups.control;

import io.queuelens.rollups.entity.BucketKey;
import io.queuelens.rollups.entity.Buckets;
import io.queuelens.schema.control.LocalTransaction;
import io.queuelens.schema.control.UtcColumns;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * Recomputes every queue bucket of a tenant in a time range from the facts, one UTC day per
 * transaction: what KPI settings changed with an effective date in the past need, since the stored
 * buckets were counted with the old version. Each bucket that has a row or a visit is recomputed by the
 * same {@link QueueRollupRefresher} the ingestion uses, so a rebuilt bucket equals a freshly ingested one.
 */
public final class QueueRollupRebuild {

    private static final Duration DAY = Duration.ofDays(1);

    private final DataSource dataSource;
    private final String tenantId;
    private final QueueRollupRefresher refresher;
    private final FactReads facts;

    public QueueRollupRebuild(DataSource dataSource, String tenantId, QueueRollupRefresher refresher) {
        this(dataSource, tenantId, refresher, new SqlFactReads(tenantId));
    }

    /** @param facts where the recomputation reads the facts (a settlement's own, see {@link FactReads}) */
    public QueueRollupRebuild(DataSource dataSource, String tenantId, QueueRollupRefresher refresher, FactReads facts) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.tenantId = Objects.requireNonNull(tenantId, "tenantId");
        this.refresher = Objects.requireNonNull(refresher, "refresher");
        this.facts = Objects.requireNonNull(facts, "facts");
    }

    /**
     * @param progress told the end of each day committed (for a status line)
     * @return buckets recomputed
     */
    public long rebuild(Instant from, Instant to, LongConsumer progress) throws SQLException {
        Buckets.requireBucketStart(from, "from");
        Buckets.requireBucketStart(to, "to");
        long buckets = 0;
        for (Instant dayStart = from; dayStart.isBefore(to); ) {
            Instant dayEnd = dayStart.plus(DAY).isAfter(to) ? to : dayStart.plus(DAY);
            buckets += rebuildSlice(dayStart, dayEnd);
            progress.accept(dayEnd.toEpochMilli());
            dayStart = dayEnd;
        }
        return buckets;
    }

    private int rebuildSlice(Instant from, Instant to) throws SQLException {
        return LocalTransaction.call(dataSource, c -> {
            RollupLock.QUEUE.acquire(c, tenantId);
            FactReads reads = facts.inTransaction(c);
            Set<BucketKey> keys = new HashSet<>();
            reads.visitBuckets(c, reads.queues(c), from, to, keys);
            // the stored buckets too: one whose visits are gone is zeroed rather than left stale
            collectStoredBuckets(c, from, to, keys);
            new QueueRollupStore().upsert(c, refresher.recompute(c, keys, reads));
            return keys.size();
        });
    }

    private void collectStoredBuckets(Connection c, Instant from, Instant to, Set<BucketKey> keys) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT queue, bucket_start FROM rollup_queue_15m WHERE tenant_id = ? "
                + "AND bucket_start >= ? AND bucket_start < ?")) {
            ps.setString(1, tenantId);
            ps.setObject(2, UtcColumns.of(from));
            ps.setObject(3, UtcColumns.of(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(BucketKey.of(rs.getString(1), UtcColumns.instant(rs.getObject(2, LocalDateTime.class))));
                }
            }
        }
    }
}
