package io.queuelens.ingest.control;

import io.queuelens.calls.control.Checkpoints;
import io.queuelens.calls.control.FactBatch;
import io.queuelens.calls.control.FactStore;
import io.queuelens.calls.entity.AssemblerState;
import io.queuelens.calls.entity.Checkpoint;
import io.queuelens.calls.entity.QueueVisit;
import io.queuelens.rollups.control.AgentRollupRefresher;
import io.queuelens.rollups.control.DeferredRollups;
import io.queuelens.rollups.control.QueueRollupRefresher;
import io.queuelens.rollups.control.QueueRollupStore;
import io.queuelens.rollups.control.RollupBacklog;
import io.queuelens.rollups.control.RollupLock;
import io.queuelens.rollups.entity.BucketKey;
import io.queuelens.rollups.entity.Buckets;
import io.queuelens.schema.control.LocalTransaction;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes one batch of facts, the queue and agent rollup buckets they change and the reader's new checkpoint in a
 * single local transaction: either all of it is stored or none, which is what makes a kill at any
 * moment harmless.
 */
public final class FactCommitter {

    private final DataSource app;
    private final String tenantId;
    private final String sourceId;
    private final String reader;
    private final FactStore facts;
    private final QueueRollupRefresher rollups;
    private final AgentRollupRefresher agentRollups;
    /** Where a settlement rebuilds the queue rollups while the committing thread rebuilds the agents'. */
    private java.util.concurrent.Executor settleExecutor = DeferredRollups.OWN_THREAD;
    /** A long import settles its rollups whenever what it owes reaches back further than this. */
    static final Duration WAVE = Duration.ofDays(7);
    private Duration wave = WAVE;
    /** The start of what this instance's deferred commits owe and has not settled, or null. */
    private Instant owedFrom;
    /** Agents already recorded in this reader's backlog by this instance (re-recording one is harmless). */
    private final Set<String> agentsOwed = new HashSet<>();
    /** The log clock of the last commit: open sessions and pauses are counted up to it already. */
    private Instant lastClock;

    public FactCommitter(DataSource app, String tenantId, String sourceId, String reader, QueueRollupRefresher rollups) {
        this.app = app;
        this.tenantId = tenantId;
        this.sourceId = sourceId;
        this.reader = reader;
        this.facts = new FactStore(tenantId, sourceId);
        this.rollups = rollups;
        this.agentRollups = new AgentRollupRefresher(tenantId, rollups.settings());
    }

    /** @return the number of queue rollup buckets recomputed */
    public int commit(FactBatch batch, List<QueueVisit> inProgress, Checkpoint checkpoint, String positionPrefix)
            throws SQLException {
        AssemblerState state = checkpoint.state();
        int buckets = LocalTransaction.call(app, c -> {
            facts.write(c, batch, inProgress, positionPrefix);
            List<QueueVisit> changed = new ArrayList<>(batch.visits());
            changed.addAll(inProgress);
            RollupLock.QUEUE.acquire(c, tenantId);
            RollupLock.AGENT.acquire(c, tenantId);
            Set<BucketKey> dirty = rollups.dirtyBuckets(c, changed, batch.pauses());
            new QueueRollupStore().upsert(c, rollups.recompute(c, dirty));
            agentRollups.refresh(c, batch.sessions(), batch.pauses(), changed, batch.rings(),
                    new AgentRollupRefresher.Open(state.sessions(), state.pauses(), state.clock(), lastClock));
            Checkpoints.save(c, tenantId, sourceId, reader, checkpoint);
            return dirty.size();
        });
        lastClock = state.clock();
        return buckets;
    }

    /**
     * Like {@link #commit}, but instead of recomputing rollups it records in the same transaction what
     * they owe ({@link RollupBacklog}: the span and the agents these facts touched); {@link #settleDeferred}
     * rebuilds them once at the end. For bulk imports, where recomputing an hour of context around every
     * commit was nine tenths of the time. Reports lag the imported span until it is settled.
     */
    public void commitDeferred(FactBatch batch, List<QueueVisit> inProgress, Checkpoint checkpoint, String positionPrefix)
            throws SQLException {
        TouchedSpan span = TouchedSpan.of(batch, inProgress);
        Set<String> newAgents = new TreeSet<>(span.agents());
        newAgents.removeAll(agentsOwed);
        LocalTransaction.run(app, c -> {
            facts.write(c, batch, inProgress, positionPrefix);
            if (!span.isEmpty()) {
                RollupBacklog.add(c, tenantId, sourceId, reader, span.from(), span.to(), newAgents);
            }
            Checkpoints.save(c, tenantId, sourceId, reader, checkpoint);
        });
        agentsOwed.addAll(newAgents);
        if (!span.isEmpty() && (owedFrom == null || span.from().isBefore(owedFrom))) {
            owedFrom = span.from();
        }
    }

    /**
     * Settles the owed span older than a day before the log clock once it reaches back more than
     * {@link #WAVE} (see {@link DeferredRollups#settle(String, String, AgentRollupRefresher.Open, Instant)}):
     * a long import keeps its settlements short, and its reports complete up to the day before.
     *
     * @return queue buckets rebuilt (0 when not due)
     */
    public long settleWave(AssemblerState state) throws SQLException {
        Instant clock = state.clock();
        if (owedFrom == null || clock == null || Duration.between(owedFrom, clock).compareTo(wave) <= 0) {
            return 0;
        }
        Instant upTo = Buckets.floor(clock.minus(Duration.ofDays(1)));
        long buckets = new DeferredRollups(app, tenantId, rollups, settleExecutor).settle(sourceId, reader,
                new AgentRollupRefresher.Open(state.sessions(), state.pauses(), clock, null), upTo);
        owedFrom = upTo;
        return buckets;
    }

    /**
     * Rebuilds the rollups this reader's deferred commits owe (see {@link DeferredRollups}).
     *
     * @param open the assembler's state at the end of the input: its open sessions and pauses are counted to its clock
     * @return queue buckets rebuilt
     */
    public long settleDeferred(AssemblerState open) throws SQLException {
        long buckets = new DeferredRollups(app, tenantId, rollups, settleExecutor).settle(sourceId, reader,
                new AgentRollupRefresher.Open(open.sessions(), open.pauses(), open.clock(), null));
        agentsOwed.clear();
        owedFrom = null;
        lastClock = open.clock();
        return buckets;
    }

    /** For tests: waves every {@code span} instead of {@link #WAVE} (a span longer than the input: one settlement at the end). */
    void settleWavesEvery(Duration span) {
        this.wave = span;
    }

    /** In the server: a managed executor instead of {@link DeferredRollups#OWN_THREAD}'s own thread. */
    public void settleOn(java.util.concurrent.Executor executor) {
        this.settleExecutor = java.util.Objects.requireNonNull(executor, "executor");
    }

    public java.util.Optional<Checkpoint> lastCheckpoint() throws SQLException {
        try (Connection c = app.getConnection()) {
            return Checkpoints.load(c, tenantId, sourceId, reader);
        }
    }
}
