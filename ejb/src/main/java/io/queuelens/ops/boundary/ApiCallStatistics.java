package io.queuelens.ops.boundary;

import io.queuelens.ops.entity.ApiCalls;

/**
 * What a {@link io.queuelens.sources.boundary.Source} that talks to a remote API (Genesys Cloud)
 * implements as well, so the operations page, {@code /api/v1/ops/status} and {@code /metrics} show
 * its API calls: the ops component checks {@code source instanceof ApiCallStatistics}; sources that
 * make no API calls (Asterisk, demo) simply do not implement it.
 */
public interface ApiCallStatistics {

    /** Counters since the source started; never blocks on I/O. */
    ApiCalls apiCalls();
}
