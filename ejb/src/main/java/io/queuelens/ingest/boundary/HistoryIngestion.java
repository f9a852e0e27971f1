package io.queuelens.ingest.boundary;

import io.queuelens.cluster.boundary.TenantOwnership;
import io.queuelens.cluster.entity.TenantOwnershipChanged;
import io.queuelens.ingest.control.IngestResult;
import io.queuelens.ingest.control.QueueLogFileTail;
import io.queuelens.ingest.control.QueueLogTableIngestion;
import io.queuelens.ingest.control.CdrTableIngestion;
import io.queuelens.kpi.boundary.KpiSettingsService;
import io.queuelens.ingest.control.SourceReader;
import io.queuelens.rollups.control.QueueRollupRefresher;
import io.queuelens.sources.asterisk.control.AsteriskSourceStore;
import io.queuelens.sources.asterisk.control.PbxDataSource;
import io.queuelens.sources.asterisk.control.RunningSources;
import io.queuelens.sources.asterisk.entity.AsteriskSourceConfig;
import io.queuelens.sources.asterisk.entity.FileRoots;
import io.queuelens.sources.asterisk.entity.QueueLogMode;
import io.queuelens.sources.boundary.Source;
import io.queuelens.sources.boundary.SourceProvider;
import io.queuelens.sources.boundary.SourceStatus;
import io.queuelens.sources.demo.boundary.DemoContactCenter;
import io.queuelens.tenancy.boundary.Tenants;
import io.queuelens.tenancy.entity.Tenant;
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
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the facts and rollups of every history source up to date: the demo PBX's queue_log table and
 * every enabled Asterisk source configured per tenant (its queue_log table in the PBX database, or its
 * queue_log file followed across rotations). Each reader has its own schedule slot on a small pool, so
 * a PBX that does not answer delays only itself; each commits facts, rollups and checkpoint together.
 * The configured sources are compared with the running readers every interval (and right after an
 * edit): a new, changed, disabled or re-enabled source takes effect without a restart.
 * <p>
 * In a cluster a tenant's readers run only on the member holding its lease ({@link TenantOwnership});
 * a new holder resumes from the checkpoints its predecessor committed with the facts, so a takeover
 * neither loses nor doubles a line.
 */
@Singleton
@Startup
@DependsOn("DemoContactCenter") // which depends on TenantLeases: stopped before the leases are released at shutdown
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@Local(SourceProvider.class) // Sources lists the configured readers...
@LocalBean // ...and the admin page's boundary asks for their state
public class HistoryIngestion implements SourceProvider {

    private static final Logger LOG = Logger.getLogger(HistoryIngestion.class.getName());

    @Inject
    DemoContactCenter demo;

    @Inject
    Tenants tenants;

    @Inject
    TenantOwnership ownership;

    @Inject
    KpiSettingsService kpiSettings;

    @Inject
    Vault vault;

    @Inject
    QueueLogImports imports;

    @Inject
    CdrIngestion cdrSettings;

    @Resource(lookup = "jdbc/queuelens")
    DataSource dataSource;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    @ConfigProperty(name = "queuelens.ingest.interval-ms", defaultValue = "2000")
    long intervalMillis;

    @Inject
    @ConfigProperty(name = "queuelens.ingest.batch-rows", defaultValue = "5000")
    int batchRows;

    /**
     * How often the rollups of interrupted imports are settled besides at start: an upload cut off in a
     * running server, or an import on a cluster member that died, leaves its backlog owed.
     */
    @Inject
    @ConfigProperty(name = "queuelens.import.leftover-check-minutes", defaultValue = "5")
    long leftoverCheckMinutes;

    /** Comma-separated folders FILE sources may read from (see {@link FileRoots}). */
    @Inject
    @ConfigProperty(name = "queuelens.sources.file-roots", defaultValue = FileRoots.DEFAULT)
    String fileRoots;

    private ScheduledExecutorService scheduler;
    /** Running readers of configured sources by row id, with the config version they run. */
    private final RunningSources<SourceReader> configured = new RunningSources<>(
            c -> c.enabled() && ownership.holds(c.tenantId()),
            new RunningSources.Lifecycle<>() {
                @Override
                public SourceReader start(AsteriskSourceConfig c) {
                    SourceReader reader = readerOf(c);
                    reader.stepsUnder(stepLocks.computeIfAbsent(c.id(), k -> new Object()));
                    reader.scheduled(scheduler.scheduleWithFixedDelay(() -> reader.drain(batchRows), 0, intervalMillis,
                            TimeUnit.MILLISECONDS));
                    LOG.log(Level.INFO, "History source {0}/{1} started ({2})", new Object[]{c.tenantId(), c.name(), c.mode()});
                    return reader;
                }

                @Override
                public void stop(SourceReader reader) {
                    reader.stop();
                    LOG.log(Level.INFO, "History source {0}/{1} stopped", new Object[]{reader.tenantId(), reader.name()});
                }
            });
    private final AtomicReference<String> configError = new AtomicReference<>();
    /** One lock per configured source, kept across its readers (see {@link SourceReader#stepsUnder}). */
    private final Map<Long, Object> stepLocks = new ConcurrentHashMap<>();

    // the demo's reader
    private final AtomicLong linesRead = new AtomicLong();
    private final AtomicLong visitsWritten = new AtomicLong();
    private final AtomicLong quarantined = new AtomicLong();
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private volatile boolean caughtUp;


    @PostConstruct
    void start() {
        // two threads: a PBX that does not answer (up to its connect timeout) must not stop every other reader
        scheduler = Executors.newScheduledThreadPool(2, threads);
        try {
            vault.cipher(); // creates the key file at first start, and says now when it cannot be used
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "The vault key file cannot be used: {0}; sources with passwords cannot be saved or read",
                    e.getMessage());
        }
        // Before the application takes requests: an upload of the same file could otherwise be refused
        // (409) while this settles what its killed predecessor owed. Imports settle in waves of a week,
        // so what one can leave owed is short.
        imports.settleLeftovers();
        if (demo.switchedOn()) {
            ZoneId zone = tenants.find(demo.tenantId()).map(Tenant::getTimeZone).orElse(ZoneId.of("UTC"));
            QueueLogTableIngestion ingestion = new QueueLogTableIngestion(demo.tenantId(), demo.name(), dataSource,
                    "demo_queue_log", zone, dataSource, new QueueRollupRefresher(demo.tenantId(), kpiSettings.historySupplier(demo.tenantId())));
            scheduler.scheduleWithFixedDelay(() -> drainDemo(ingestion), intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
        }
        scheduler.scheduleWithFixedDelay(this::reconcile, 0, intervalMillis, TimeUnit.MILLISECONDS);
        // imports claim their name in the shared database, so this never settles one still running on any member
        scheduler.scheduleWithFixedDelay(imports::settleLeftovers, leftoverCheckMinutes, leftoverCheckMinutes, TimeUnit.MINUTES);
    }

    /** Reads until caught up; a failure is logged once per streak and retried at the next tick. */
    private void drainDemo(QueueLogTableIngestion ingestion) {
        if (!ownership.holds(demo.tenantId())) {
            return; // another cluster member runs the demo and reads its queue_log
        }
        if (demo.status().state() == SourceStatus.State.STARTING) {
            // Let the demo's backfill finish first: readiness waits for it, and reading the rows
            // while they are written would compete with it for the CPU and delay the first login.
            return;
        }
        try {
            IngestResult r;
            do {
                r = ingestion.step(batchRows);
                linesRead.addAndGet(r.linesRead());
                visitsWritten.addAndGet(r.visits());
                quarantined.addAndGet(r.quarantined());
            } while (!r.caughtUp());
            if (!caughtUp) {
                caughtUp = true;
                LOG.log(Level.INFO, "History of {0}/{1} is up to date: {2} queue_log rows read, {3} visits written",
                        new Object[]{demo.tenantId(), demo.name(), linesRead.get(), visitsWritten.get()});
            }
            lastError.set(null);
        } catch (Exception e) {
            if (lastError.getAndSet(e.toString()) == null) {
                LOG.log(Level.WARNING, "History ingestion of " + demo.tenantId() + "/" + demo.name() + " failed; retrying", e);
            }
        }
    }

    /**
     * Cluster ownership of a tenant changed: a loss stops its readers before returning (the lease keeper
     * fences itself on this); a gain has them started by a reconcile now rather than at the next tick.
     */
    public void ownershipChanged(@Observes TenantOwnershipChanged change) {
        if (change.held()) {
            scheduler.execute(this::reconcile);
        } else {
            configured.stopTenant(change.tenantId());
        }
    }

    /** The folders FILE sources may read from ({@code queuelens.sources.file-roots}); checked by forms and readers. */
    public FileRoots fileRoots() {
        return FileRoots.parse(fileRoots);
    }

    /** Asks for the configured sources to be compared with the running readers now (after an edit). */
    public void reconfigure() {
        scheduler.execute(this::reconcile);
    }

    /**
     * Starts readers of new or changed enabled sources and stops those of changed, disabled or removed
     * ones. Runs on the scheduler (one at a time with itself: fixed delay, and {@link #reconfigure} only
     * adds a run), never throws.
     */
    private synchronized void reconcile() {
        List<AsteriskSourceConfig> all;
        try {
            all = AsteriskSourceStore.readOnly(dataSource).all();
            configError.set(null);
        } catch (Exception e) {
            if (configError.getAndSet(e.toString()) == null) {
                LOG.log(Level.WARNING, "Reading the configured Asterisk sources failed; retrying", e);
            }
            return;
        }
        configured.reconcile(all);
    }

    private SourceReader readerOf(AsteriskSourceConfig c) {
        QueueRollupRefresher rollups = new QueueRollupRefresher(c.tenantId(), kpiSettings.historySupplier(c.tenantId()));
        try {
            if (c.mode() == QueueLogMode.FILE) {
                Path file = Path.of(c.queueLogFile());
                FileRoots roots = fileRoots();
                if (!roots.allows(file)) { // stored before the roots were narrowed
                    return SourceReader.failed(c.tenantId(), c.name(), file + " is outside the folders FILE sources may read "
                            + "(queuelens.sources.file-roots: " + roots.describe() + ")");
                }
                QueueLogFileTail tail = new QueueLogFileTail(c.tenantId(), c.name(), file, dataSource, rollups);
                return new SourceReader(c.tenantId(), c.name(), "the queue_log file " + c.queueLogFile(), max -> {
                    // checked at every step, with links resolved: the file may appear, or be replaced by a link, later
                    if (Files.exists(file) && !roots.allowsReal(file)) {
                        throw new IllegalStateException(file + " leads outside the folders FILE sources may read "
                                + "(queuelens.sources.file-roots: " + roots.describe() + "); not read");
                    }
                    return tail.step(max);
                }, tail::detail, tail::waiting);
            }
            String password = c.dbPassword() == null ? "" : vault.decrypt(c.dbPassword());
            PbxDataSource pbx = new PbxDataSource(c.dbUrl(), c.dbUser(), password);
            ZoneId tenantZone = tenants.find(c.tenantId()).map(Tenant::getTimeZone).orElse(ZoneId.of("UTC"));
            QueueLogTableIngestion table = new QueueLogTableIngestion(c.tenantId(), c.name(), pbx, c.queueLogTable(),
                    c.zoneOr(tenantZone), dataSource, rollups);
            String what = "table " + c.queueLogTable() + " of " + pbx.url();
            if (c.cdrTable() == null || c.cdrTable().isBlank()) {
                return new SourceReader(c.tenantId(), c.name(), what, table::step,
                        () -> "reading " + what + " (last id " + table.position() + ")");
            }
            // The PBX's CDRs ride along with its queue_log: every step reads a batch of both, so a CDR
            // and its visit arrive close together and are linked by whichever is stored second.
            CdrTableIngestion cdrs = new CdrTableIngestion(c.tenantId(), c.name(), pbx, c.cdrTable(), c.zoneOr(tenantZone),
                    dataSource, cdrSettings.lookback(), cdrSettings.rescanEvery(), Clock.systemUTC());
            String both = what + " and CDR table " + c.cdrTable();
            return new SourceReader(c.tenantId(), c.name(), both, max -> {
                IngestResult r = table.step(max);
                if (cdrs.step(max).caughtUp()) {
                    cdrs.relinkRecent(cdrSettings.relinkWindow(), CdrIngestion.RELINK_CALLS);
                }
                return r;
            }, () -> "reading " + both + " (last queue_log id " + table.position() + ")");
        } catch (RuntimeException e) { // the vault cannot open the password, a bad path...
            return SourceReader.failed(c.tenantId(), c.name(), e.getMessage());
        }
    }

    /** The readers of the enabled configured sources (status, health, metrics). */
    @Override
    public List<Source> sources() {
        return List.copyOf(configured.all(r -> (Source) r));
    }

    /** The running reader of configured source {@code id}, if it is enabled. */
    public Optional<SourceReader> reader(long id) {
        return configured.get(id);
    }

    public boolean isCaughtUp() {
        return caughtUp;
    }

    public long linesRead() {
        return linesRead.get();
    }

    public long quarantined() {
        return quarantined.get();
    }

    @PreDestroy
    void stop() {
        configured.stopAll();
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
