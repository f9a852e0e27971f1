package io.queuelens.ops.entity;

import java.time.Instant;

/**
 * A source's API calls since it started.
 *
 * @param calls         requests sent
 * @param failed        requests answered with an error status or not answered at all
 * @param rateLimited   requests the API refused for too many requests (HTTP 429)
 * @param averageMillis mean response time of the answered requests
 * @param lastCallAt    time of the last request, or null if none yet
 */
public record ApiCalls(long calls, long failed, long rateLimited, long averageMillis, Instant lastCallAt) {
}
