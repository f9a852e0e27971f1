package io.queuelens.reports.entity;

import io.queuelens.calls.entity.Outcome;
import io.queuelens.tenancy.entity.Tenant;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One page of queue visits (the facts behind every figure), filtered and sorted. A constructed
 * request is always answerable; every problem names its parameter.
 *
 * <p>The order is stable across pages: after the sort field come entered_at and the row id in the
 * same direction, so a visit is never on two pages nor on none while the data does not change.
 *
 * @param from     visits that entered at or after this instant
 * @param to       and before this one; at most {@link SummaryRequest#MAX_DAYS} days later
 * @param zone     the zone times are shown in
 * @param queues   empty = every queue
 * @param agents   the answering agent; empty = any (including unanswered visits)
 * @param outcomes empty = every outcome
 * @param caller   the caller number exactly, or null
 * @param page     0-based
 * @param size     1..{@link #MAX_SIZE}
 */
public record CallListRequest(String tenant, Instant from, Instant to, ZoneId zone, List<String> queues,
                              List<String> agents, Set<Outcome> outcomes, String caller, int page, int size,
                              CallSort sort, boolean descending) {

    public static final String OUTCOME = "outcome";
    public static final String CALLER = "caller";
    public static final String PAGE = "page";
    public static final String SIZE = "size";
    public static final String SORT = "sort";
    public static final int MAX_SIZE = 1000;
    /** Keeps OFFSET bounded: deeper pages should narrow the range instead. */
    public static final long MAX_OFFSET = 1_000_000;

    public CallListRequest {
        queues = queues == null ? List.of() : List.copyOf(new LinkedHashSet<>(queues));
        agents = agents == null ? List.of() : List.copyOf(new LinkedHashSet<>(agents));
        outcomes = outcomes == null ? Set.of() : Set.copyOf(outcomes);
        List<InvalidReportRequest.Problem> problems = new ArrayList<>();
        if (tenant == null || tenant.isBlank()) {
            problems.add(new InvalidReportRequest.Problem(SummaryRequest.TENANT, "tenant is required"));
        } else if (!Tenant.ID_PATTERN.matcher(tenant).matches()) {
            problems.add(new InvalidReportRequest.Problem(SummaryRequest.TENANT,
                    "tenant must be a tenant id (lower-case letters, digits and '-'), was '" + tenant + "'"));
        }
        if (zone == null) {
            problems.add(new InvalidReportRequest.Problem(SummaryRequest.TZ, "tz is required, e.g. Europe/Berlin"));
        }
        if (from == null) {
            problems.add(new InvalidReportRequest.Problem(SummaryRequest.FROM, "from is required"));
        }
        if (to == null) {
            problems.add(new InvalidReportRequest.Problem(SummaryRequest.TO, "to is required"));
        } else if (from != null && !to.isAfter(from)) {
            problems.add(new InvalidReportRequest.Problem(SummaryRequest.TO, "to must be after from (to is exclusive)"));
        } else if (from != null && zone != null
                && to.isAfter(from.atZone(zone).plusDays(SummaryRequest.MAX_DAYS).toInstant())) {
            problems.add(new InvalidReportRequest.Problem(SummaryRequest.TO,
                    "a call list covers at most " + SummaryRequest.MAX_DAYS + " days"));
        }
        names(SummaryRequest.QUEUES, queues, SummaryRequest.MAX_QUEUES, SummaryRequest.MAX_QUEUE_NAME, problems);
        names(AgentReportRequest.AGENTS, agents, AgentReportRequest.MAX_AGENTS, AgentReportRequest.MAX_AGENT_NAME, problems);
        if (caller != null && (caller.isBlank() || caller.length() > 80)) {
            problems.add(new InvalidReportRequest.Problem(CALLER, "caller must be a caller number of 1 to 80 characters"));
        }
        if (page < 0) {
            problems.add(new InvalidReportRequest.Problem(PAGE, "page must be 0 or more, was " + page));
        }
        if (size < 1 || size > MAX_SIZE) {
            problems.add(new InvalidReportRequest.Problem(SIZE, "size must be 1 to " + MAX_SIZE + ", was " + size));
        } else if (page >= 0 && (long) page * size > MAX_OFFSET) {
            problems.add(new InvalidReportRequest.Problem(PAGE, "page " + page + " of size " + size + " skips more than "
                    + MAX_OFFSET + " visits; narrow from/to or filter instead"));
        }
        if (sort == null) {
            problems.add(new InvalidReportRequest.Problem(SORT, "sort is required"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidReportRequest(problems);
        }
    }

    public long offset() {
        return (long) page * size;
    }

    private static void names(String parameter, List<String> names, int max, int maxLength,
                              List<InvalidReportRequest.Problem> problems) {
        if (names.size() > max) {
            problems.add(new InvalidReportRequest.Problem(parameter, "at most " + max + " " + parameter + ", was " + names.size()));
        }
        for (String n : names) {
            if (n == null || n.isBlank() || n.length() > maxLength) {
                problems.add(new InvalidReportRequest.Problem(parameter,
                        parameter + " must be names of 1 to " + maxLength + " characters, without empty entries"));
                return;
            }
        }
    }
}
