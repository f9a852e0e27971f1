package io.queuelens.ingest.control;

import io.queuelens.calls.control.Checkpoints;
import io.queuelens.calls.control.FactBatch;
import io.queuelens.calls.control.FactStore;
import io.queuelens.calls.control.FactWrites;
import io.queuelens.calls.entity.AssemblerState;
import io.queuelens.calls.entity.Checkpoint;
import io.queuelens.calls.entity.QueueVisit;
import io.queuelens.rollups.control.AgentRollupRefresher;
import io.queuelens.rollups.control.DeferredRollups;
import io.queuelens.rollups.control.FactReads;
import io.queuelens.rollups.control.HeldFacts;
import io.queuelens.rollups.control.QueueRollupRefresher;
import io.queuelens.rollups.control.QueueRollupStore;
import io.queuelens.rollups.control.RollupBacklog;
import io.queuelens.rollups.control.RollupLock;
import io.queuelens.rollups.entity.BucketKey;
import io.queuelens.rollups.entity.Buckets;
import io.queuelens.schema.control.DatabaseKind;
import io.queuelens.schema.control.LocalTransaction;
import io.queuelens.schema.control.MultiRowInsert;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

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
    private Duration waveSpan = WAVE;
    /** The start of what this instance's deferred commits owe and has not settled, or null. */
    private Instant owedFrom;
    /** Agents already recorded in this reader's backlog by this instance (re-recording one is harmless). */
    private final Set<String> agentsOwed = new HashSet<>();
    /** The log clock of the last commit: open sessions and pauses are counted up to it already. */
    private Instant lastClock;
    /** The wave settling in the background while later lines are committed, or null. */
    private Wave wave;
    /** What the deferred commits wrote, for their settlements while this import is the tenant's only writer. */
    private final HeldFacts held;
    /** This committer's name in {@link FactWrites}: random, so that each import is a writer of its own. */
    private final String writer = java.util.UUID.randomUUID().toString();
    private boolean holdFacts = true;
    /** A new daemon thread per commit: for callers outside a container (the CLI, tests, benchmarks). */
    public static final java.util.concurrent.Executor COMMIT_THREAD = task -> {
        Thread t = new Thread(task, "queuelens-import-commit");
        t.setDaemon(true);
        t.start();
    };
    /** Where the deferred commits run, one at a time, while the importing thread reads on ({@link #commitOn}). */
    private java.util.concurrent.Executor commitExecutor = COMMIT_THREAD;
    /** The deferred commit running on the commit thread, or null. */
    private InFlight inFlight;
    /** Asked of the database at the first deferred commit. */
    private Target target;

    /** How far before a settlement's own look-back its reads can reach (an agent's pause that began a day earlier). */
    private static final Duration HELD_SLACK = Duration.ofDays(1);

    public FactCommitter(DataSource app, String tenantId, String sourceId, String reader, QueueRollupRefresher rollups) {
        this.app = app;
        this.tenantId = tenantId;
        this.sourceId = sourceId;
        this.reader = reader;
        this.facts = new FactStore(tenantId, sourceId);
        this.rollups = rollups;
        this.agentRollups = new AgentRollupRefresher(tenantId, rollups.settings());
        this.held = new HeldFacts(tenantId, writer);
    }

    /** @return the number of queue rollup buckets recomputed */
    public int commit(FactBatch batch, List<QueueVisit> inProgress, Checkpoint checkpoint, String positionPrefix)
            throws SQLException {
        AssemblerState state = checkpoint.state();
        awaitCommits(); // after this instance's deferred commit, if one runs
        held.stopHolding(); // these facts are not held: a settlement must read them
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
            FactWrites.add(c, tenantId, writer); // last: the row is locked only until the commit
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
     * <p>
     * The batch is committed on the commit threads ({@link #commitOn}) and this returns once the batch before it has
     * committed: the statements, the checkpoint's state and the held facts are made ready on the calling thread while
     * the database runs the batch before, and the caller reads its next lines while the database runs this one. A
     * failed commit is thrown by the next call (or by {@link #settleWave} and {@link #settleDeferred}), and nothing
     * after it is committed. The batch and the visits must not change afterwards ({@link FactBatch#take}).
     * <p>
     * A batch with visits is two transactions on two connections, side by side: the visits with what the batch owes the
     * rollups, and the rest of its facts with the checkpoint, which commits only after the visits did. Inserting the
     * visits is most of the database's work for a batch, and one connection's statements run on one core. A batch is
     * therefore stored whole, or not at all, or (killed between the two commits) with its visits stored beyond the
     * checkpoint: they are in the backlog, so a settlement counts them, and a resumed import writes the same rows again.
     */
    public void commitDeferred(FactBatch batch, List<QueueVisit> inProgress, Checkpoint checkpoint, String positionPrefix)
            throws SQLException {
        TouchedSpan span = TouchedSpan.of(batch, inProgress);
        Set<String> newAgents = new TreeSet<>(span.agents());
        newAgents.removeAll(agentsOwed);
        Target target = target();
        FactStore.Prepared writes = facts.prepare(target.text(), target.fractions(), batch, inProgress, positionPrefix);
        byte[] state = Checkpoints.encode(checkpoint.state());
        InFlight before = awaitCommit();
        if (holdFacts && !held.started()) {
            try (Connection c = app.getConnection()) {
                held.start(c); // before the import's first write: only a tenant without facts has all of them held
            }
        }
        LocalTransaction.VoidWork owe = c -> {
            if (!span.isEmpty()) {
                RollupBacklog.add(c, tenantId, sourceId, reader, span.from(), span.to(), newAgents);
            }
        };
        // handed over first: an executor that runs its tasks in order never leaves the rest waiting for it
        CompletableFuture<Void> visits = writes.anyVisits() ? transaction(c -> {
            writes.visits().write(c);
            owe.in(c);
        }) : null;
        CompletableFuture<Void> committed = transaction(c -> {
            try {
                writes.rest().write(c);
                if (visits == null) {
                    owe.in(c);
                }
                Checkpoints.save(c, tenantId, sourceId, reader, checkpoint.position(), state);
                if (visits != null) {
                    DeferredRollups.join(visits); // its failure rolls this back: no checkpoint beyond missing visits
                }
                held.counted(FactWrites.add(c, tenantId, writer)); // last: the row is locked only until the commit
            } finally {
                if (visits != null) { // ends after the visits' transaction ended, however: nothing of it writes on unseen
                    visits.handle((done, failed) -> null).join();
                }
            }
        });
        inFlight = new InFlight(batch, inProgress, committed);
        if (before != null) { // committed: its facts are the stored ones now (while the database runs this batch)
            before.hold(held);
        }
        agentsOwed.addAll(newAgents);
        if (!span.isEmpty() && (owedFrom == null || span.from().isBefore(owedFrom))) {
            owedFrom = span.from();
        }
        if (wave != null) {
            wave.committed(span);
        }
    }

    /** One local transaction on the commit executor; a failure stops holding the facts (a settlement reads the stored ones). */
    private CompletableFuture<Void> transaction(LocalTransaction.VoidWork work) {
        return CompletableFuture.runAsync(() -> {
            try {
                LocalTransaction.run(app, work);
            } catch (SQLException e) {
                held.stopHolding();
                throw new CompletionException(e);
            } catch (RuntimeException | Error e) {
                held.stopHolding();
                throw e;
            }
        }, commitExecutor);
    }

    /** Waits for the deferred commit in flight, if any, and holds its facts; throws its failure. */
    private void awaitCommits() throws SQLException {
        InFlight done = awaitCommit();
        if (done != null) {
            done.hold(held);
        }
    }

    /** Waits for the deferred commit in flight, if any, and returns it; throws its failure. */
    private InFlight awaitCommit() throws SQLException {
        if (inFlight == null) {
            return null;
        }
        InFlight running = inFlight;
        inFlight = null;
        DeferredRollups.join(running.committed());
        return running;
    }

    /** Whether this committer's database takes rows as statement text, and keeps fractions of a second; asked once. */
    private Target target() throws SQLException {
        if (target == null) {
            try (Connection c = app.getConnection()) {
                target = new Target(DatabaseKind.of(c) == DatabaseKind.MYSQL, MultiRowInsert.storesFractions(c));
            }
        }
        return target;
    }

    private record Target(boolean text, boolean fractions) {
    }

    /** A deferred commit handed to the commit thread, with the facts to hold once it committed. */
    private record InFlight(FactBatch batch, List<QueueVisit> inProgress, CompletableFuture<Void> committed) {
        void hold(HeldFacts held) {
            List<QueueVisit> written = new ArrayList<>(batch.visits());
            written.addAll(inProgress);
            held.committed(written, batch.sessions(), batch.pauses(), batch.rings());
        }
    }

    /**
     * Settles the owed span older than a day before the log clock once it reaches back more than
     * {@link #WAVE} (see {@link DeferredRollups#settle(String, String, AgentRollupRefresher.Open, Instant)}):
     * a long import keeps its settlements short, and its reports complete up to the day before.
     * <p>
     * The wave is rebuilt in the background ({@link DeferredRollups#rebuildInBackground}) while the caller
     * goes on committing later lines: on two cores the import's writes and its settlement's reads and
     * computations overlap instead of taking turns. What a commit meanwhile owes before the cut is owed
     * again when the wave is marked settled (see {@link Wave}), so the rows are those of a settlement
     * that waited. At most one wave runs: a due wave first waits for the one before.
     *
     * @return queue buckets rebuilt by waves that ended since the last call
     */
    public long settleWave(AssemblerState state) throws SQLException {
        long buckets = 0;
        if (wave != null && wave.rebuilt.isDone()) {
            awaitCommits(); // the wave is marked settled after every commit handed over before
            buckets = finishWave();
        }
        Instant clock = state.clock();
        if (owedFrom == null || clock == null || Duration.between(owedFrom, clock).compareTo(waveSpan) <= 0) {
            return buckets;
        }
        awaitCommits(); // planned from the stored backlog, with every fact handed over held
        buckets += finishWave();
        Instant upTo = Buckets.floor(clock.minus(Duration.ofDays(1)));
        Optional<DeferredRollups.Plan> plan = deferred().plan(sourceId, reader,
                new AgentRollupRefresher.Open(state.sessions(), state.pauses(), clock, null), upTo);
        if (plan.isPresent()) {
            wave = new Wave(plan.get(), settling(plan.get()).rebuildInBackground(plan.get()));
        }
        owedFrom = upTo;
        return buckets;
    }

    /**
     * Rebuilds the rollups this reader's deferred commits owe (see {@link DeferredRollups}), after the wave
     * still running, if any.
     *
     * @param open the assembler's state at the end of the input: its open sessions and pauses are counted to its clock
     * @return queue buckets rebuilt (by that wave too)
     */
    public long settleDeferred(AssemblerState open) throws SQLException {
        awaitCommits();
        long buckets = finishWave();
        Optional<DeferredRollups.Plan> plan = deferred().plan(sourceId, reader,
                new AgentRollupRefresher.Open(open.sessions(), open.pauses(), open.clock(), null), null);
        if (plan.isPresent()) {
            buckets += settling(plan.get()).settle(plan.get());
        }
        held.stop();
        agentsOwed.clear();
        owedFrom = null;
        lastClock = open.clock();
        return buckets;
    }

    /**
     * Waits for the deferred commit and the wave still running, if any, without marking the wave settled: for an
     * import that failed, so that nothing of it goes on writing after it returned. Its span stays owed. Never throws.
     */
    public void abandonWave() {
        if (inFlight != null) {
            inFlight.committed().handle((done, failed) -> null).join();
            inFlight = null;
        }
        if (wave != null) {
            wave.rebuilt.handle((done, failed) -> null).join();
            wave = null;
        }
        held.stop();
    }

    /** Waits for the running wave and marks its span settled, owing again what commits meanwhile owed before its cut. */
    private long finishWave() throws SQLException {
        if (wave == null) {
            return 0;
        }
        Wave done = wave;
        wave = null;
        long buckets = DeferredRollups.join(done.rebuilt);
        DeferredRollups deferred = deferred();
        LocalTransaction.run(app, c -> {
            deferred.markSettled(c, done.plan);
            if (done.lateFrom != null) {
                RollupBacklog.add(c, tenantId, sourceId, reader, done.lateFrom, done.lateTo, done.lateAgents);
            }
        });
        if (!done.plan.partial()) { // the backlog's agents were cleared with it: only the late ones are owed now
            agentsOwed.clear();
            agentsOwed.addAll(done.lateAgents);
        }
        return buckets;
    }

    /** A settlement of this reader's rollups, on the executor as it is now ({@link #settleOn}). */
    private DeferredRollups deferred() {
        return new DeferredRollups(app, tenantId, rollups, settleExecutor);
    }

    /**
     * The settlement of this plan, reading the facts this import holds where it may ({@link HeldFacts}): nothing it
     * asks reaches before its look-back, but for an agent's pause that began up to {@link #HELD_SLACK} earlier.
     */
    private DeferredRollups settling(DeferredRollups.Plan plan) {
        Instant from = plan.queuesFrom().isBefore(plan.agentsFrom()) ? plan.queuesFrom() : plan.agentsFrom();
        FactReads facts = held.forSettlement(from.minus(HELD_SLACK));
        return new DeferredRollups(app, tenantId, rollups, settleExecutor, facts);
    }

    /** For tests: whether this import's settlements may read the facts it holds (they do unless told otherwise). */
    void holdFacts(boolean hold) {
        this.holdFacts = hold;
    }

    /** For tests: the facts held, and how many settlement transactions read them. */
    HeldFacts held() {
        return held;
    }

    /** For tests: waves every {@code span} instead of {@link #WAVE} (a span longer than the input: one settlement at the end). */
    void settleWavesEvery(Duration span) {
        this.waveSpan = span;
    }

    /**
     * Where settlements rebuild in the background (a wave's two sides, the queue side of the one at the end);
     * in the server a managed executor instead of {@link DeferredRollups#OWN_THREAD}'s own threads. The import's
     * thread waits for those tasks, so none of them waits for another: an executor of any size will do.
     */
    public void settleOn(java.util.concurrent.Executor executor) {
        this.settleExecutor = java.util.Objects.requireNonNull(executor, "executor");
    }

    /**
     * Where the deferred commits run ({@link #commitDeferred}): in the server a managed executor instead of
     * {@link #COMMIT_THREAD}. One runs at a time, and it waits for nothing but the database.
     */
    public void commitOn(java.util.concurrent.Executor executor) {
        this.commitExecutor = java.util.Objects.requireNonNull(executor, "executor");
    }

    public java.util.Optional<Checkpoint> lastCheckpoint() throws SQLException {
        try (Connection c = app.getConnection()) {
            return Checkpoints.load(c, tenantId, sourceId, reader);
        }
    }

    /**
     * A wave rebuilding in the background, and what the commits made meanwhile owe before its cut. Such a
     * commit widened the backlog back to its facts, but marking the wave settled advances the backlog past
     * them, and the wave may have read its facts or not: so they are owed again in the transaction that marks
     * the wave settled. A commit after the cut stays owed anyway; when the wave took all that was owed (the
     * backlog is cleared), every commit meanwhile is owed again.
     */
    private static final class Wave {
        final DeferredRollups.Plan plan;
        final java.util.concurrent.CompletableFuture<Long> rebuilt;
        Instant lateFrom;
        Instant lateTo;
        final Set<String> lateAgents = new TreeSet<>();

        Wave(DeferredRollups.Plan plan, java.util.concurrent.CompletableFuture<Long> rebuilt) {
            this.plan = plan;
            this.rebuilt = rebuilt;
        }

        void committed(TouchedSpan span) {
            if (span.isEmpty() || (plan.partial() && !span.from().isBefore(plan.upTo()))) {
                return;
            }
            lateFrom = lateFrom == null || span.from().isBefore(lateFrom) ? span.from() : lateFrom;
            lateTo = lateTo == null || span.to().isAfter(lateTo) ? span.to() : lateTo;
            lateAgents.addAll(span.agents());
        }
    }
}
