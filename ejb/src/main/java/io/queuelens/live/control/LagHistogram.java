package io.queuelens.live.control;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Lag of applied events, in microseconds, as a fixed histogram: 8 sub-buckets per power of two up to
 * about 70 s. Recording is one array increment (the writer records thousands of events a second);
 * percentiles are read from any thread, within 1/8 of a power of two of the true value.
 */
public final class LagHistogram {

    private static final int SUB = 8;
    private static final int BUCKETS = 27 * SUB;
    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    public void record(long micros) {
        counts.incrementAndGet(index(Math.max(0, micros)));
    }

    static int index(long micros) {
        if (micros < SUB) {
            return (int) micros;
        }
        int exp = 63 - Long.numberOfLeadingZeros(micros); // >= 3
        int sub = (int) (micros >>> (exp - 3)) & (SUB - 1);
        return Math.min(BUCKETS - 1, (exp - 2) * SUB + sub);
    }

    /** The upper bound of bucket {@code i}, in microseconds. */
    static long upper(int i) {
        if (i < SUB) {
            return i;
        }
        int exp = i / SUB + 2;
        int sub = i % SUB;
        return ((long) (SUB + sub + 1) << (exp - 3)) - 1;
    }

    public long count() {
        long n = 0;
        for (int i = 0; i < BUCKETS; i++) {
            n += counts.get(i);
        }
        return n;
    }

    /** The lag at percentile {@code p} (0-100) in microseconds, 0 when nothing was recorded. */
    public long percentile(double p) {
        long total = count();
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(total * p / 100.0);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank && seen > 0) {
                return upper(i);
            }
        }
        return upper(BUCKETS - 1);
    }

    public void reset() {
        for (int i = 0; i < BUCKETS; i++) {
            counts.set(i, 0);
        }
    }
}
