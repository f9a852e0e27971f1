package io.queuelens.live.control;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hands on the latest value per key at most once per interval: values offered in between replace each other
 * and only the last one goes out, when the interval is over; a value offered after a quiet interval goes out at
 * once. The last value offered always goes out. Live snapshots come up to once per applied batch (hundreds a
 * second in a burst) while the other cluster members need only the latest: this keeps the grid's traffic to one
 * full snapshot per tenant per interval, whatever the PBX does.
 *
 * @param <K> the key (a tenant)
 * @param <V> the value (its snapshot)
 */
public final class LatestPerKey<K, V> {

    private static final Logger LOG = Logger.getLogger(LatestPerKey.class.getName());

    private final long intervalNanos;
    private final ScheduledExecutorService timer;
    private final BiConsumer<K, V> sink;
    private final LongSupplier nanoTime;
    private final Map<K, Slot<V>> slots = new ConcurrentHashMap<>();

    private static final class Slot<V> {
        V pending;
        boolean scheduled;
        boolean sentOnce;
        long lastSentNanos;
    }

    /**
     * @param timer runs the sink; one thread keeps a key's values in order
     * @param sink  receives the values on {@code timer}'s thread; a failure is logged and the next value still goes
     */
    public LatestPerKey(long intervalMillis, ScheduledExecutorService timer, BiConsumer<K, V> sink, LongSupplier nanoTime) {
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
        this.timer = timer;
        this.sink = sink;
        this.nanoTime = nanoTime;
    }

    /** Never blocks: stores the value and, unless a hand-over is already due for the key, schedules one. */
    public void offer(K key, V value) {
        Slot<V> s = slots.computeIfAbsent(key, k -> new Slot<>());
        synchronized (s) {
            s.pending = value;
            if (s.scheduled) {
                return; // the due hand-over takes this value
            }
            long wait = s.sentOnce ? Math.max(0, s.lastSentNanos + intervalNanos - nanoTime.getAsLong()) : 0;
            try {
                timer.schedule(() -> handOver(key, s), wait, TimeUnit.NANOSECONDS);
                s.scheduled = true;
            } catch (RejectedExecutionException stopping) {
                s.pending = null; // shutting down
            }
        }
    }

    private void handOver(K key, Slot<V> s) {
        V value;
        synchronized (s) {
            value = s.pending;
            s.pending = null;
            s.scheduled = false;
            s.sentOnce = true;
            s.lastSentNanos = nanoTime.getAsLong();
        }
        if (value == null) {
            return;
        }
        try {
            sink.accept(key, value);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "latest value of " + key + " not handed on: " + e, e);
        }
    }
}
