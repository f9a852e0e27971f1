package io.queuelens.ingest.control;

import io.queuelens.calls.control.Checkpoints;
import io.queuelens.calls.control.FactBatch;
import io.queuelens.calls.control.FactStore;
import io.queuelens.calls.entity.AssemblerState;
import io.queuelens.calls.entity.Checkpoint;
import io.queuelens.calls.entity.QueueVisit;
import io.queuelens.rollups.control.AgentRollupRefresher;
import io.queuelens.rollups.control.QueueRollupRefresher;
import io.queuelens.rollups.control.QueueRollupStore;
import io.queuelens.rollups.entity.BucketKey;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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
    /** The log clock of the last commit: open sessions and pauses are counted up to it already. */
    private java.time.Instant lastClock;

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
        try (Connection c = app.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                facts.write(c, batch, inProgress, positionPrefix);
                List<QueueVisit> changed = new ArrayList<>(batch.visits());
                changed.addAll(inProgress);
                Set<BucketKey> dirty = rollups.dirtyBuckets(c, changed, batch.pauses());
                new QueueRollupStore().upsert(c, rollups.recompute(c, dirty));
                AssemblerState state = checkpoint.state();
                agentRollups.refresh(c, batch.sessions(), batch.pauses(), changed, batch.rings(),
                        new AgentRollupRefresher.Open(state.sessions(), state.pauses(), state.clock(), lastClock));
                Checkpoints.save(c, tenantId, sourceId, reader, checkpoint);
                c.commit();
                lastClock = state.clock();
                return dirty.size();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    public java.util.Optional<Checkpoint> lastCheckpoint() throws SQLException {
        try (Connection c = app.getConnection()) {
            return Checkpoints.load(c, tenantId, sourceId, reader);
        }
    }
}
