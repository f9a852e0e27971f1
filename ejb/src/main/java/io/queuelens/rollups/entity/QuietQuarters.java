package io.queuelens.rollups.entity;

import io.queuelens.kpi.entity.AgentTotals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * The quiet quarter hours of one agent on one UTC day: the 15-minute buckets in which the agent was logged in
 * throughout and did nothing else (no call, pause, ring or after-call work), one bit each.
 *
 * <p>They are most of an agent's buckets (55% of a demo import's: an agent waits between calls) and all alike,
 * so {@code rollup_agent_quiet} stores them as a day's bits instead of a row each in {@code rollup_agent_15m}:
 * 33,600 stretches of them were 327,000 rows, a third of everything a bulk import wrote (docs/PERFORMANCE.md).
 * Two columns of 48 bits each (00:00-11:45 and 12:00-23:45 UTC): never the sign bit, exact in any SQL arithmetic.
 *
 * @param low  bit i: the quarter hour starting at i x 15 minutes after midnight UTC, i &lt; 48
 * @param high bit i: the one starting at 12:00 UTC + i x 15 minutes
 */
public record QuietQuarters(long low, long high) {

    /** What a quiet bucket holds. */
    public static final AgentTotals QUIET = new AgentTotals(Buckets.WIDTH.toMillis(), Map.of(), 0, 0, 0, 0, 0);

    public static final QuietQuarters NONE = new QuietQuarters(0, 0);

    /** Quarter hours per UTC day. */
    public static final int PER_DAY = 96;

    private static final int HALF = PER_DAY / 2;
    private static final long HALF_MASK = (1L << HALF) - 1;

    public QuietQuarters {
        if ((low & ~HALF_MASK) != 0 || (high & ~HALF_MASK) != 0) {
            throw new IllegalArgumentException("a day has 96 quarter hours, bits 0-47 of each half: " + low + ", " + high);
        }
    }

    public static boolean isQuiet(AgentTotals totals) {
        return QUIET.equals(totals);
    }

    /** The UTC day a bucket lies in. */
    public static LocalDate day(Instant bucketStart) {
        return LocalDate.ofEpochDay(Math.floorDiv(bucketStart.getEpochSecond(), 86_400L));
    }

    /** The bucket's quarter hour of its UTC day, 0-95. */
    public static int index(Instant bucketStart) {
        Buckets.requireBucketStart(bucketStart, "bucket start");
        return (int) (Math.floorMod(bucketStart.getEpochSecond(), 86_400L) / Buckets.WIDTH_SECONDS);
    }

    /** The start of quarter hour {@code index} of {@code day}. */
    public static Instant start(LocalDate day, int index) {
        return day.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(index * Buckets.WIDTH_SECONDS);
    }

    public boolean has(int index) {
        check(index);
        return index < HALF ? (low >>> index & 1) != 0 : (high >>> (index - HALF) & 1) != 0;
    }

    public QuietQuarters with(int index) {
        check(index);
        return index < HALF ? new QuietQuarters(low | 1L << index, high) : new QuietQuarters(low, high | 1L << (index - HALF));
    }

    /** Without the quarter hours [from, to) of the day (0 &lt;= from &lt;= to &lt;= 96). */
    public QuietQuarters without(int from, int to) {
        if (from < 0 || to > PER_DAY || from > to) {
            throw new IllegalArgumentException("quarter hours " + from + ".." + to + " of a day");
        }
        return new QuietQuarters(low & ~bits(from, to, 0), high & ~bits(from, to, HALF));
    }

    public boolean isEmpty() {
        return low == 0 && high == 0;
    }

    public int count() {
        return Long.bitCount(low) + Long.bitCount(high);
    }

    /** The bits of [from, to) that fall in the half starting at quarter hour {@code offset}, shifted into it. */
    private static long bits(int from, int to, int offset) {
        int a = Math.max(from - offset, 0);
        int b = Math.min(to - offset, HALF);
        return a >= b ? 0 : ((1L << (b - a)) - 1) << a;
    }

    private static void check(int index) {
        if (index < 0 || index >= PER_DAY) {
            throw new IllegalArgumentException("quarter hour " + index + " of a day");
        }
    }
}
