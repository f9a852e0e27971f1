package io.queuelens.rollups.entity;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * One report period: [start, end) on the instant timeline, labelled with its local start.
 *
 * @param label  the local date-time the period is named by (e.g. 2026-10-25T02:00 twice on a fall-back
 *               night, told apart by {@code offset})
 * @param offset the zone offset at {@code start}
 * @param start  first instant, a bucket start (clipped to the report's {@code from})
 * @param end    first instant after the period (clipped to the report's {@code to})
 */
public record ReportPeriod(LocalDateTime label, ZoneOffset offset, Instant start, Instant end) {

    public ReportPeriod {
        Buckets.requireBucketStart(start, "period start");
        Buckets.requireBucketStart(end, "period end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("a period ends after it starts: " + start + " .. " + end);
        }
    }

    public int bucketCount() {
        return (int) (Duration.between(start, end).getSeconds() / Buckets.WIDTH_SECONDS);
    }

    public boolean contains(Instant bucketStart) {
        return !bucketStart.isBefore(start) && bucketStart.isBefore(end);
    }

    /** The bucket starts of this period, in order. */
    public List<Instant> bucketStarts() {
        List<Instant> starts = new ArrayList<>(bucketCount());
        for (Instant b = start; b.isBefore(end); b = b.plus(Buckets.WIDTH)) {
            starts.add(b);
        }
        return starts;
    }
}
