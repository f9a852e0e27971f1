package io.queuelens.cluster.boundary;

import io.queuelens.cluster.control.LeaseKeeper;
import io.queuelens.cluster.control.LeaseStore;
import io.queuelens.cluster.entity.TenantOwnershipChanged;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs this member's {@link LeaseKeeper} when clustered: renewal rounds on one thread of its own and
 * the self-fencing check on another (a round stuck in a hung database must not delay the fencing),
 * both from the server's ManagedThreadFactory. Tells the rest of the application through the CDI
 * event {@link TenantOwnershipChanged}. Alone (not clustered) it does nothing: this server owns every
 * tenant. The source singletons depend on it, so at shutdown they stop their sources before it
 * releases the leases, and a peer takes over at its next round.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class TenantLeases {

    private static final Logger LOG = Logger.getLogger(TenantLeases.class.getName());
    /** How often the self-fencing check looks: small against the margin it has (a quarter of the TTL). */
    static final long FENCE_CHECK_MILLIS = 100;
    /** After a peer's lease runs out (DATETIME(3) rounding, statement time) before looking again. */
    static final long EXPIRY_SLACK_MILLIS = 20;

    @Inject
    Cluster cluster;

    @Inject
    Event<TenantOwnershipChanged> changes;

    @Resource(lookup = "jdbc/queuelens")
    DataSource dataSource;

    @Resource
    ManagedThreadFactory threads;

    /** How often a member renews its leases and looks for free ones. */
    @Inject
    @ConfigProperty(name = "queuelens.cluster.lease-renew-ms", defaultValue = "2000")
    long renewMillis;

    /** How long a lease lasts unrenewed; a dead member's tenants move after about this. */
    @Inject
    @ConfigProperty(name = "queuelens.cluster.lease-ttl-ms", defaultValue = "6000")
    long ttlMillis;

    /** Changes whose event failed, by tenant (the latest only). */
    private final Map<String, TenantOwnershipChanged> undelivered = new ConcurrentHashMap<>();
    private LeaseKeeper keeper;
    private ScheduledExecutorService renewer;
    private ScheduledExecutorService fencer;

    @PostConstruct
    void start() {
        if (!cluster.clustered()) {
            return;
        }
        long ttl = Math.max(ttlMillis, 2 * renewMillis);
        keeper = new LeaseKeeper(new LeaseStore(dataSource, (int) Math.max(1, renewMillis / 1000)), cluster.memberId(), ttl,
                System::nanoTime, () -> cluster.memberIds().size(), this::tell);
        renewer = Executors.newSingleThreadScheduledExecutor(threads);
        fencer = Executors.newSingleThreadScheduledExecutor(threads);
        fencer.scheduleWithFixedDelay(keeper::fence, FENCE_CHECK_MILLIS, FENCE_CHECK_MILLIS, TimeUnit.MILLISECONDS);
        renewer.scheduleWithFixedDelay(this::round, 0, renewMillis, TimeUnit.MILLISECONDS);
        LOG.log(Level.INFO, "Tenant leases of member {0}: renewed every {1} ms, {2} ms long; sources stop {3} ms "
                + "after the last renewal started", new Object[]{cluster.memberId(), renewMillis, ttl, keeper.trustMillis()});
    }

    /** Tells again what could not be told yet, then a renewal round. */
    private void round() {
        for (TenantOwnershipChanged c : Map.copyOf(undelivered).values()) {
            if (c.held() == keeper.holds(c.tenantId())) {
                tell(c.tenantId(), c.held(), c.token());
            } else {
                undelivered.remove(c.tenantId(), c);
            }
        }
        long nextExpiry = keeper.round();
        if (nextExpiry >= 0 && nextExpiry < renewMillis) {
            // a peer's lease may run out before the next round: look again just after it would
            renewer.schedule(keeper::round, nextExpiry + EXPIRY_SLACK_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Fires the event. While the application is still deploying, Payara refuses calls into its EJBs
     * ("container is in Initializing"): such a change is kept and told again at the next round (the
     * source singletons' own loops follow holds() as well). An observer's failure must not stop the keeper.
     */
    private void tell(String tenantId, boolean held, long token) {
        TenantOwnershipChanged change = new TenantOwnershipChanged(tenantId, held, token);
        boolean retry = undelivered.remove(tenantId) != null;
        try {
            changes.fire(change);
        } catch (RuntimeException e) {
            undelivered.put(tenantId, change);
            LOG.log(retry ? Level.FINE : Level.WARNING, "Ownership of tenant {0} ({1}) not told yet, again at every "
                    + "round until it is: {2}", new Object[]{tenantId, held ? "gained" : "lost", e.toString()});
        }
    }

    /** Whether this member runs the tenant's sources now (always when not clustered). */
    public boolean holds(String tenantId) {
        return keeper == null ? !cluster.clustered() : keeper.holds(tenantId);
    }

    /** The tenants whose sources this member runs; empty when not clustered (then: every tenant). */
    public Set<String> heldTenants() {
        return keeper == null ? Set.of() : keeper.heldTenants();
    }

    /** The fencing token of this member's tenure of the tenant (clustered only). */
    public OptionalLong token(String tenantId) {
        return keeper == null ? OptionalLong.empty() : keeper.token(tenantId);
    }

    @PreDestroy
    void stop() {
        if (keeper == null) {
            return;
        }
        renewer.shutdownNow();
        fencer.shutdownNow();
        try {
            renewer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        keeper.releaseAll();
    }
}
