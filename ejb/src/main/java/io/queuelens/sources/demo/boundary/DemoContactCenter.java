package io.queuelens.sources.demo.boundary;

import io.queuelens.recordings.control.RecordingsRoot;
import io.queuelens.sources.boundary.Source;
import io.queuelens.sources.boundary.SourceKind;
import io.queuelens.sources.boundary.SourceStatus;
import io.queuelens.sources.demo.control.DemoEngine;
import io.queuelens.sources.demo.entity.AmiEndpoint;
import io.queuelens.sources.demo.entity.DemoSettings;
import io.queuelens.sources.demo.entity.QueueDefinition;
import io.queuelens.tenancy.boundary.Tenants;
import io.queuelens.tenancy.entity.Tenant;
import io.queuelens.cluster.boundary.TenantOwnership;
import io.queuelens.cluster.entity.TenantOwnershipChanged;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The built-in demo contact center as a source: wires configuration ({@code queuelens.demo.*}), the
 * app datasource and the managed executors into a {@link DemoEngine}. The AMI port is bound during
 * startup, so {@link #amiEndpoint()} works as soon as the bean exists; the backfill and the live
 * simulation run on the managed scheduled executor.
 * <p>
 * In a cluster the engine and its AMI server run only on the member holding the demo tenant's lease
 * ({@link TenantOwnership}), writing to the shared database; on the others the demo reports STOPPED
 * ("runs on another member") and starts when the lease comes here.
 */
@Singleton
@Startup
// TenantLeases depends on SchemaMigrator. One chain, no diamond: Payara's @DependsOn ordering reports
// a diamond (A on B and C, B on C) as a cyclic dependency and fails the deployment.
@DependsOn("TenantLeases")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
// Both views: as a Source (health, metrics, overview) and as itself (the AMI connector asks for the endpoint).
@Local(Source.class)
@LocalBean
public class DemoContactCenter implements Source {

    private static final Logger LOG = Logger.getLogger(DemoContactCenter.class.getName());

    @Inject
    @ConfigProperty(name = "queuelens.demo.enabled", defaultValue = "true")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "queuelens.demo.tenant", defaultValue = "demo")
    String tenant;

    @Inject
    @ConfigProperty(name = "queuelens.demo.time-zone", defaultValue = "Europe/Berlin")
    String timeZone;

    @Inject
    @ConfigProperty(name = "queuelens.demo.seed", defaultValue = "42")
    long seed;

    @Inject
    @ConfigProperty(name = "queuelens.demo.agents", defaultValue = "40")
    int agents;

    @Inject
    @ConfigProperty(name = "queuelens.demo.speed", defaultValue = "1.0")
    double speed;

    @Inject
    @ConfigProperty(name = "queuelens.demo.event-rate", defaultValue = "0")
    double eventRate;

    @Inject
    @ConfigProperty(name = "queuelens.demo.tick-millis", defaultValue = "100")
    int tickMillis;

    @Inject
    @ConfigProperty(name = "queuelens.demo.backfill-days", defaultValue = "30")
    int backfillDays;

    @Inject
    @ConfigProperty(name = "queuelens.demo.ami.host", defaultValue = "127.0.0.1")
    String amiHost;

    @Inject
    @ConfigProperty(name = "queuelens.demo.ami.port", defaultValue = "15038")
    int amiPort;

    /** Empty means off: MicroProfile Config reports an empty value as missing. */
    @Inject
    @ConfigProperty(name = "queuelens.demo.queue-log-file")
    Optional<String> queueLogFile;

    @Resource(lookup = "jdbc/queuelens")
    DataSource dataSource;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource
    ManagedThreadFactory threadFactory;

    @EJB
    Tenants tenants;

    @Inject
    RecordingsRoot recordings;

    @Inject
    TenantOwnership ownership;

    private volatile DemoEngine engine;
    private volatile SourceStatus notRunning;
    /** The checked settings when the demo is switched on (enabled and valid); null otherwise. */
    private volatile DemoSettings settings;

    @PostConstruct
    void start() {
        if (!enabled) {
            notRunning = new SourceStatus(SourceStatus.State.STOPPED, false,
                    "The demo contact center is off (queuelens.demo.enabled=false)", null, Map.of());
            return;
        }
        DemoSettings settings;
        try {
            settings = new DemoSettings(tenant, ZoneId.of(timeZone), seed, agents, speed, eventRate, backfillDays,
                    amiHost, amiPort, queueLogFile.map(String::trim).filter(f -> !f.isEmpty()).map(Path::of).orElse(null),
                    recordings.root(), tickMillis);
        } catch (RuntimeException e) {
            String message = "Demo contact center not started, invalid setting: " + e.getMessage();
            LOG.severe(message);
            notRunning = new SourceStatus(SourceStatus.State.FAILED, false, message, null, Map.of());
            return;
        }
        tenants.ensureExists(new Tenant(settings.tenant(), "Demo Contact Center", settings.zone(), Locale.ENGLISH,
                Currency.getInstance("EUR")));
        this.settings = settings;
        if (ownership.holds(settings.tenant())) {
            startEngine();
        } else {
            standBy();
        }
    }

    /** Whether the demo is switched on and valid: it runs here, or would when this member holds its tenant. */
    public boolean switchedOn() {
        return settings != null;
    }

    /**
     * The demo tenant's lease came here or went away. Runs before the AMI connector's observer
     * (priority): the connector logs in to the AMI server this starts.
     */
    public void ownershipChanged(@Observes @Priority(100) TenantOwnershipChanged change) {
        if (settings == null || !change.tenantId().equals(tenant)) {
            return;
        }
        if (change.held()) {
            startEngine();
        } else {
            stopEngine();
            standBy();
        }
    }

    /**
     * Brings the engine in line with the lease when an event was missed (an ownership event fired while
     * the application was still deploying): runs it when this member holds the demo tenant, stops it
     * otherwise. Called by the AMI side's periodic reconcile.
     */
    public void followOwnership() {
        if (settings == null) {
            return;
        }
        if (ownership.holds(tenant)) {
            startEngine();
        } else if (engine != null) {
            stopEngine();
            standBy();
        }
    }

    private synchronized void startEngine() {
        if (engine != null) {
            return;
        }
        DemoEngine e = new DemoEngine(settings, QueueDefinition.defaults(), dataSource, threadFactory, scheduler,
                Clock.systemUTC());
        engine = e;
        if (e.open()) {
            scheduler.execute(() -> {
                try {
                    e.run();
                } catch (RuntimeException ex) {
                    LOG.log(Level.SEVERE, "Demo contact center stopped: {0}", ex.toString());
                }
            });
        }
    }

    private synchronized void stopEngine() {
        DemoEngine e = engine;
        engine = null;
        if (e != null) {
            e.close();
        }
    }

    private void standBy() {
        notRunning = new SourceStatus(SourceStatus.State.STOPPED, false,
                "The demo contact center runs on the cluster member that holds tenant " + tenant, null, Map.of());
    }

    @PreDestroy
    void stop() {
        stopEngine();
    }

    /** Where the in-process AMI connector logs in; the secret is new at every start. */
    public AmiEndpoint amiEndpoint() {
        DemoEngine e = engine;
        if (e == null) {
            throw new IllegalStateException(status().detail());
        }
        return e.amiEndpoint();
    }

    @Override
    public String tenantId() {
        return tenant;
    }

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public SourceKind kind() {
        return SourceKind.DEMO;
    }

    @Override
    public SourceStatus status() {
        DemoEngine e = engine;
        if (e != null) {
            return e.status();
        }
        SourceStatus s = notRunning;
        return s != null ? s : new SourceStatus(SourceStatus.State.STARTING, false, "starting", null, Map.of());
    }
}
