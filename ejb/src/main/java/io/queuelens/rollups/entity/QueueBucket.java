package io.queuelens.rollups.entity;

import io.queuelens.kpi.entity.KpiSettings;
import io.queuelens.kpi.entity.QueueTotals;

import java.time.Instant;
import java.util.Objects;

/**
 * The additive totals of one tenant/queue/15-minute UTC bucket, counted with the settings in force
 * for that bucket (recorded here, so a report can say which settings version it used and a rebuild
 * knows which buckets are stale). Immutable: {@code add}/{@code subtract} return a new bucket.
 *
 * <p>Updates are incremental: when a visit changes (OPEN to ANSWERED, repeat flag set, ACW known),
 * its old version is subtracted and the new one added ({@link #replace}). Subtracting the visit
 * that held {@code maxWait} may leave the maximum as an upper bound; see {@link QueueTotals} and
 * {@link #maxWaitExact()}: the owner of the facts then calls {@link #withMaxWait}.
 */
public record QueueBucket(String tenantId, String queue, Instant start, KpiSettings settings, QueueTotals totals) {

    public QueueBucket {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(queue, "queue");
        Buckets.requireBucketStart(start, "bucket start");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(totals, "totals");
    }

    public static QueueBucket empty(String tenantId, String queue, Instant start, KpiSettings settings) {
        return new QueueBucket(tenantId, queue, start, settings, QueueTotals.ZERO);
    }

    /** An empty bucket for the visit's tenant, queue and entry bucket. */
    public static QueueBucket emptyFor(RatedVisit v, KpiSettings settings) {
        return empty(v.visit().tenantId(), v.visit().queue(), v.bucketStart(), settings);
    }

    public String settingsVersion() {
        return settings.version();
    }

    /** What the visit contributes to this bucket, under this bucket's settings. */
    public QueueTotals contribution(RatedVisit v) {
        requireMine(v);
        return QueueTotals.ofVisit(v.visit(), v.acwSeconds(), v.repeat(), settings);
    }

    public QueueBucket add(RatedVisit v) {
        return withTotals(totals.plus(contribution(v)));
    }

    /** Removes a visit added earlier, exactly as it was added (same acw, same repeat flag). */
    public QueueBucket subtract(RatedVisit v) {
        return withTotals(totals.minus(contribution(v)));
    }

    /** The incremental update of a changed visit. */
    public QueueBucket replace(RatedVisit before, RatedVisit after) {
        return subtract(before).add(after);
    }

    /** Merges partial totals of the same bucket (e.g. two import partitions); settings must agree. */
    public QueueBucket plus(QueueBucket other) {
        if (!tenantId.equals(other.tenantId) || !queue.equals(other.queue) || !start.equals(other.start)) {
            throw new IllegalArgumentException("only the same tenant/queue/bucket merges: " + key() + " vs " + other.key());
        }
        if (!settings.equals(other.settings)) {
            throw new IllegalArgumentException("bucket " + key() + " was counted with settings " + settingsVersion()
                    + " and " + other.settingsVersion() + "; rebuild it with one version");
        }
        return withTotals(totals.plus(other.totals));
    }

    public boolean maxWaitExact() {
        return totals.maxWaitExact();
    }

    public QueueBucket withMaxWait(long exactMaxWait, long holders) {
        return withTotals(totals.withMaxWait(exactMaxWait, holders));
    }

    public boolean isEmpty() {
        return totals.isZero();
    }

    public String key() {
        return tenantId + "|" + queue + "|" + start;
    }

    private QueueBucket withTotals(QueueTotals t) {
        return new QueueBucket(tenantId, queue, start, settings, t);
    }

    private void requireMine(RatedVisit v) {
        if (!v.visit().tenantId().equals(tenantId) || !v.visit().queue().equals(queue) || !v.bucketStart().equals(start)) {
            throw new IllegalArgumentException("visit " + v.naturalKey() + " entered " + v.visit().queue() + " at "
                    + v.visit().enteredAt() + "; it does not belong to bucket " + key());
        }
    }
}
