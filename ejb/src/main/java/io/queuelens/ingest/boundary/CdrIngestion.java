package io.queuelens.ingest.boundary;

import io.queuelens.ingest.control.CdrTableIngestion;
import io.queuelens.sources.boundary.SourceStatus;
import io.queuelens.sources.demo.boundary.DemoContactCenter;
import io.queuelens.tenancy.boundary.Tenants;
import io.queuelens.tenancy.entity.Tenant;
import io.queuelens.cluster.boundary.TenantOwnership;
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
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps {@code cdr_record} of every history source up to date and linked to the queue visits: reads
 * new cdr rows every few seconds (today the demo PBX's {@code demo_cdr}, in FreePBX's layout), then
 * re-links the calls of recently stored CDRs, which catches a visit and its CDR committed at the same
 * moment (each writer links in its own transaction and then cannot see the other's rows). In a
 * cluster only the member holding the demo tenant's lease reads them.
 */
@Singleton
@Startup
@DependsOn("DemoContactCenter") // which depends on TenantLeases
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class CdrIngestion {

    private static final Logger LOG = Logger.getLogger(CdrIngestion.class.getName());

    /** Calls that started this long ago or more are not re-linked (their CDR and visit met long since). */
    static final Duration RELINK_CALLS = Duration.ofDays(1);

    @Inject
    DemoContactCenter demo;

    @Inject
    Tenants tenants;

    @Inject
    TenantOwnership ownership;

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
     * How far back a caught-up reader looks again for rows written late: longer than nearly every call,
     * since a CDR row is stamped with its call's start but written at its end.
     */
    @Inject
    @ConfigProperty(name = "queuelens.cdr.lookback-minutes", defaultValue = "240")
    long lookbackMinutes;

    /** How often a caught-up reader goes back the look-back; in between it reads only after its last key. */
    @Inject
    @ConfigProperty(name = "queuelens.cdr.rescan-seconds", defaultValue = "60")
    long rescanSeconds;

    /** Unlinked CDRs stored this recently are linked again: all of them after a start, then at every tick those stored since the last. */
    @Inject
    @ConfigProperty(name = "queuelens.cdr.relink-minutes", defaultValue = "10")
    long relinkMinutes;

    private ScheduledExecutorService scheduler;
    private final AtomicLong rowsStored = new AtomicLong();
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private volatile boolean caughtUp;

    @PostConstruct
    void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(threads);
        if (!demo.switchedOn()) {
            return;
        }
        ZoneId zone = tenants.find(demo.tenantId()).map(Tenant::getTimeZone).orElse(ZoneId.of("UTC"));
        CdrTableIngestion ingestion = new CdrTableIngestion(demo.tenantId(), demo.name(), dataSource, "demo_cdr", zone,
                dataSource, lookback(), rescanEvery(), Clock.systemUTC());
        scheduler.scheduleWithFixedDelay(() -> drain(ingestion), intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** Reads until caught up, then re-links recent calls; a failure is logged once per streak and retried. */
    private void drain(CdrTableIngestion ingestion) {
        if (!ownership.holds(demo.tenantId())) {
            return; // another cluster member runs the demo and reads its CDRs
        }
        if (demo.status().state() == SourceStatus.State.STARTING) {
            return; // as HistoryIngestion: let the demo's backfill finish first
        }
        try {
            CdrTableIngestion.Step s;
            do {
                s = ingestion.step(batchRows);
                rowsStored.addAndGet(s.stored());
            } while (!s.caughtUp());
            ingestion.relinkRecent(relinkWindow(), RELINK_CALLS);
            if (!caughtUp) {
                caughtUp = true;
                LOG.log(Level.INFO, "CDRs of {0}/{1} are up to date: {2} rows stored",
                        new Object[]{demo.tenantId(), demo.name(), rowsStored.get()});
            }
            lastError.set(null);
        } catch (Exception e) {
            if (lastError.getAndSet(e.toString()) == null) {
                LOG.log(Level.WARNING, "CDR ingestion of " + demo.tenantId() + "/" + demo.name() + " failed; retrying", e);
            }
        }
    }

    /** {@code queuelens.cdr.lookback-minutes}, for every CDR reader of this server. */
    public Duration lookback() {
        return Duration.ofMinutes(lookbackMinutes);
    }

    public Duration rescanEvery() {
        return Duration.ofSeconds(rescanSeconds);
    }

    public Duration relinkWindow() {
        return Duration.ofMinutes(relinkMinutes);
    }

    public boolean isCaughtUp() {
        return caughtUp;
    }

    public long rowsStored() {
        return rowsStored.get();
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
