package io.queuelens.live.control;

import io.queuelens.live.entity.LiveSnapshot;
import org.asteriskjava.manager.event.ManagerEvent;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The single writer of one tenant's {@link LiveModel}. Connections hand events over with
 * {@link #offer} (never blocks); one thread drains what is queued, applies it all and publishes one
 * snapshot per batch, so a burst of events costs one snapshot, and readers never see half a batch.
 * <p>
 * The inbox is bounded: past {@code capacity} queued events the writer is hopelessly behind, further
 * events are dropped and counted, and the source is asked to resync (the model then equals the PBX
 * again, whatever was dropped).
 */
public final class LiveFeed implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LiveFeed.class.getName());
    private static final int MAX_BATCH = 20_000;

    /** Counters per source, readable from any thread (status pages, metrics). */
    public static final class SourceCounters {
        final LongAdder applied = new LongAdder();
        final LongAdder ignored = new LongAdder();
        final LongAdder malformed = new LongAdder();
        final LongAdder dropped = new LongAdder();
        final AtomicLong lastResyncRequest = new AtomicLong(System.nanoTime() - 2_000_000_000L);

        public long applied() {
            return applied.sum();
        }

        public long ignored() {
            return ignored.sum();
        }

        public long malformed() {
            return malformed.sum();
        }

        public long dropped() {
            return dropped.sum();
        }
    }

    private record Input(String source, ManagerEvent event, long receivedNanos, Runnable control) {
    }

    private final String tenantId;
    private final LiveModel model;
    private final UnaryOperator<LiveSnapshot> publisher;
    private final Clock clock;
    private final BlockingQueue<Input> inbox;
    private final Map<String, SourceCounters> counters = new ConcurrentHashMap<>();
    private final Set<String> connectedSources = ConcurrentHashMap.newKeySet();
    private final Map<String, Runnable> resyncRequests = new ConcurrentHashMap<>();
    private final LagHistogram queueLag = new LagHistogram();
    private final LagHistogram sourceLag = new LagHistogram();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final Thread writer;
    private volatile long version;
    private volatile boolean closed;
    private volatile Instant lastAppliedAt;

    /**
     * @param startVersion the version of the tenant's latest published snapshot; the next one is +1
     * @param publisher    receives each new snapshot on the writer thread (e.g. {@code LiveSnapshots::publish}) and
     *                     answers the snapshot it kept, whose version the next one follows (it may re-base the
     *                     version: a cluster member taking over a tenant continues the copies' numbering)
     */
    public LiveFeed(String tenantId, LiveModel model, long startVersion, UnaryOperator<LiveSnapshot> publisher,
                    ThreadFactory threads, int capacity, Clock clock) {
        this.tenantId = tenantId;
        this.model = model;
        this.version = startVersion;
        this.publisher = publisher;
        this.clock = clock;
        this.inbox = new ArrayBlockingQueue<>(capacity);
        this.writer = threads.newThread(this::run);
        writer.setName("live-model-" + tenantId);
        writer.setDaemon(true);
    }

    public void start() {
        writer.start();
    }

    /** Queues an event for the writer; never blocks. */
    public void offer(String source, ManagerEvent event) {
        if (!inbox.offer(new Input(source, event, System.nanoTime(), null))) {
            SourceCounters c = counters(source);
            c.dropped.increment();
            Runnable resync = resyncRequests.get(source);
            long now = System.nanoTime();
            long last = c.lastResyncRequest.get();
            // one request per second at most: the answer is queued behind the same backlog anyway
            if (resync != null && now - last > 1_000_000_000L && c.lastResyncRequest.compareAndSet(last, now)) {
                resync.run();
            }
        }
    }

    /** Tells the model whether {@code source} is connected now (a snapshot says connected while any source is). */
    public void connected(String source, boolean up) {
        control(() -> {
            if (up) {
                connectedSources.add(source);
            } else {
                connectedSources.remove(source);
            }
            model.connected(!connectedSources.isEmpty());
        });
    }

    /** Runs {@code task} on the writer thread, in order with the events (seeding, tests). */
    public void control(Runnable task) {
        try {
            inbox.put(new Input(null, null, System.nanoTime(), task));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What to call when the inbox overflowed and the source's events can no longer be trusted. */
    public void onOverflow(String source, Runnable requestResync) {
        resyncRequests.put(source, requestResync);
    }

    private void run() {
        List<Input> batch = new ArrayList<>(1024);
        while (!closed) {
            try {
                Input first = inbox.poll(1, TimeUnit.SECONDS);
                boolean changed = false;
                if (first != null) {
                    batch.add(first);
                    inbox.drainTo(batch, MAX_BATCH);
                    applyAll(batch);
                    batch.clear();
                    changed = true;
                }
                changed |= model.tick(clock.instant());
                if (changed) {
                    publish();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // one bad batch must not stop the tenant's live picture for good
                LOG.log(Level.SEVERE, "Live model of tenant " + tenantId + " failed to apply a batch", e);
                batch.clear();
            }
        }
    }

    private void applyAll(List<Input> batch) {
        long wallMillis = clock.millis();
        for (Input in : batch) {
            if (in.control != null) {
                in.control.run();
                continue;
            }
            ManagerEvent e = in.event;
            Double ts = e.getTimestamp();
            Instant at = ts != null ? Instant.ofEpochMilli((long) (ts * 1000)) : Instant.ofEpochMilli(wallMillis);
            LiveModel.Applied result;
            try {
                result = model.apply(in.source, e, at);
            } catch (RuntimeException bad) {
                LOG.log(Level.FINE, "live model skipped an event it could not apply: " + e, bad);
                result = LiveModel.Applied.MALFORMED;
            }
            SourceCounters c = counters(in.source);
            switch (result) {
                case APPLIED -> c.applied.increment();
                case IGNORED -> c.ignored.increment();
                case MALFORMED -> c.malformed.increment();
            }
            if (ts != null) {
                sourceLag.record(Math.max(0, (wallMillis - (long) (ts * 1000)) * 1000));
            }
        }
        long doneNanos = System.nanoTime();
        for (Input in : batch) {
            if (in.event != null) {
                queueLag.record((doneNanos - in.receivedNanos) / 1000);
            }
        }
        lastAppliedAt = clock.instant();
        batches.incrementAndGet();
    }

    private void publish() {
        LiveSnapshot kept = publisher.apply(model.snapshot(version + 1));
        version = kept.version();
        published.incrementAndGet();
    }

    public SourceCounters counters(String source) {
        return counters.computeIfAbsent(source, s -> new SourceCounters());
    }

    public String tenantId() {
        return tenantId;
    }

    public int backlog() {
        return inbox.size();
    }

    /** Received -> applied, inside this process (the writer's queueing and work). */
    public LagHistogram queueLag() {
        return queueLag;
    }

    /** The PBX's event Timestamp -> applied (only events carrying a Timestamp, i.e. timestampevents=yes). */
    public LagHistogram sourceLag() {
        return sourceLag;
    }

    public long snapshotsPublished() {
        return published.get();
    }

    public long batches() {
        return batches.get();
    }

    public Instant lastAppliedAt() {
        return lastAppliedAt;
    }

    /** The model itself: only for reads of counters that the writer owns (approximate from other threads). */
    public LiveModel model() {
        return model;
    }

    @Override
    public void close() {
        closed = true;
        writer.interrupt();
    }
}
