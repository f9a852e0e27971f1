package io.queuelens.reports.entity;

import io.queuelens.rollups.entity.Buckets;
import io.queuelens.rollups.entity.PeriodUnit;
import io.queuelens.tenancy.entity.Tenant;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * What a summary report is asked for; a constructed request is always answerable. Problems are
 * collected for every parameter and thrown together as {@link InvalidReportRequest}.
 *
 * <p>Bounds are rejected, not silently moved: rollups are 15-minute UTC buckets, so {@code from} and
 * {@code to} must lie on that grid; with {@code groupBy=INTERVAL} they must also be boundaries of
 * the interval in {@code zone} (local midnight for P1D, Monday for P1W, the 1st for P1M, a full local
 * hour for PT1H), so the first and last rows cover whole periods. A "November" row that silently
 * covers 20 days, or a range quietly widened, is worse than a message that names the parameter and
 * the value to use instead.
 *
 * @param tenant   tenant id
 * @param from     first instant, inclusive (a visit counts where it entered the queue)
 * @param to       end, exclusive; at most 400 local days after {@code from}
 * @param zone     the time zone periods and labels follow
 * @param queues   queue names; empty = every queue with data in the range
 * @param groupBy  rows per queue or per period
 * @param interval the period with {@code groupBy=INTERVAL}; may be null with {@code QUEUE}
 */
public record SummaryRequest(String tenant, Instant from, Instant to, ZoneId zone, List<String> queues,
                             GroupBy groupBy, PeriodUnit interval) {

    public static final String TENANT = "tenant";
    public static final String FROM = "from";
    public static final String TO = "to";
    public static final String TZ = "tz";
    public static final String QUEUES = "queues";
    public static final String GROUP_BY = "groupBy";
    public static final String INTERVAL = "interval";

    public static final int MAX_DAYS = 400;
    public static final int MAX_QUEUES = 500;
    /** The width of {@code rollup_queue_15m.queue}. */
    public static final int MAX_QUEUE_NAME = 128;

    public SummaryRequest {
        queues = queues == null ? List.of() : List.copyOf(new LinkedHashSet<>(queues));
        List<InvalidReportRequest.Problem> problems = new ArrayList<>();
        checkTenant(tenant, problems);
        if (zone == null) {
            problems.add(new InvalidReportRequest.Problem(TZ, "tz is required, e.g. Europe/Berlin"));
        }
        if (from == null) {
            problems.add(new InvalidReportRequest.Problem(FROM, "from is required"));
        }
        if (to == null) {
            problems.add(new InvalidReportRequest.Problem(TO, "to is required"));
        }
        checkQueues(queues, problems);
        if (groupBy == null) {
            problems.add(new InvalidReportRequest.Problem(GROUP_BY, "groupBy is required: queue or interval"));
        } else if (groupBy == GroupBy.INTERVAL && interval == null) {
            problems.add(new InvalidReportRequest.Problem(INTERVAL,
                    "interval is required with groupBy=interval: PT15M, PT30M, PT1H, P1D, P1W or P1M"));
        }
        if (zone != null && from != null && to != null) {
            checkRange(from, to, zone, groupBy == GroupBy.INTERVAL ? interval : null, problems);
        }
        if (!problems.isEmpty()) {
            throw new InvalidReportRequest(problems);
        }
    }

    /** One row per period: {@code interval}; otherwise null. */
    public PeriodUnit rowPeriod() {
        return groupBy == GroupBy.INTERVAL ? interval : null;
    }

    public boolean allQueues() {
        return queues.isEmpty();
    }

    private static void checkTenant(String tenant, List<InvalidReportRequest.Problem> problems) {
        if (tenant == null || tenant.isBlank()) {
            problems.add(new InvalidReportRequest.Problem(TENANT, "tenant is required"));
        } else if (!Tenant.ID_PATTERN.matcher(tenant).matches()) {
            problems.add(new InvalidReportRequest.Problem(TENANT,
                    "tenant must be a tenant id (lower-case letters, digits and '-'), was '" + tenant + "'"));
        }
    }

    private static void checkQueues(List<String> queues, List<InvalidReportRequest.Problem> problems) {
        if (queues.size() > MAX_QUEUES) {
            problems.add(new InvalidReportRequest.Problem(QUEUES,
                    "at most " + MAX_QUEUES + " queues per report, was " + queues.size() + "; leave queues out for all"));
        }
        for (String q : queues) {
            if (q == null || q.isBlank()) {
                problems.add(new InvalidReportRequest.Problem(QUEUES, "queues must not contain an empty name"));
                return;
            }
            if (q.length() > MAX_QUEUE_NAME) {
                problems.add(new InvalidReportRequest.Problem(QUEUES, "queue names have at most " + MAX_QUEUE_NAME
                        + " characters, '" + q.substring(0, 20) + "...' has " + q.length()));
                return;
            }
        }
    }

    private static void checkRange(Instant from, Instant to, ZoneId zone, PeriodUnit rowPeriod,
                                   List<InvalidReportRequest.Problem> problems) {
        ZoneOffset off = PeriodGrid.offOffset(zone, from, to);
        if (off != null) {
            problems.add(new InvalidReportRequest.Problem(TZ, "time zone " + zone + " uses offset " + off
                    + " around this range, not a multiple of 15 minutes: 15-minute buckets cannot be reported in it"));
            return;
        }
        int before = problems.size();
        checkBound(FROM, from, zone, rowPeriod, true, problems);
        checkBound(TO, to, zone, rowPeriod, false, problems);
        if (problems.size() > before) {
            return;
        }
        if (!to.isAfter(from)) {
            problems.add(new InvalidReportRequest.Problem(TO, "to must be after from (to is exclusive); from is "
                    + PeriodGrid.local(from, zone) + ", to is " + PeriodGrid.local(to, zone)));
        } else if (to.isAfter(from.atZone(zone).plusDays(MAX_DAYS).toInstant())) {
            problems.add(new InvalidReportRequest.Problem(TO, "a report covers at most " + MAX_DAYS + " days; "
                    + PeriodGrid.local(from, zone) + " to " + PeriodGrid.local(to, zone) + " is longer, the latest "
                    + "allowed to is " + PeriodGrid.local(from.atZone(zone).plusDays(MAX_DAYS).toInstant(), zone)));
        }
    }

    /** A bound must be on the 15-minute grid, and on the row period's grid when rows are periods. */
    private static void checkBound(String name, Instant t, ZoneId zone, PeriodUnit rowPeriod, boolean isStart,
                                   List<InvalidReportRequest.Problem> problems) {
        if (!Buckets.isBucketStart(t)) {
            Instant fix = isStart ? Buckets.floor(t) : ceilToBucket(t);
            problems.add(new InvalidReportRequest.Problem(name, name + " must be on a quarter hour (data is kept in "
                    + "15-minute intervals); was " + PeriodGrid.local(t, zone) + " in " + zone + ", use "
                    + PeriodGrid.local(fix, zone) + suggestionNote(isStart)));
        } else if (rowPeriod != null && !PeriodGrid.isBoundary(t, zone, rowPeriod)) {
            Instant fix = isStart ? PeriodGrid.floor(t, zone, rowPeriod) : PeriodGrid.ceiling(t, zone, rowPeriod);
            problems.add(new InvalidReportRequest.Problem(name, name + " must be " + (isStart ? "the start" : "the end")
                    + " of a " + rowPeriod + " period in " + zone + " (" + boundaryWords(rowPeriod) + ") so that the "
                    + (isStart ? "first" : "last") + " row covers a whole period; was " + PeriodGrid.local(t, zone)
                    + ", use " + PeriodGrid.local(fix, zone) + suggestionNote(isStart)));
        }
    }

    private static Instant ceilToBucket(Instant t) {
        Instant f = Buckets.floor(t);
        return f.equals(t) ? t : f.plus(Buckets.WIDTH);
    }

    private static String suggestionNote(boolean isStart) {
        return isStart ? " (includes the whole first period)" : " (includes the whole last period)";
    }

    private static String boundaryWords(PeriodUnit unit) {
        return switch (unit) {
            case PT15M -> "a local quarter hour";
            case PT30M -> "local :00 or :30";
            case PT1H -> "a full local hour";
            case P1D -> "local midnight";
            case P1W -> "Monday 00:00 local";
            case P1M -> "the 1st of a month, 00:00 local";
        };
    }
}
