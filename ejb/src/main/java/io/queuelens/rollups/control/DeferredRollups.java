package io.queuelens.rollups.control;

import io.queuelens.schema.control.LocalTransaction;
import io.queuelens.rollups.entity.Buckets;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Settles what a reader that deferred its rollups owes ({@link RollupBacklog}): rebuilds the queue and
 * agent buckets of the owed span from the facts (the queues one UTC day per transaction, the agents a
 * group of them and up to eight days per transaction), then deletes the backlog. Rebuilding a span once
 * is what makes a bulk import fast: the per-commit refresh re-read an hour of context and every touched
 * agent's day at each of hundreds of commits.
 *
 * <p>The span is widened by what the new facts can change outside it: earlier visits of the same
 * callers that became repeats (the repeat window plus a day, as {@link QueueRollupRefresher#dirtyBuckets}
 * looks back), calls that now own an after-call-work pause ({@link QueueRollupRefresher#ACW_LOOKBACK}),
 * an hour after it for a pause that a call in the span took from a later one, and
 * {@link AgentRollupRefresher#CONTEXT} around it for the agents.
 *
 * <p>Settling is idempotent (every bucket is recomputed, not patched), so settling again after a
 * crash in the middle gives the same rows.
 */
public final class DeferredRollups {

    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration AFTER = Duration.ofHours(1);
    /** The agent side's longest slice per transaction: a wave's week (see FactCommitter) and its context in one. */
    private static final Duration AGENT_SLICE = Duration.ofDays(8);

    private final DataSource dataSource;
    private final String tenantId;
    private final QueueRollupRefresher queues;
    private final AgentRollupRefresher agents;
    private final Executor executor;
    private final FactReads facts;

    /** Runs each task on a new daemon thread: for callers outside a container (the CLI's, tests, benchmarks). */
    public static final Executor OWN_THREAD = task -> {
        Thread t = new Thread(task, "queuelens-rollup-settle");
        t.setDaemon(true);
        t.start();
    };

    /**
     * @param executor runs the queue side of a settlement while the calling thread does the agents
     *                 (in the server a ManagedExecutorService, elsewhere {@link #OWN_THREAD})
     */
    public DeferredRollups(DataSource dataSource, String tenantId, QueueRollupRefresher queues, Executor executor) {
        this(dataSource, tenantId, queues, executor, new SqlFactReads(tenantId));
    }

    /**
     * @param facts where the rebuilds read the facts: the stored ones, or those a bulk import holds ({@link HeldFacts})
     */
    public DeferredRollups(DataSource dataSource, String tenantId, QueueRollupRefresher queues, Executor executor,
                           FactReads facts) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.facts = Objects.requireNonNull(facts, "facts");
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.tenantId = Objects.requireNonNull(tenantId, "tenantId");
        this.queues = Objects.requireNonNull(queues, "queues");
        this.agents = new AgentRollupRefresher(tenantId, queues.settings());
    }

    /**
     * @param open sessions and pauses still open at the end of the reader's input (counted to its clock),
     *             {@link AgentRollupRefresher.Open#NONE} when unknown
     * @return queue buckets rebuilt (0 when nothing was owed)
     */
    public long settle(String sourceId, String reader, AgentRollupRefresher.Open open) throws SQLException {
        return settle(sourceId, reader, open, null);
    }

    /**
     * Settles the part of the owed span before {@code upTo} (all of it when null or later than the span)
     * and leaves the rest owed. A long import settles in such waves: the facts after the cut do not exist
     * yet, so every read of "later calls" or "later pauses" stays short, where one settlement at the end of
     * months of history re-read all of them for every day. The rest, settled later, is widened by the same
     * look-back, so the rows come out as if settled at once.
     */
    public long settle(String sourceId, String reader, AgentRollupRefresher.Open open, Instant upTo) throws SQLException {
        Optional<Plan> plan = plan(sourceId, reader, open, upTo);
        return plan.isEmpty() ? 0 : settle(plan.get());
    }

    /** Rebuilds the plan's buckets ({@link #rebuild}) and marks its span settled; returns the queue buckets rebuilt. */
    public long settle(Plan plan) throws SQLException {
        long buckets = rebuild(plan);
        try (Connection c = dataSource.getConnection()) {
            markSettled(c, plan);
        }
        return buckets;
    }

    /**
     * What one settlement rebuilds: the owed span, cut at {@code upTo} when {@code partial}, widened by the
     * look-backs of the class comment for the queues and by {@link AgentRollupRefresher#CONTEXT} for the agents.
     */
    public record Plan(RollupBacklog.Owed owed, boolean partial, Instant upTo, Instant queuesFrom, Instant queuesTo,
                       Instant agentsFrom, Instant agentsTo, AgentRollupRefresher.Open open) {
    }

    /**
     * Reads what the reader owes and plans its settlement (see {@link #settle(String, String,
     * AgentRollupRefresher.Open, Instant)}); empty when nothing is owed before {@code upTo}.
     */
    public Optional<Plan> plan(String sourceId, String reader, AgentRollupRefresher.Open open, Instant upTo)
            throws SQLException {
        Optional<RollupBacklog.Owed> found;
        try (Connection c = dataSource.getConnection()) {
            found = RollupBacklog.load(c, tenantId, sourceId, reader);
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        RollupBacklog.Owed owed = found.get();
        Instant from = owed.from();
        Instant to = owed.to();
        for (var s : open.sessions()) {
            from = s.loginAt().isBefore(from) ? s.loginAt() : from;
        }
        for (var p : open.pauses()) {
            from = p.startAt().isBefore(from) ? p.startAt() : from;
        }
        if (open.clock() != null && open.clock().isAfter(to)) {
            to = open.clock();
        }
        boolean partial = upTo != null && upTo.isBefore(to);
        if (partial) {
            Buckets.requireBucketStart(upTo, "upTo");
            if (!upTo.isAfter(from)) {
                return Optional.empty();
            }
            to = upTo;
        }
        Duration repeatLookback = Duration.ofHours(queues.settings().maxRepeatWindowHours()).plus(DAY);
        Duration lookback = repeatLookback.compareTo(QueueRollupRefresher.ACW_LOOKBACK) > 0
                ? repeatLookback : QueueRollupRefresher.ACW_LOOKBACK;
        return Optional.of(new Plan(owed, partial, partial ? upTo : null, Buckets.floor(from.minus(lookback)),
                ceil(to.plus(AFTER)), Buckets.floor(from.minus(AgentRollupRefresher.CONTEXT)),
                ceil(to.plus(AgentRollupRefresher.CONTEXT)), open));
    }

    /**
     * Rebuilds the plan's buckets: the queue side on the executor while the calling thread does the agents.
     *
     * @return queue buckets rebuilt
     */
    public long rebuild(Plan plan) throws SQLException {
        // queue and agent buckets are separate tables computed from the same facts: rebuilt side by side
        // on two connections, the database works on both while each side waits for the other's reads
        CompletableFuture<Long> queueBuckets = inBackground(() -> rebuildQueues(plan));
        try {
            rebuildAgents(plan);
        } catch (SQLException | RuntimeException e) {
            queueBuckets.handle((done, failed) -> null).join(); // no rebuild left running behind a failed settlement
            throw e;
        }
        return join(queueBuckets);
    }

    /**
     * Rebuilds the plan's buckets with both sides on the executor, and returns at once: a long import goes on
     * committing later lines meanwhile. The backlog is left as it is; {@link #markSettled} it when this ends.
     *
     * @return completes with the queue buckets rebuilt, or with the first side's failure once both ended
     */
    public CompletableFuture<Long> rebuildInBackground(Plan plan) {
        CompletableFuture<Long> queueBuckets = inBackground(() -> rebuildQueues(plan));
        CompletableFuture<Long> agentDays = inBackground(() -> {
            rebuildAgents(plan);
            return 0L;
        });
        // both ended before the result is known: a failure of one does not leave the other running unseen
        return CompletableFuture.allOf(queueBuckets, agentDays).thenApply(done -> queueBuckets.join());
    }

    /**
     * Marks the plan's span settled on {@code c}: the backlog advanced to the plan's cut (the agents stay owed:
     * they may have facts after it), or cleared when the plan took all of it.
     */
    public void markSettled(Connection c, Plan plan) throws SQLException {
        RollupBacklog.Owed owed = plan.owed();
        if (plan.partial()) {
            RollupBacklog.advance(c, tenantId, owed.sourceId(), owed.reader(), plan.upTo());
        } else {
            RollupBacklog.clear(c, tenantId, owed.sourceId(), owed.reader());
        }
    }

    private long rebuildQueues(Plan plan) throws SQLException {
        return new QueueRollupRebuild(dataSource, tenantId, queues, facts).rebuild(plan.queuesFrom(), plan.queuesTo(), done -> { });
    }

    private interface Rebuild {
        long run() throws SQLException;
    }

    private CompletableFuture<Long> inBackground(Rebuild rebuild) {
        CompletableFuture<Long> result = new CompletableFuture<>();
        executor.execute(() -> {
            try {
                result.complete(rebuild.run());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private void rebuildAgents(Plan plan) throws SQLException {
        rebuildAgents(plan.owed(), plan.agentsFrom(), plan.agentsTo(), plan.open());
    }

    /**
     * One transaction per group of agents ({@link AgentRollupRefresher#rebuildGroups}, one read each) and slice of
     * at most {@link #AGENT_SLICE}. A slice of all agents and one day, as before, read each day's pauses again
     * with every later day already written: the reads by end are open above (a pause has no longest length), and
     * they examined ten rows per row returned in a long import. A group's slice holds the agent lock about as long
     * as a day of all of a large tenant's agents did.
     */
    private void rebuildAgents(RollupBacklog.Owed owed, Instant from, Instant to, AgentRollupRefresher.Open open)
            throws SQLException {
        List<AgentRollupRefresher.Group> groups = agents.rebuildGroups(owed.agents(), open);
        for (Instant sliceStart = from; sliceStart.isBefore(to); ) {
            Instant sliceEnd = sliceStart.plus(AGENT_SLICE).isAfter(to) ? to : sliceStart.plus(AGENT_SLICE);
            Instant sliceFrom = sliceStart;
            for (AgentRollupRefresher.Group group : groups) {
                LocalTransaction.call(dataSource, c -> {
                    RollupLock.AGENT.acquire(c, tenantId);
                    return agents.rebuild(c, group.agents(), sliceFrom, sliceEnd, group.open(), facts.inTransaction(c));
                });
            }
            sliceStart = sliceEnd;
        }
    }

    /** The result of {@code f}, its failure rethrown as the SQLException, RuntimeException or Error it was. */
    public static <T> T join(CompletableFuture<T> f) throws SQLException {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    private static Instant ceil(Instant t) {
        Instant floor = Buckets.floor(t);
        return floor.equals(t) ? t : floor.plus(Buckets.WIDTH);
    }
}
