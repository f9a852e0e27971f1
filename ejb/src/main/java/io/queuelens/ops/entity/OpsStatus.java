package io.queuelens.ops.entity;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Every figure of the operations page at one moment, as the page, {@code GET /api/v1/ops/status}
 * and the metrics show them. A figure that could not be read is -1 (and says why where it matters).
 */
public record OpsStatus(Instant at, App app, List<SourceRow> sources, DatabasePool database, JobCounts jobs,
                        List<CacheRow> caches, Memory memory, Map<String, Long> quarantined, Map<String, Long> mailOutbox) {

    /** Version from the build; uptime since the JVM started. */
    public record App(String version, Instant startedAt, long uptimeSeconds) {
    }

    /**
     * One source of one tenant.
     *
     * @param lagP99Millis 99th percentile of the time from the PBX's event timestamp to the tenant's live
     *                     model applying it (the tenant's live model, all its sources); -1 without a live model
     * @param apiCalls     null for a source that makes no API calls
     */
    public record SourceRow(String tenant, String name, String kind, String state, boolean ready, String detail,
                            Instant lastEventAt, long events, long reconnects, long eventsPerSecond, long lagP99Millis,
                            ApiCalls apiCalls) {
    }

    /**
     * Connections of the application database.
     *
     * @param via  where the figures come from (see {@code DatabasePoolProbe})
     * @param open connections open, -1 when unknown
     * @param busy of those, the ones running a statement, -1 when unknown
     * @param max  the pool's limit, -1 when unknown
     */
    public record DatabasePool(String via, long open, long busy, long max, String error) {
    }

    /** Batch job executions: running now, and failed among the history kept (not yet restarted). */
    public record JobCounts(long running, long failed, List<String> failedJobs) {
    }

    /** A bounded in-memory store: entries now, its limit, entries dropped because of the limit. */
    public record CacheRow(String name, String tenant, long size, long limit, long evictions) {
    }

    /** Current heap and RSS with the sampled trend (oldest first). */
    public record Memory(long heapUsedBytes, long heapMaxBytes, long rssBytes, List<MemorySample> trend) {
    }
}
