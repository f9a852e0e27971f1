package io.queuelens.ops.control;

import io.queuelens.ops.boundary.ApiCallStatistics;
import io.queuelens.ops.boundary.Operations;
import io.queuelens.ops.entity.OpsStatus;
import io.queuelens.sources.boundary.Source;
import io.queuelens.sources.boundary.Sources;
import io.queuelens.live.boundary.LiveModels;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The operations page's figures as application metrics ({@code queuelens_ops_*}, {@code queuelens_source_api_*},
 * {@code queuelens_cache_limit}). Gauges read when scraped. Sources and tenants' live models that
 * appear after startup are picked up by a rescan every 10 s (a gauge is registered once per name and tags).
 * Source readiness and counters stay in {@link SourceMetrics}.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class OpsMetrics {

    private static final Logger LOG = Logger.getLogger(OpsMetrics.class.getName());
    private static final long RESCAN_MILLIS = 10_000;

    @Inject
    MetricRegistry registry;

    @Inject
    Operations operations;

    @Inject
    Sources sources;

    @Inject
    LiveModels liveModels;

    @Resource
    TimerService timers;

    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    @PostConstruct
    void register() {
        gauge("queuelens_ops_heap_used_bytes", "Heap in use", o -> ProcessMemory.sample(java.time.Instant.now()).heapUsedBytes());
        gauge("queuelens_ops_rss_bytes", "Resident set size of the server process (-1 where /proc is missing)",
                o -> ProcessMemory.rssBytes());
        gauge("queuelens_ops_uptime_seconds", "Seconds since the server started", o -> o.app().uptimeSeconds());
        gauge("queuelens_ops_db_connections_open", "App database connections open (database session list; -1 unknown)",
                o -> o.databasePool().open());
        gauge("queuelens_ops_db_connections_busy", "App database connections running a statement (-1 unknown)",
                o -> o.databasePool().busy());
        gauge("queuelens_ops_jobs_running", "Batch job executions running", o -> o.jobCounts(java.time.Instant.now()).running());
        gauge("queuelens_ops_jobs_failed", "Batch job executions failed and not restarted (last 60 days)",
                o -> o.jobCounts(java.time.Instant.now()).failed());
        gauge("queuelens_ops_quarantined_lines", "Input lines held in quarantine, every tenant",
                o -> o.quarantined().values().stream().mapToLong(Long::longValue).sum());
        rescan();
        timers.createIntervalTimer(RESCAN_MILLIS, RESCAN_MILLIS, new TimerConfig("ops-metrics-rescan", false));
    }

    /** Sources and live models that appeared since the last look get their gauges. */
    @Timeout
    void rescan() {
        try {
            for (Source s : sources.all()) {
                if (s instanceof ApiCallStatistics api && registered.add("api/" + s.tenantId() + "/" + s.name())) {
                    Tag[] tags = {new Tag("tenant", s.tenantId()), new Tag("source", s.name())};
                    sourceGauge("queuelens_source_api_calls", "API requests a source sent", api, a -> a.apiCalls().calls(), tags);
                    sourceGauge("queuelens_source_api_failed", "API requests that failed", api, a -> a.apiCalls().failed(), tags);
                    sourceGauge("queuelens_source_api_rate_limited", "API requests refused as too many (429)", api,
                            a -> a.apiCalls().rateLimited(), tags);
                    sourceGauge("queuelens_source_api_average_ms", "Mean API response time, ms", api,
                            a -> a.apiCalls().averageMillis(), tags);
                }
            }
            for (String tenant : liveModels.tenantsWithModel()) {
                if (registered.add("cache/live-calls/" + tenant)) {
                    registry.gauge(Metadata.builder().withName("queuelens_cache_limit")
                                    .withDescription("Entries a bounded in-memory cache holds at most").build(),
                            liveModels, m -> m.maxCalls(), new Tag("cache", "live-calls"), new Tag("tenant", tenant));
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "operations metrics rescan failed: " + e, e);
        }
    }

    private void gauge(String name, String description, ToDoubleFunction<Operations> value) {
        registry.gauge(Metadata.builder().withName(name).withDescription(description).build(), operations, value::applyAsDouble);
    }

    private void sourceGauge(String name, String description, ApiCallStatistics api, ToDoubleFunction<ApiCallStatistics> value,
                             Tag... tags) {
        registry.gauge(Metadata.builder().withName(name).withDescription(description).build(), api, value::applyAsDouble, tags);
    }
}
