package io.queuelens.ingest.boundary;

import io.queuelens.ingest.control.IngestResult;
import io.queuelens.ingest.control.QueueLogTableIngestion;
import io.queuelens.kpi.boundary.KpiSettingsService;
import io.queuelens.rollups.control.QueueRollupRefresher;
import io.queuelens.sources.boundary.SourceStatus;
import io.queuelens.sources.demo.boundary.DemoContactCenter;
import io.queuelens.tenancy.boundary.Tenants;
import io.queuelens.tenancy.entity.Tenant;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.time.ZoneId;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the facts and rollups of every history source up to date: reads new queue_log rows every
 * few seconds and commits facts, rollups and checkpoint together. Today: the demo PBX's table;
 * configured Asterisk sources join the same loop.
 */
@Singleton
@Startup
@DependsOn("DemoContactCenter")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class HistoryIngestion {

    private static final Logger LOG = Logger.getLogger(HistoryIngestion.class.getName());

    @Inject
    DemoContactCenter demo;

    @Inject
    Tenants tenants;

    @Inject
    KpiSettingsService kpiSettings;

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

    private ScheduledExecutorService scheduler;
    private final AtomicLong linesRead = new AtomicLong();
    private final AtomicLong visitsWritten = new AtomicLong();
    private final AtomicLong quarantined = new AtomicLong();
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private volatile boolean caughtUp;

    @PostConstruct
    void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(threads);
        if (demo.status().state() == SourceStatus.State.STOPPED) {
            return;
        }
        ZoneId zone = tenants.find(demo.tenantId()).map(Tenant::getTimeZone).orElse(ZoneId.of("UTC"));
        QueueLogTableIngestion ingestion = new QueueLogTableIngestion(demo.tenantId(), demo.name(), dataSource,
                "demo_queue_log", zone, dataSource, new QueueRollupRefresher(demo.tenantId(), kpiSettings.historySupplier(demo.tenantId())));
        scheduler.scheduleWithFixedDelay(() -> drain(ingestion), intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** Reads until caught up; a failure is logged once per streak and retried at the next tick. */
    private void drain(QueueLogTableIngestion ingestion) {
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
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
