package io.queuelens.web.api;

import io.queuelens.cdrs.entity.CdrQuery;
import io.queuelens.cdrs.entity.CdrSort;
import io.queuelens.exports.entity.ExportFormat;
import io.queuelens.exports.entity.ExportRequest;
import io.queuelens.exports.entity.ReportName;
import io.queuelens.reports.entity.CallListRequest;
import io.queuelens.reports.entity.InvalidReportRequest;
import io.queuelens.reports.entity.SummaryRequest;
import io.queuelens.reports.entity.WaitBuckets;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The query parameters of {@code GET /api/v1/exports/{name}} turned into an {@link ExportRequest}
 * through the very parsers of the JSON endpoints ({@link SummaryParameters},
 * {@link AgentReportParameters}, {@link CallListParameters}), so an export accepts and rejects
 * exactly what the report's JSON and page do, every problem named by its parameter (400).
 *
 * <p>Per report: {@code summary} takes the summary's parameters; {@code intervals} and {@code queues}
 * the same with groupBy fixed to interval (default interval PT1H and P1D, as their pages);
 * {@code answered} and {@code unanswered} tenant/from/to/tz/queues, plus {@code agents} (answered)
 * and {@code buckets} (wait bands); {@code agents} the agent report's; {@code calls} the call list's
 * (page and size ignored: every row); {@code cdr} the CDR page's (number, did, disposition, queue,
 * agent, sort); {@code payouts} tenant/from/to/tz (the local days of the range; ADMIN and MANAGER). Parameters a report does not use are ignored, as the pages' URLs carry them along.
 */
public final class ExportParameters {

    public static final String NAME = "name";
    public static final String FORMAT = "format";
    public static final String BOM = "bom";

    private ExportParameters() {
    }

    public static ReportName report(String name) {
        return ReportName.ofApiName(name).orElseThrow(() -> new InvalidReportRequest(NAME,
                "unknown report '" + name + "'; one of " + ReportName.names()));
    }

    public static ExportFormat format(String format) {
        if (format == null || format.isBlank()) {
            throw new InvalidReportRequest(FORMAT, "format is required: one of " + ExportFormat.names());
        }
        return ExportFormat.ofApiName(format).orElseThrow(() -> new InvalidReportRequest(FORMAT,
                "unknown format '" + format + "'; one of " + ExportFormat.names()));
    }

    /** {@code bom=true} (or 1/yes) asks for a byte order mark in a CSV; absent = none. */
    public static boolean bom(String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("1") || v.equals("yes")) {
            return true;
        }
        if (v.equals("false") || v.equals("0") || v.equals("no")) {
            return false;
        }
        throw new InvalidReportRequest(BOM, "bom must be true or false, was '" + value + "'");
    }

    /** The queues the request names, for the 403 check made before anything of the tenant is read. */
    public static List<String> requestedQueues(ReportName report, Map<String, List<String>> q) {
        if (report == ReportName.CDR) {
            String queue = first(q, "queue");
            return queue == null || queue.isBlank() ? List.of() : List.of(queue.strip());
        }
        return SummaryParameters.queues(q.get(SummaryRequest.QUEUES));
    }

    /**
     * @param q          the query parameters (repeated values kept)
     * @param tenantZone the tenant's zone, the default of {@code tz}
     * @throws InvalidReportRequest naming the parameters at fault
     */
    public static ExportRequest parse(ReportName report, Map<String, List<String>> q, ZoneId tenantZone) {
        String tenant = first(q, "tenant");
        String from = first(q, "from");
        String to = first(q, "to");
        String tz = first(q, "tz");
        List<String> queues = q.get("queues");
        return switch (report) {
            case SUMMARY -> ExportRequest.ofSummary(report, SummaryParameters.parse(new SummaryParameters.Raw(tenant, from,
                    to, tz, queues, first(q, "groupBy"), first(q, "interval")), tenantZone), List.of());
            case INTERVALS, QUEUES -> ExportRequest.ofSummary(report, SummaryParameters.parse(new SummaryParameters.Raw(
                    tenant, from, to, tz, queues, "interval", orElse(first(q, "interval"),
                            report == ReportName.INTERVALS ? "PT1H" : "P1D")), tenantZone), List.of());
            case ANSWERED, UNANSWERED -> {
                SummaryRequest range = SummaryParameters.parse(new SummaryParameters.Raw(tenant, from, to, tz, queues,
                        "queue", null), tenantZone);
                String buckets = first(q, WaitBuckets.PARAMETER);
                yield ExportRequest.ofSummary(report, range, report == ReportName.ANSWERED
                                ? SummaryParameters.queues(q.get("agents")) : List.of(),
                        buckets == null || buckets.isBlank() ? null : WaitBuckets.parse(buckets, WaitBuckets.PARAMETER));
            }
            case AGENTS -> ExportRequest.ofAgents(AgentReportParameters.parse(new AgentReportParameters.Raw(tenant, from,
                    to, tz, q.get("agents"), queues, first(q, "groupBy"), first(q, "interval")), tenantZone));
            case CALLS -> {
                CallListRequest r = CallListParameters.parse(new CallListParameters.Raw(tenant, from, to, tz, queues,
                        q.get("agents"), q.get("outcome"), first(q, "caller"), null, null, first(q, "sort")), tenantZone);
                yield ExportRequest.ofCalls(r);
            }
            // payouts of the local days of [from, to) (whole days: from and to at local midnight)
            case PAYOUTS -> ExportRequest.ofSummary(report, SummaryParameters.parse(new SummaryParameters.Raw(tenant, from, to,
                    tz, List.of(), "queue", null), tenantZone), List.of());
            case CDR -> {
                SummaryRequest range = SummaryParameters.parse(new SummaryParameters.Raw(tenant, from, to, tz, List.of(),
                        "queue", null), tenantZone);
                String sort = first(q, "sort");
                CdrSort by = sort == null || sort.isBlank() ? CdrSort.CALLDATE : CdrSort.of(sort.strip()).orElseThrow(() ->
                        new InvalidReportRequest("sort", "sort must be a CDR column such as calldate, was '" + sort + "'"));
                yield ExportRequest.ofCdr(range, new CdrQuery(range.tenant(), range.from(), range.to(), first(q, "number"),
                        first(q, "did"), first(q, "disposition"), first(q, "queue"), first(q, "agent"), by,
                        "asc".equalsIgnoreCase(first(q, "order")), 0, 1));
            }
        };
    }

    private static String first(Map<String, List<String>> q, String name) {
        List<String> v = q.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static String orElse(String v, String otherwise) {
        return v == null || v.isBlank() ? otherwise : v;
    }
}
