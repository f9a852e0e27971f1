package io.queuelens.kpi.entity;

import java.time.Instant;

/**
 * Progress of the rollup rebuild a settings change started: shown next to the settings so a manager
 * knows when the reports of the past have caught up.
 *
 * @param doneUntil the rollups before this instant are recomputed
 * @param buckets   buckets recomputed, known when finished
 * @param error     why it failed, or null
 */
public record RebuildStatus(Instant from, Instant to, Instant doneUntil, Instant startedAt, Instant finishedAt,
                            long buckets, String error) {

    public static RebuildStatus started(Instant from, Instant to, Instant now) {
        return new RebuildStatus(from, to, from, now, null, 0, null);
    }

    public RebuildStatus progressed(Instant until) {
        return new RebuildStatus(from, to, until, startedAt, null, buckets, null);
    }

    public RebuildStatus finished(long bucketCount, Instant now) {
        return new RebuildStatus(from, to, to, startedAt, now, bucketCount, null);
    }

    public RebuildStatus failed(String why, Instant now) {
        return new RebuildStatus(from, to, doneUntil, startedAt, now, buckets, why);
    }

    public boolean running() {
        return finishedAt == null;
    }

    /** 0..100 by time covered. */
    public int percentDone() {
        long total = to.toEpochMilli() - from.toEpochMilli();
        return total <= 0 ? 100 : (int) (100 * (doneUntil.toEpochMilli() - from.toEpochMilli()) / total);
    }
}
