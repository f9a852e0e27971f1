package io.queuelens.rollups.control;

import io.queuelens.kpi.entity.QueueTotals;
import io.queuelens.rollups.entity.Buckets;
import io.queuelens.rollups.entity.QueueBucket;
import io.queuelens.schema.control.UtcColumns;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.Objects;

/**
 * Persists queue buckets in {@code rollup_queue_15m} with plain JDBC batches inside the caller's
 * transaction, and owns the table's column mapping (the report reader uses {@link #TOTALS_COLUMNS}
 * and {@link #readTotals} so a new counter is added in one place).
 *
 * <p>An upsert writes the bucket as a whole: every totals column and the settings version are
 * replaced, never incremented. The in-memory {@code QueueRollups} already holds the exact bucket
 * (subtract old visit, add new one), so writing its state is idempotent: replaying the same
 * ingestion batch after a crash leaves the same rows, where "+=" would count the visits twice.
 *
 * <p>Bucket starts are UTC wall times in a {@code DATETIME} column, bound as {@code LocalDateTime}
 * ({@link UtcColumns}) so neither the JVM's nor the session's time zone can shift them.
 */
public final class QueueRollupStore {

    /** The totals columns in {@link QueueTotals} component order; {@link #readTotals} reads them in this order. */
    public static final String TOTALS_COLUMNS = "offered, open_visits, answered, abandoned, short_abandoned, timeouts, "
            + "exit_key, exit_empty, withdrawn, lost, answered_in_sla, transferred, repeats, first_visits, short_calls, "
            + "wait_answered, wait_abandoned, talk, hold, acw, max_wait, max_wait_holders";

    private static final int TOTALS_COUNT = 22;

    static final String UPSERT = "INSERT INTO rollup_queue_15m (tenant_id, queue, bucket_start, settings_version, "
            + TOTALS_COLUMNS + ") VALUES (?, ?, ?, ?, " + "?, ".repeat(TOTALS_COUNT - 1) + "?) "
            + "ON DUPLICATE KEY UPDATE settings_version = VALUES(settings_version), "
            + "offered = VALUES(offered), open_visits = VALUES(open_visits), answered = VALUES(answered), "
            + "abandoned = VALUES(abandoned), short_abandoned = VALUES(short_abandoned), timeouts = VALUES(timeouts), "
            + "exit_key = VALUES(exit_key), exit_empty = VALUES(exit_empty), withdrawn = VALUES(withdrawn), "
            + "lost = VALUES(lost), answered_in_sla = VALUES(answered_in_sla), transferred = VALUES(transferred), "
            + "repeats = VALUES(repeats), first_visits = VALUES(first_visits), short_calls = VALUES(short_calls), "
            + "wait_answered = VALUES(wait_answered), wait_abandoned = VALUES(wait_abandoned), talk = VALUES(talk), "
            + "hold = VALUES(hold), acw = VALUES(acw), max_wait = VALUES(max_wait), "
            + "max_wait_holders = VALUES(max_wait_holders)";

    static final String DELETE_ONE = "DELETE FROM rollup_queue_15m WHERE tenant_id = ? AND queue = ? AND bucket_start = ?";

    static final String DELETE_RANGE = "DELETE FROM rollup_queue_15m WHERE tenant_id = ? AND bucket_start >= ? AND bucket_start < ?";

    /** Rows per JDBC batch: large enough to amortize round trips, small enough to bound driver memory. */
    private static final int BATCH_SIZE = 1000;

    /**
     * Inserts or replaces each bucket's row (key: tenant, queue, bucket start). Empty buckets are
     * written as zero rows; call {@link #delete} for buckets that should disappear.
     *
     * @return the number of buckets written
     */
    public int upsert(Connection c, Collection<QueueBucket> buckets) throws SQLException {
        int pending = 0;
        try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
            for (QueueBucket b : buckets) {
                requireMaxWaitExact(b);
                ps.setString(1, b.tenantId());
                ps.setString(2, b.queue());
                ps.setObject(3, UtcColumns.of(b.start()));
                ps.setString(4, b.settingsVersion());
                bindTotals(ps, 5, b.totals());
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

    /** Deletes these buckets' rows (e.g. a bucket whose every visit moved away). Missing rows are ignored. */
    public void delete(Connection c, Collection<QueueBucket> buckets) throws SQLException {
        int pending = 0;
        try (PreparedStatement ps = c.prepareStatement(DELETE_ONE)) {
            for (QueueBucket b : buckets) {
                ps.setString(1, b.tenantId());
                ps.setString(2, b.queue());
                ps.setObject(3, UtcColumns.of(b.start()));
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

    /**
     * Deletes every queue bucket of a tenant in [from, to), all queues: the first step of a rollup
     * rebuild (then upsert the recomputed buckets in the same transaction).
     *
     * @return rows deleted
     */
    public int deleteRange(Connection c, String tenantId, Instant from, Instant to) throws SQLException {
        Objects.requireNonNull(tenantId, "tenantId");
        Buckets.requireBucketStart(from, "from");
        Buckets.requireBucketStart(to, "to");
        try (PreparedStatement ps = c.prepareStatement(DELETE_RANGE)) {
            ps.setString(1, tenantId);
            ps.setObject(2, UtcColumns.of(from));
            ps.setObject(3, UtcColumns.of(to));
            return ps.executeUpdate();
        }
    }

    /** Reads the {@link #TOTALS_COLUMNS} starting at 1-based column {@code first} of the current row. */
    public static QueueTotals readTotals(ResultSet rs, int first) throws SQLException {
        long[] v = new long[TOTALS_COUNT];
        for (int i = 0; i < TOTALS_COUNT; i++) {
            v[i] = rs.getLong(first + i);
        }
        return new QueueTotals(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12],
                v[13], v[14], v[15], v[16], v[17], v[18], v[19], v[20], v[21]);
    }

    private static void bindTotals(PreparedStatement ps, int first, QueueTotals t) throws SQLException {
        long[] v = {t.offered(), t.open(), t.answered(), t.abandoned(), t.shortAbandoned(), t.timeout(), t.exitKey(),
                t.exitEmpty(), t.withdrawn(), t.lost(), t.answeredInSla(), t.transferred(), t.repeat(), t.firstVisits(),
                t.shortCalls(), t.waitAnswered(), t.waitAbandoned(), t.talk(), t.hold(), t.acw(), t.maxWait(),
                t.maxWaitHolders()};
        for (int i = 0; i < v.length; i++) {
            ps.setLong(first + i, v[i]);
        }
    }

    /**
     * A stored maximum is read back as exact by every report; an upper bound left by a subtraction
     * must be recomputed from the facts first ({@code QueueBucket.withMaxWait}), not persisted.
     */
    private static void requireMaxWaitExact(QueueBucket b) {
        if (!b.maxWaitExact()) {
            throw new IllegalArgumentException("bucket " + b.key() + " has an inexact maxWait (upper bound "
                    + b.totals().maxWait() + " s); recompute it from the bucket's visits before writing");
        }
    }
}
