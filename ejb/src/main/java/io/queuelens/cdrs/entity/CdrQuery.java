package io.queuelens.cdrs.entity;

import io.queuelens.reports.entity.InvalidReportRequest;
import io.queuelens.reports.entity.InvalidReportRequest.Problem;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One page of a CDR search; a constructed query is always answerable (problems are thrown together,
 * each named by its parameter).
 *
 * @param from        first call start, inclusive
 * @param to          end, exclusive; at most {@value #MAX_DAYS} days after from
 * @param number      part of the caller or called number or caller id text (src, dst, clid), or null
 * @param did         the dialled number exactly, or null
 * @param disposition ANSWERED, NO ANSWER, BUSY, FAILED, CONGESTION, or null
 * @param queue       the queue of the call (from its linked visit), or null
 * @param agent       the agent who answered it, or null
 * @param limit       rows per page, 1 to {@value #MAX_LIMIT}
 * @param queueLimit  the queues the caller may see (identity); empty = every queue. Rows of other
 *                    queues, and rows without a queue, are left out when it is set
 */
public record CdrQuery(String tenant, Instant from, Instant to, String number, String did, String disposition,
                       String queue, String agent, CdrSort sort, boolean ascending, int offset, int limit,
                       Set<String> queueLimit) {

    /** A query without a queue limit (a caller who sees every queue of the tenant). */
    public CdrQuery(String tenant, Instant from, Instant to, String number, String did, String disposition,
                    String queue, String agent, CdrSort sort, boolean ascending, int offset, int limit) {
        this(tenant, from, to, number, did, disposition, queue, agent, sort, ascending, offset, limit, Set.of());
    }

    /** The same query limited to these queues (empty = none). */
    public CdrQuery limitedTo(Set<String> queues) {
        return new CdrQuery(tenant, from, to, number, did, disposition, queue, agent, sort, ascending, offset, limit,
                queues);
    }

    public static final int MAX_DAYS = 400;
    public static final int MAX_LIMIT = 500;
    public static final int MAX_TEXT = 80;
    public static final List<String> DISPOSITIONS = List.of("ANSWERED", "NO ANSWER", "BUSY", "FAILED", "CONGESTION");

    public CdrQuery {
        number = blankToNull(number);
        did = blankToNull(did);
        disposition = blankToNull(disposition);
        queue = blankToNull(queue);
        agent = blankToNull(agent);
        sort = sort == null ? CdrSort.CALLDATE : sort;
        queueLimit = queueLimit == null ? Set.of() : Set.copyOf(queueLimit);
        List<Problem> problems = new ArrayList<>();
        if (tenant == null || tenant.isBlank()) {
            problems.add(new Problem("tenant", "tenant is required"));
        }
        if (from == null) {
            problems.add(new Problem("from", "from is required"));
        }
        if (to == null) {
            problems.add(new Problem("to", "to is required"));
        }
        if (from != null && to != null) {
            if (!to.isAfter(from)) {
                problems.add(new Problem("to", "to must be after from"));
            } else if (Duration.between(from, to).toDays() > MAX_DAYS) {
                problems.add(new Problem("to", "at most " + MAX_DAYS + " days from 'from'"));
            }
        }
        long1(problems, "number", number);
        long1(problems, "did", did);
        long1(problems, "queue", queue);
        long1(problems, "agent", agent);
        if (disposition != null && !DISPOSITIONS.contains(disposition)) {
            problems.add(new Problem("disposition", "disposition must be one of " + DISPOSITIONS + ", was '" + disposition + "'"));
        }
        if (offset < 0) {
            problems.add(new Problem("offset", "offset must not be negative"));
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            problems.add(new Problem("limit", "limit must be 1 to " + MAX_LIMIT));
        }
        if (!problems.isEmpty()) {
            throw new InvalidReportRequest(problems);
        }
    }

    private static void long1(List<Problem> problems, String name, String value) {
        if (value != null && value.length() > MAX_TEXT) {
            problems.add(new Problem(name, name + " is longer than " + MAX_TEXT + " characters"));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
