package io.queuelens.web.live;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * At most one flush per tenant per window. The first change after a quiet window is flushed at once
 * (an isolated change is not delayed); changes within the window after a flush are folded into one
 * flush at the window's end. {@link #changed} only marks and schedules, so the model's writer thread,
 * which calls it, never waits for a push.
 */
final class Coalescer {

    /** Runs a task after a delay on another thread. */
    interface Scheduler {
        void schedule(Runnable task, long delayMillis);
    }

    private static final class Slot {
        boolean scheduled;
        long lastFlush = Long.MIN_VALUE / 2;
    }

    private final long windowMillis;
    private final LongSupplier clockMillis;
    private final Scheduler scheduler;
    private final Consumer<String> flush;
    private final ConcurrentMap<String, Slot> slots = new ConcurrentHashMap<>();

    Coalescer(long windowMillis, LongSupplier clockMillis, Scheduler scheduler, Consumer<String> flush) {
        if (windowMillis < 0) {
            throw new IllegalArgumentException("window must not be negative: " + windowMillis);
        }
        this.windowMillis = windowMillis;
        this.clockMillis = clockMillis;
        this.scheduler = scheduler;
        this.flush = flush;
    }

    long windowMillis() {
        return windowMillis;
    }

    /** A change of {@code tenantId}: a flush is scheduled unless one is already pending. */
    void changed(String tenantId) {
        Slot slot = slots.computeIfAbsent(tenantId, k -> new Slot());
        long delay;
        synchronized (slot) {
            if (slot.scheduled) {
                return;
            }
            slot.scheduled = true;
            delay = Math.max(0, slot.lastFlush + windowMillis - clockMillis.getAsLong());
        }
        scheduler.schedule(() -> run(tenantId, slot), delay);
    }

    private void run(String tenantId, Slot slot) {
        synchronized (slot) {
            // cleared before flushing: a change during the flush schedules the next one
            slot.scheduled = false;
            slot.lastFlush = clockMillis.getAsLong();
        }
        flush.accept(tenantId);
    }
}
