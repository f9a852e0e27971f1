package io.queuelens.rollups.entity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The 15-minute UTC grid every fact is bucketed on (KPI.md, Time). Every time zone's offset is a
 * multiple of 15 minutes, so a bucket never straddles a local period boundary.
 */
public final class Buckets {

    public static final Duration WIDTH = Duration.ofMinutes(15);
    public static final long WIDTH_SECONDS = WIDTH.getSeconds();

    private Buckets() {
    }

    /** The start of the bucket holding {@code t}: floored to 15 minutes UTC (also before 1970). */
    public static Instant floor(Instant t) {
        return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), WIDTH_SECONDS) * WIDTH_SECONDS);
    }

    public static boolean isBucketStart(Instant t) {
        return t.getNano() == 0 && Math.floorMod(t.getEpochSecond(), WIDTH_SECONDS) == 0;
    }

    public static Instant requireBucketStart(Instant t, String what) {
        if (!isBucketStart(t)) {
            throw new IllegalArgumentException(what + " must be on the 15-minute UTC grid, was " + t);
        }
        return t;
    }

    /** One piece of an interval cut at bucket boundaries. */
    public record Piece(Instant bucketStart, Instant from, Instant to) {
        public long millis() {
            return Duration.between(from, to).toMillis();
        }
    }

    /** [from, to) cut at every bucket boundary; empty when {@code to} is not after {@code from}. */
    public static List<Piece> split(Instant from, Instant to) {
        List<Piece> pieces = new ArrayList<>();
        Instant cursor = from;
        while (cursor.isBefore(to)) {
            Instant bucket = floor(cursor);
            Instant next = bucket.plus(WIDTH);
            Instant end = next.isBefore(to) ? next : to;
            pieces.add(new Piece(bucket, cursor, end));
            cursor = end;
        }
        return pieces;
    }
}
