package io.queuelens.ops.boundary;

import io.queuelens.ingest.boundary.QuarantinedInputs;
import io.queuelens.jobs.boundary.Jobs;
import io.queuelens.jobs.entity.JobRun;
import io.queuelens.live.boundary.LiveModels;
import io.queuelens.mail.boundary.OutboxTimer;
import io.queuelens.mail.entity.DeliveryStatus;
import io.queuelens.ops.control.DatabasePoolProbe;
import io.queuelens.ops.control.MemoryTrend;
import io.queuelens.ops.control.ProcessMemory;
import io.queuelens.ops.entity.ApiCalls;
import io.queuelens.ops.entity.MemorySample;
import io.queuelens.ops.entity.OpsStatus;
import io.queuelens.sources.boundary.Source;
import io.queuelens.sources.boundary.SourceStatus;
import io.queuelens.sources.boundary.Sources;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The figures of the operations page, read when asked (the page polls every few seconds). Every
 * source is seen through {@link Source}, so a new kind (Genesys) shows without a change here; one
 * that makes API calls implements {@link ApiCallStatistics} as well. Each part that fails to read
 * gives -1 for its figures instead of failing the whole page: the page is most needed when
 * something is broken.
 */
@ApplicationScoped
public class Operations {

    private static final Logger LOG = Logger.getLogger(Operations.class.getName());
    /** Job history is read from the batch tables and JobOperator: not on every poll. */
    private static final Duration JOBS_MAX_AGE = Duration.ofSeconds(10);

    @Inject
    Sources sources;

    @Inject
    Jobs jobs;

    @Inject
    LiveModels liveModels;

    @Inject
    QuarantinedInputs quarantine;

    @Inject
    OutboxTimer outbox;

    @Inject
    MemoryTrend memoryTrend;

    @Resource(lookup = "jdbc/queuelens")
    DataSource dataSource;

    /** The pool's limit as the launcher created it (Payara's default when not set). */
    @Inject
    @ConfigProperty(name = "queuelens.pool.max", defaultValue = "32")
    long poolMax;

    private volatile String version;
    private volatile OpsStatus.JobCounts jobCounts;
    private volatile Instant jobCountsAt = Instant.EPOCH;

    public OpsStatus status() {
        Instant now = Instant.now();
        return new OpsStatus(now, app(), sourceRows(), databasePool(), jobCounts(now),
                caches(), memory(), quarantined(), mailOutbox());
    }

    public OpsStatus.App app() {
        long startMillis = ManagementFactory.getRuntimeMXBean().getStartTime();
        return new OpsStatus.App(version(), Instant.ofEpochMilli(startMillis),
                ManagementFactory.getRuntimeMXBean().getUptime() / 1000);
    }

    public List<OpsStatus.SourceRow> sourceRows() {
        List<OpsStatus.SourceRow> rows = new ArrayList<>();
        Map<String, Long> lags = new java.util.HashMap<>();
        for (Source s : sources.all()) {
            long lag = lags.computeIfAbsent(s.tenantId(), t -> liveModels.stats(t)
                    .map(m -> number(m.get("sourceLagP99Micros"))).map(micros -> micros < 0 ? -1 : micros / 1000).orElse(-1L));
            rows.add(row(s, lag));
        }
        return rows;
    }

    static OpsStatus.SourceRow row(Source s, long lagP99Millis) {
        SourceStatus st = s.status();
        Map<String, Long> c = st.counters();
        ApiCalls api = s instanceof ApiCallStatistics stats ? stats.apiCalls() : null;
        return new OpsStatus.SourceRow(s.tenantId(), s.name(), s.kind().name(), st.state().name(), st.ready(), st.detail(),
                st.lastEventAt(), c.getOrDefault("events", 0L), c.getOrDefault("reconnects", 0L),
                c.getOrDefault("eventsPerSecond", 0L), lagP99Millis, api);
    }

    public OpsStatus.DatabasePool databasePool() {
        return DatabasePoolProbe.probe(dataSource, poolMax);
    }

    public OpsStatus.JobCounts jobCounts(Instant now) {
        OpsStatus.JobCounts cached = jobCounts;
        if (cached != null && jobCountsAt.plus(JOBS_MAX_AGE).isAfter(now)) {
            return cached;
        }
        try {
            List<JobRun> runs = jobs.history(null);
            long running = runs.stream().filter(JobRun::running).count();
            List<String> failed = runs.stream().filter(r -> "FAILED".equals(r.status()) && r.restartedAs() == null)
                    .map(r -> r.jobName() + " (" + r.tenantId() + ", " + r.executionId() + ")").toList();
            cached = new OpsStatus.JobCounts(running, failed.size(), failed.stream().limit(10).toList());
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "job history could not be read", e);
            cached = new OpsStatus.JobCounts(-1, -1, List.of());
        }
        jobCounts = cached;
        jobCountsAt = now;
        return cached;
    }

    /** Every in-memory store with a bound: today the live models' calls in progress (one per tenant). */
    public List<OpsStatus.CacheRow> caches() {
        List<OpsStatus.CacheRow> rows = new ArrayList<>();
        for (String tenant : liveModels.tenantsWithModel()) {
            liveModels.stats(tenant).ifPresent(m -> rows.add(new OpsStatus.CacheRow("live-calls", tenant,
                    number(m.get("callsFollowed")), liveModels.maxCalls(), number(m.get("callsEvicted")))));
        }
        return rows;
    }

    public OpsStatus.Memory memory() {
        MemorySample now = ProcessMemory.sample(Instant.now());
        return new OpsStatus.Memory(now.heapUsedBytes(), now.heapMaxBytes(), now.rssBytes(), memoryTrend.samples());
    }

    public Map<String, Long> quarantined() {
        try {
            return quarantine.countsByTenant();
        } catch (RuntimeException e) {
            return Map.of("*", -1L);
        }
    }

    public Map<String, Long> mailOutbox() {
        Map<String, Long> counts = new LinkedHashMap<>();
        long pending = 0;
        for (DeliveryStatus s : List.of(DeliveryStatus.PENDING, DeliveryStatus.SENDING, DeliveryStatus.RETRYING)) {
            long n = outbox.count(s);
            pending = n < 0 || pending < 0 ? -1 : pending + n;
        }
        counts.put("pending", pending);
        counts.put("failed", outbox.count(DeliveryStatus.FAILED));
        return counts;
    }

    String version() {
        if (version == null) {
            Properties p = new Properties();
            try (InputStream in = Operations.class.getResourceAsStream("/io/queuelens/ops/build.properties")) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException e) {
                LOG.log(Level.FINE, "build.properties not readable", e);
            }
            version = p.getProperty("version", "unknown");
        }
        return version;
    }

    private static long number(Object o) {
        return o instanceof Number n ? n.longValue() : -1;
    }
}
