package io.queuelens.live.boundary;

import io.queuelens.cluster.boundary.Cluster;
import io.queuelens.cluster.boundary.TenantOwnership;
import io.queuelens.cluster.entity.GridJoined;
import io.queuelens.live.control.LiveReplication;
import io.queuelens.live.entity.LiveChanged;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The live picture of every tenant on every cluster member (see {@link LiveReplication}): snapshots of the
 * tenants this member holds go out to the grid, the others' come in and are stored in {@link LiveSnapshots} as
 * if built here. Alone, it does nothing.
 */
@ApplicationScoped
public class LiveGrid {

    private static final Logger LOG = Logger.getLogger(LiveGrid.class.getName());

    @Inject
    Cluster cluster;

    @Inject
    TenantOwnership ownership;

    @Inject
    LiveSnapshots snapshots;

    /** At most one snapshot per tenant per this many milliseconds goes to the other members (the latest). */
    @Inject
    @ConfigProperty(name = "queuelens.cluster.live-publish-ms", defaultValue = "100")
    long publishMillis;

    /** A member shows a tenant disconnected when the owner's snapshots stop for longer than this. */
    @Inject
    @ConfigProperty(name = "queuelens.cluster.live-stale-seconds", defaultValue = "5")
    int staleSeconds;

    @Resource
    ManagedThreadFactory threads;

    private volatile LiveReplication replication;
    private ScheduledExecutorService receiver;
    private ScheduledExecutorService sender;

    /** At startup of a cluster member. */
    void start(@Observes GridJoined joined) {
        if (replication != null || cluster.grid().isEmpty()) {
            return;
        }
        receiver = new ScheduledThreadPoolExecutor(1, threads);
        sender = new ScheduledThreadPoolExecutor(1, threads);
        LiveReplication r = new LiveReplication(cluster.grid().get(), joined.memberId(), ownership::holds, snapshots,
                publishMillis, Duration.ofSeconds(staleSeconds), receiver, sender, Clock.systemUTC());
        r.start();
        replication = r;
        LOG.log(Level.INFO, "Live snapshots shared with the cluster (at most one per {0} ms per tenant)", publishMillis);
    }

    /**
     * On the writer thread of a snapshot's writer: one of this member's models goes to the grid; a copy of another
     * member's (stored with {@code follow}) does not go back.
     */
    void changed(@Observes LiveChanged event) {
        LiveReplication r = replication;
        if (r != null && ownership.holds(event.tenantId()) && !snapshots.followed(event.tenantId())) {
            r.offer(event.current());
        }
    }

    @PreDestroy
    void stop() {
        if (replication != null) {
            replication.close();
            receiver.shutdownNow();
            sender.shutdownNow();
        }
    }
}
