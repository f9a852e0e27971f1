package io.queuelens.sources.genesys.entity;

import java.time.Instant;
import java.util.List;

/**
 * An org's API calls as the operations page and {@code /metrics} see them: totals since start and
 * the durations of the most recent calls (the bounded log).
 *
 * @param calls       calls made (each attempt counts, a retry is a call)
 * @param errors      calls answered with a status of 400 or more, or not answered at all
 * @param rateLimited calls answered 429
 * @param p50Millis   median duration of the recent calls
 * @param p95Millis   95th percentile duration of the recent calls
 * @param recent      the most recent calls, newest last
 */
public record GenesysApiStats(String tenantId, String org, long calls, long errors, long rateLimited,
                              long p50Millis, long p95Millis, List<Call> recent) {

    /** One call: the endpoint as a path template (ids replaced, no query, no secrets). */
    public record Call(Instant at, String method, String endpoint, int status, long millis) {
    }

    public GenesysApiStats {
        recent = List.copyOf(recent);
    }
}
