package io.queuelens.sources.boundary;

import java.time.Duration;

/**
 * A source's events per second over the last whole window, for its status: sampled by the source's
 * once-a-second watch from its event counter, so the reader thread only counts. One writer (the watch),
 * any number of readers.
 */
public final class EventRate {

    private final long windowNanos;
    private long windowStartNanos;
    private long windowStartCount;
    private volatile double perSecond;

    public EventRate(Duration window, long nowNanos) {
        this.windowNanos = window.toNanos();
        this.windowStartNanos = nowNanos;
    }

    /** Closes the window when it is over: the rate becomes the events counted in it per second. */
    public void sample(long eventCount, long nowNanos) {
        long elapsed = nowNanos - windowStartNanos;
        if (elapsed >= windowNanos) {
            perSecond = (eventCount - windowStartCount) * 1e9 / elapsed;
            windowStartCount = eventCount;
            windowStartNanos = nowNanos;
        }
    }

    public long perSecond() {
        return Math.round(perSecond);
    }
}
