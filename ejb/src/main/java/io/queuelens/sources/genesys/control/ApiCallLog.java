package io.queuelens.sources.genesys.control;

import io.queuelens.sources.genesys.entity.GenesysApiStats;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The API calls of one org: totals since start, and the last {@code capacity} calls for durations
 * and for the operations page. Endpoints are recorded as path templates: ids become {@code {id}} and
 * the query is dropped, so no conversation, user or channel id (nor anything in a query) is kept.
 */
public final class ApiCallLog {

    /** A path segment that is an id: contains a digit, or is a long token (UUIDs, channel ids). */
    private static final Pattern ID = Pattern.compile(".*\\d.*|[A-Za-z_-]{24,}");

    private final String tenantId;
    private final String org;
    private final int capacity;
    private final Deque<GenesysApiStats.Call> recent = new ArrayDeque<>();
    private long calls;
    private long errors;
    private long rateLimited;

    public ApiCallLog(String tenantId, String org, int capacity) {
        this.tenantId = tenantId;
        this.org = org;
        this.capacity = Math.max(1, capacity);
    }

    /** @param status 0 when no answer came */
    public synchronized void record(Instant at, String method, String pathAndQuery, int status, long millis) {
        calls++;
        if (status == 0 || status >= 400) {
            errors++;
        }
        if (status == 429) {
            rateLimited++;
        }
        if (recent.size() == capacity) {
            recent.removeFirst();
        }
        recent.addLast(new GenesysApiStats.Call(at, method, template(pathAndQuery), status, millis));
    }

    public synchronized GenesysApiStats stats() {
        List<GenesysApiStats.Call> copy = new ArrayList<>(recent);
        long[] millis = copy.stream().mapToLong(GenesysApiStats.Call::millis).toArray();
        Arrays.sort(millis);
        return new GenesysApiStats(tenantId, org, calls, errors, rateLimited, percentile(millis, 50),
                percentile(millis, 95), copy);
    }

    /** Nearest-rank percentile; 0 without calls. */
    static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** {@code /api/v2/routing/queues/5f1c.../members?pageSize=100} -> {@code /api/v2/routing/queues/{id}/members} */
    static String template(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        StringBuilder out = new StringBuilder();
        for (String segment : path.split("/", -1)) {
            if (!out.isEmpty() || !segment.isEmpty()) {
                out.append('/');
            }
            if (segment.isEmpty()) {
                continue;
            }
            out.append(segment.equals("v2") || !ID.matcher(segment).matches() ? segment : "{id}");
        }
        return out.isEmpty() ? "/" : out.toString();
    }
}
