package io.queuelens.sources.asterisk.boundary;

import io.queuelens.cluster.boundary.TenantOwnership;
import io.queuelens.cluster.entity.TenantOwnershipChanged;
import io.queuelens.live.boundary.LiveInlet;
import io.queuelens.live.boundary.LiveModels;
import io.queuelens.sources.asterisk.control.AmiConnector;
import io.queuelens.sources.asterisk.control.RunningSources;
import io.queuelens.sources.asterisk.control.AsteriskSourceStore;
import io.queuelens.sources.asterisk.entity.AmiSettings;
import io.queuelens.sources.asterisk.entity.AsteriskSourceConfig;
import io.queuelens.sources.boundary.Source;
import io.queuelens.sources.boundary.SourceProvider;
import io.queuelens.sources.demo.boundary.DemoContactCenter;
import io.queuelens.sources.demo.entity.AmiEndpoint;
import io.queuelens.vault.boundary.Vault;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.annotation.Priority;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.asteriskjava.manager.event.ManagerEvent;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Holds one {@link AmiConnector} per Asterisk PBX with AMI settings: the demo contact center's AMI
 * server (tenant {@code demo}) and every enabled configured source that has an AMI host. Each feeds
 * its tenant's live model ({@link LiveModels}). Configured sources are compared with the running
 * connectors at start, after every edit ({@link #reconfigure}) and every 30 seconds.
 * <p>
 * In a cluster a tenant's connectors run only on the member holding its lease ({@link TenantOwnership}):
 * started when it gains the tenant, stopped at once when it loses it, so the PBX never sees two
 * QueueLens logins; a new holder's connector logs in and resyncs as after any reconnect.
 */
@Singleton
@Startup
@DependsOn("DemoContactCenter") // which depends on TenantLeases: stopped before the leases are released at shutdown
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@Local(SourceProvider.class) // Sources lists the connectors...
@LocalBean // ...and the source configuration boundary tells it about edits
public class AsteriskSources implements SourceProvider {

    private static final Logger LOG = Logger.getLogger(AsteriskSources.class.getName());
    static final long RECONCILE_SECONDS = 30;

    @Inject
    DemoContactCenter demo;

    @Inject
    LiveModels live;

    @Inject
    TenantOwnership ownership;

    @Inject
    Vault vault;

    @Resource(lookup = "jdbc/queuelens")
    DataSource dataSource;

    @Resource
    ManagedThreadFactory threads;

    /** Seconds between pings of a logged-in PBX; 0 switches the stall detection off. */
    @Inject
    @ConfigProperty(name = "queuelens.ami.ping-interval-seconds", defaultValue = "10")
    int pingIntervalSeconds;

    /** Seconds a ping may go unanswered before the connection counts as stalled and is made anew. */
    @Inject
    @ConfigProperty(name = "queuelens.ami.ping-timeout-seconds", defaultValue = "5")
    int pingTimeoutSeconds;

    private volatile AmiConnector demoConnector;
    private final RunningSources<AmiConnector> configured = new RunningSources<>(
            c -> c.enabled() && c.hasAmi() && ownership.holds(c.tenantId()),
            new RunningSources.Lifecycle<>() {
                @Override
                public AmiConnector start(AsteriskSourceConfig c) {
                    String secret = c.amiSecret() == null ? "" : vault.decrypt(c.amiSecret());
                    AmiConnector connector = connector(c.tenantId(), c.name() + "-ami", new AmiSettings(c.amiHost(),
                            c.amiPort() == null ? 5038 : c.amiPort(), c.amiUser(), secret,
                            "the AMI settings of source " + c.tenantId() + "/" + c.name()));
                    connector.start();
                    return connector;
                }

                @Override
                public void stop(AmiConnector connector) {
                    connector.close();
                }

                @Override
                public void failed(AsteriskSourceConfig c, RuntimeException e) {
                    LOG.log(Level.WARNING, "AMI of source {0}/{1} not started: {2}", new Object[]{c.tenantId(), c.name(), e.toString()});
                }
            });
    private ScheduledExecutorService scheduler;

    @PostConstruct
    void connect() {
        // Own thread: a login can block for seconds, which must not stall the server's shared timers.
        scheduler = Executors.newSingleThreadScheduledExecutor(threads);
        startDemoConnector();
        scheduler.scheduleWithFixedDelay(this::reconcile, 0, RECONCILE_SECONDS, TimeUnit.SECONDS);
    }

    /** Connects to the demo's AMI server when the demo runs here (switched on, and this member holds its tenant). */
    private synchronized void startDemoConnector() {
        if (demoConnector != null || !demo.switchedOn() || !ownership.holds(demo.tenantId())) {
            return;
        }
        try {
            AmiEndpoint ep = demo.amiEndpoint();
            AmiConnector c = connector(demo.tenantId(), "demo-ami",
                    new AmiSettings(ep.host(), ep.port(), ep.username(), ep.secret(), "the queuelens.demo.ami.* settings"));
            c.start();
            demoConnector = c;
        } catch (IllegalStateException demoDown) {
            LOG.log(Level.SEVERE, "The demo AMI connection is not started: {0}", demoDown.getMessage());
        }
    }

    private synchronized void stopDemoConnector() {
        AmiConnector c = demoConnector;
        demoConnector = null;
        if (c != null) {
            c.close();
        }
    }

    /**
     * Cluster ownership of a tenant changed: a loss stops its connectors before returning (the lease
     * keeper fences itself on this); a gain starts them. After the demo's own observer, whose AMI
     * server the demo connector logs in to.
     */
    public void ownershipChanged(@Observes @Priority(200) TenantOwnershipChanged change) {
        if (change.held()) {
            if (change.tenantId().equals(demo.tenantId())) {
                startDemoConnector();
            }
            scheduler.execute(this::reconcile);
        } else {
            if (change.tenantId().equals(demo.tenantId())) {
                stopDemoConnector();
            }
            configured.stopTenant(change.tenantId());
        }
    }

    private AmiConnector connector(String tenantId, String name, AmiSettings settings) {
        LiveInlet inlet = live.inlet(tenantId, name);
        AmiConnector c = new AmiConnector(tenantId, name, settings, scheduler, new AmiConnector.Listener() {
            @Override
            public void event(ManagerEvent event) {
                inlet.accept(event);
            }

            @Override
            public void connected(boolean up) {
                inlet.connected(up);
            }

            @Override
            public Map<String, Long> counters() {
                return inlet.counters();
            }
        }, Duration.ofSeconds(Math.max(0, pingIntervalSeconds)), Duration.ofSeconds(Math.max(1, pingTimeoutSeconds)));
        inlet.onOverflow(() -> scheduler.execute(c::requestResync));
        return c;
    }

    /** Asks for the configured sources to be compared with the running connectors now (after an edit). */
    public void reconfigure() {
        scheduler.execute(this::reconcile);
    }

    /** Starts connectors of new or changed enabled sources with AMI and stops the others; never throws. */
    private void reconcile() {
        // the demo follows its tenant's lease here too, in case an ownership event was missed
        demo.followOwnership();
        if (ownership.holds(demo.tenantId())) {
            startDemoConnector();
        } else {
            stopDemoConnector();
        }
        List<AsteriskSourceConfig> all;
        try {
            all = AsteriskSourceStore.readOnly(dataSource).all();
        } catch (Exception e) {
            LOG.log(Level.FINE, "Reading the configured Asterisk sources failed; retrying", e);
            return;
        }
        configured.reconcile(all);
    }

    @Override
    public List<Source> sources() {
        List<Source> all = new ArrayList<>();
        AmiConnector d = demoConnector;
        if (d != null) {
            all.add(d);
        }
        all.addAll(configured.all(c -> c));
        return all;
    }

    @PreDestroy
    void disconnect() {
        stopDemoConnector();
        configured.stopAll();
        scheduler.shutdownNow();
    }
}
