package io.queuelens.ingest.control;

import io.queuelens.sources.boundary.Source;
import io.queuelens.sources.boundary.SourceKind;
import io.queuelens.sources.boundary.SourceStatus;
import io.queuelens.sources.boundary.SourceStatus.State;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The history reader of one configured source as the server runs it: drains its ingestion on its own
 * schedule slot, counts what it read, and keeps its state for the status page, the sources health
 * check and the metrics. A failure is logged once per streak (not at every retry) and stays visible
 * in the status until a step succeeds again.
 */
public final class SourceReader implements Source {

    /** One ingestion step over the source's input (a table read or a file tail). */
    @FunctionalInterface
    public interface Step {
        IngestResult step(int maxLines) throws Exception;
    }

    private static final Logger LOG = Logger.getLogger(SourceReader.class.getName());

    private final String tenantId;
    private final String name;
    private final String what;
    private final Step step;
    private final Supplier<String> following;
    private final BooleanSupplier waiting;
    private final AtomicLong linesRead = new AtomicLong();
    private final AtomicLong visits = new AtomicLong();
    private final AtomicLong quarantined = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile State state = State.STARTING;
    private volatile String detail = "starting";
    private volatile String lastError;
    private volatile Instant lastReadAt;
    private volatile ScheduledFuture<?> schedule;
    private boolean cannotStart;
    /** Shared by every reader of one source (one replaces another when its settings change): their steps never overlap. */
    private Object stepLock = this;

    /**
     * @param what      what is read, for messages (e.g. {@code table queue_log of jdbc:mysql://pbx/asteriskcdrdb})
     * @param following a sentence about where the reader is, shown while it works
     */
    public SourceReader(String tenantId, String name, String what, Step step, Supplier<String> following) {
        this(tenantId, name, what, step, following, () -> false);
    }

    /** @param waiting whether the input is missing for now (e.g. a queue_log file not there): the source is not ready then */
    public SourceReader(String tenantId, String name, String what, Step step, Supplier<String> following, BooleanSupplier waiting) {
        this.waiting = waiting;
        this.tenantId = tenantId;
        this.name = name;
        this.what = what;
        this.step = step;
        this.following = following;
    }

    /** A reader that cannot start (e.g. its secret does not decrypt): it shows why and reads nothing. */
    public static SourceReader failed(String tenantId, String name, String reason) {
        SourceReader r = new SourceReader(tenantId, name, "", max -> IngestResult.NONE, () -> reason);
        r.cannotStart = true;
        r.state = State.FAILED;
        r.detail = reason;
        r.lastError = reason;
        LOG.log(Level.SEVERE, "History source {0}/{1} cannot start: {2}", new Object[]{tenantId, name, reason});
        return r;
    }

    /**
     * Steps only while holding {@code lock}, the lock of its source: a stopped reader of the same source
     * (settings changed, or disabled and enabled again) finishes the step it is in before this one's
     * first, so two readers never commit one checkpoint at once. Call before scheduling.
     */
    public void stepsUnder(Object lock) {
        this.stepLock = lock;
    }

    /** Reads until caught up. Never throws: the next run of the schedule retries. */
    public void drain(int batchRows) {
        synchronized (stepLock) {
            drainLocked(batchRows);
        }
    }

    private void drainLocked(int batchRows) {
        if (state == State.STOPPED || cannotStart) {
            return;
        }
        try {
            IngestResult r;
            do {
                r = step.step(batchRows);
                linesRead.addAndGet(r.linesRead());
                visits.addAndGet(r.visits());
                quarantined.addAndGet(r.quarantined());
                if (r.linesRead() > 0) {
                    lastReadAt = Instant.now();
                }
            } while (!r.caughtUp() && state != State.STOPPED);
            if (lastError != null) {
                LOG.log(Level.INFO, "History source {0}/{1} reads again", new Object[]{tenantId, name});
            }
            lastError = null;
            failures.set(0);
            state = state == State.STOPPED ? State.STOPPED : waiting.getAsBoolean() ? State.RECONNECTING : State.CONNECTED;
            detail = following.get();
        } catch (Exception e) {
            String reason = "reading " + what + " failed: " + e.getMessage();
            if (lastError == null) { // one log line per failure streak
                LOG.log(Level.WARNING, "History source " + tenantId + "/" + name + ": " + reason + "; retrying", e);
            }
            failures.incrementAndGet();
            lastError = reason;
            state = State.RECONNECTING;
            detail = reason + "; retrying";
        }
    }

    public void scheduled(ScheduledFuture<?> future) {
        this.schedule = future;
    }

    /** Stops the schedule; a step in progress finishes (its commit is whole either way). */
    public void stop() {
        state = State.STOPPED;
        detail = "stopped";
        ScheduledFuture<?> s = schedule;
        if (s != null) {
            s.cancel(false);
        }
    }

    public String lastError() {
        return lastError;
    }

    @Override
    public String tenantId() {
        return tenantId;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SourceKind kind() {
        return SourceKind.ASTERISK;
    }

    @Override
    public SourceStatus status() {
        return new SourceStatus(state, state == State.CONNECTED, detail, lastReadAt, Map.of(
                "linesRead", linesRead.get(), "visits", visits.get(), "quarantined", quarantined.get(),
                "failedSteps", failures.get()));
    }
}
