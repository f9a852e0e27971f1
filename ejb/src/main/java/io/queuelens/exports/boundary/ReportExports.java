package io.queuelens.exports.boundary;

import io.queuelens.cdrs.boundary.CdrSearch;
import io.queuelens.cdrs.entity.CdrQuery;
import io.queuelens.exports.control.ChartSpec;
import io.queuelens.exports.control.DocumentWriter;
import io.queuelens.exports.control.ExportAccess;
import io.queuelens.exports.control.ExportTable;
import io.queuelens.exports.control.Headlines;
import io.queuelens.exports.control.ReportColumns;
import io.queuelens.exports.control.ReportDocument;
import io.queuelens.exports.entity.ExportFormat;
import io.queuelens.exports.entity.ExportRequest;
import io.queuelens.exports.entity.Headline;
import io.queuelens.exports.entity.ReportName;
import io.queuelens.identity.entity.Access;
import io.queuelens.kpi.entity.QueueFigures;
import io.queuelens.reports.boundary.AgentReports;
import io.queuelens.reports.boundary.CallLists;
import io.queuelens.reports.boundary.CallReports;
import io.queuelens.reports.boundary.SummaryReports;
import io.queuelens.reports.entity.AbandonedCall;
import io.queuelens.reports.entity.AgentReport;
import io.queuelens.reports.entity.CallListRequest;
import io.queuelens.reports.entity.GroupBy;
import io.queuelens.reports.entity.SummaryReport;
import io.queuelens.reports.entity.SummaryRequest;
import io.queuelens.reports.entity.SummaryRow;
import io.queuelens.reports.entity.WaitBand;
import io.queuelens.tenancy.boundary.Tenants;
import io.queuelens.payouts.boundary.Payouts;
import io.queuelens.payouts.entity.AgentPeriodTotal;
import io.queuelens.tenancy.entity.Tenant;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.OutputStream;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes any report of the History pages to a stream in XLSX, CSV, PDF or Parquet, with the caller's
 * {@link Access} applied exactly as the REST reports apply it (ExportAccess). Nothing here knows
 * HTTP or JSF: the REST API streams into its response, a scheduled export (batch) into a file or a
 * mail attachment, with the stored request and its owner's access.
 *
 * <p>The figures come from the report boundaries the pages and the JSON API use; call and CDR lists
 * are streamed from forward-only reads straight into the writer, row by row. Outside a transaction:
 * exports only read, and a million-row export must not hit the transaction timeout.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ReportExports {

    /** Categories a chart draws at most; a longer series (a year of 15-minute periods) is cut there. */
    static final int MAX_CHART_POINTS = 400;
    private static final int ABANDONED_PAGE = 500;

    @Inject
    SummaryReports summaries;

    @Inject
    AgentReports agentReports;

    @Inject
    CallReports callReports;

    @Inject
    CallLists callLists;

    @Inject
    CdrSearch cdrs;

    @Inject
    Tenants tenants;

    @Inject
    Payouts payouts;

    /**
     * @param bom CSV only: start with a UTF-8 byte order mark (Excel)
     * @throws io.queuelens.exports.entity.ExportRefused when the caller may not see the tenant or a queue
     */
    public void export(ExportRequest request, ExportFormat format, boolean bom, Access access, OutputStream out)
            throws IOException {
        ReportDocument doc = document(ExportAccess.authorize(request, access));
        try {
            DocumentWriter.write(doc, format, bom, out);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(request.report().apiName() + " as " + format.apiName() + ": " + e.getMessage(), e);
        }
    }

    /** The report's key figures (for a mail body), with the same access rule. */
    public Headline headline(ExportRequest request, Access access) {
        return headlineOf(ExportAccess.authorize(request, access));
    }

    /** {@code <tenant>-<report>-<first day>_<last day>.<ext>}, the days local to the report's zone. */
    public static String fileName(ExportRequest request, ExportFormat format) {
        DateTimeFormatter day = DateTimeFormatter.ISO_LOCAL_DATE.withZone(request.zone());
        String name = request.tenant() + "-" + request.report().apiName() + "-" + day.format(request.from()) + "_"
                + day.format(request.to().minusMillis(1));
        return name.replaceAll("[^A-Za-z0-9._-]", "_") + "." + format.extension();
    }

    // ---- documents -----------------------------------------------------------------------------

    ReportDocument document(ExportRequest r) {
        return switch (r.report()) {
            case SUMMARY, INTERVALS, QUEUES -> summaryDocument(r);
            case ANSWERED -> answeredDocument(r);
            case UNANSWERED -> unansweredDocument(r);
            case AGENTS -> agentsDocument(r);
            case CALLS -> callsDocument(r);
            case CDR -> cdrDocument(r);
            case PAYOUTS -> payoutsDocument(r);
        };
    }

    private ReportDocument summaryDocument(ExportRequest r) {
        SummaryReport report = summaries.summary(r.range());
        boolean perInterval = r.range().groupBy() == GroupBy.INTERVAL;
        SummaryReport perQueue = perInterval ? summaries.summary(perQueue(r.range())) : report;
        List<Object[]> rows = report.rows().stream().map(row -> ReportColumns.summaryRow(row, perInterval)).toList();
        List<ExportTable> tables = List.of(
                ExportTable.of(perInterval ? "periods" : "queues", perInterval ? "Per " + r.range().interval() : "Per queue",
                        ReportColumns.summary(perInterval), rows),
                ExportTable.of("total", "Total", ReportColumns.QUEUE_FIGURES,
                        List.<Object[]>of(ReportColumns.figures(report.total().figures()))));
        List<String> labels = report.rows().stream().map(row -> label(row, perInterval, r)).toList();
        ChartSpec chart = new ChartSpec("Calls", perInterval ? ChartSpec.Kind.LINE : ChartSpec.Kind.BAR, "calls",
                cap(labels), series(report.rows(), Map.of(
                        "Offered", f -> f.offered(), "Answered", f -> f.answered(), "Abandoned", f -> f.abandoned())));
        List<String> filters = new ArrayList<>(summaryFilters(r.range()));
        report.notes().forEach(n -> filters.add("Note: " + n));
        return new ReportDocument(tenantName(r), title(r.report()), Headlines.ofSummary(title(r.report()), period(r),
                perQueue.total().figures()), r.zone(), filters, tables, List.of(chart));
    }

    private ReportDocument answeredDocument(ExportRequest r) {
        SummaryReport perQueue = summaries.summary(perQueue(r.range()));
        List<Object[]> agents = callReports.byAgent(r.range(), r.agents()).stream().map(ReportColumns::agentAnswers).toList();
        List<WaitBand> waits = callReports.answerWaits(r.range(), r.agents(), r.buckets());
        List<ExportTable> tables = List.of(
                ExportTable.of("agents", "Answered per agent", ReportColumns.AGENT_ANSWERS, agents),
                ExportTable.of("queues", "Per queue", ReportColumns.summary(false),
                        perQueue.rows().stream().map(row -> ReportColumns.summaryRow(row, false)).toList()),
                ExportTable.of("waits", "Speed of answer", ReportColumns.WAIT_BANDS,
                        waits.stream().map(ReportColumns::waitBand).toList()));
        List<String> filters = new ArrayList<>(summaryFilters(r.range()));
        filters.add("Agents: " + (r.agents().isEmpty() ? "all" : String.join(", ", r.agents())));
        return new ReportDocument(tenantName(r), title(r.report()), Headlines.ofSummary(title(r.report()), period(r),
                perQueue.total().figures()), r.zone(), filters, tables, List.of(waitChart("Speed of answer", waits)));
    }

    private ReportDocument unansweredDocument(ExportRequest r) {
        SummaryReport perQueue = summaries.summary(perQueue(r.range()));
        List<WaitBand> waits = callReports.abandonWaits(r.range(), r.buckets());
        SummaryRequest range = r.range();
        ExportTable abandoned = new ExportTable("abandoned", "Abandoned calls", ReportColumns.ABANDONED, sink -> {
            // Pages, newest first, as the page shows them; each page is written before the next is read.
            for (long offset = 0; ; offset += ABANDONED_PAGE) {
                List<AbandonedCall> page = callReports.abandoned(range, offset, ABANDONED_PAGE);
                for (AbandonedCall a : page) {
                    sink.row(ReportColumns.abandoned(a));
                }
                if (page.size() < ABANDONED_PAGE) {
                    return;
                }
            }
        });
        List<ExportTable> tables = List.of(abandoned,
                ExportTable.of("queues", "Per queue", ReportColumns.summary(false),
                        perQueue.rows().stream().map(row -> ReportColumns.summaryRow(row, false)).toList()),
                ExportTable.of("waits", "How long abandoning callers waited", ReportColumns.WAIT_BANDS,
                        waits.stream().map(ReportColumns::waitBand).toList()));
        return new ReportDocument(tenantName(r), title(r.report()), Headlines.ofSummary(title(r.report()), period(r),
                perQueue.total().figures()), r.zone(), summaryFilters(r.range()), tables,
                List.of(waitChart("Abandoned calls by wait", waits)));
    }

    private ReportDocument agentsDocument(ExportRequest r) {
        AgentReport report = agentReports.agents(r.agentReport());
        boolean perInterval = r.agentReport().groupBy() == io.queuelens.reports.entity.AgentGroupBy.INTERVAL;
        List<ExportTable> tables = List.of(
                ExportTable.of(perInterval ? "periods" : "agents", perInterval ? "Per " + r.agentReport().interval() : "Per agent",
                        ReportColumns.agents(perInterval),
                        report.rows().stream().map(row -> ReportColumns.agentRow(row, perInterval)).toList()),
                ExportTable.of("total", "Total", ReportColumns.AGENT_FIGURES,
                        List.<Object[]>of(ReportColumns.agentFigures(report.total().figures()))));
        List<String> labels = report.rows().stream().map(row -> perInterval
                ? Headlines.shortTime(row.start().toInstant(), r.zone()) : row.agent()).toList();
        List<Number> answered = report.rows().stream().map(row -> (Number) row.figures().answered()).toList();
        Map<String, List<Number>> series = new LinkedHashMap<>();
        series.put("Answered", cap(answered));
        ChartSpec chart = new ChartSpec("Answered calls", perInterval ? ChartSpec.Kind.LINE : ChartSpec.Kind.BAR, "calls",
                cap(labels), series);
        List<String> filters = new ArrayList<>();
        filters.add("Agents: " + (r.agentReport().agents().isEmpty() ? "all" : String.join(", ", r.agentReport().agents())));
        filters.add("Queues: " + queues(r.agentReport().queues()));
        filters.add("Rows: " + (perInterval ? "per " + r.agentReport().interval() : "per agent"));
        report.notes().forEach(n -> filters.add("Note: " + n));
        return new ReportDocument(tenantName(r), title(r.report()),
                Headlines.ofAgents(title(r.report()), period(r), report.rows().size(), report.total()), r.zone(), filters,
                tables, List.of(chart));
    }

    private ReportDocument callsDocument(ExportRequest r) {
        CallListRequest q = r.callList();
        long total = callLists.page(new CallListRequest(q.tenant(), q.from(), q.to(), q.zone(), q.queues(), q.agents(),
                q.outcomes(), q.caller(), 0, 1, q.sort(), q.descending())).total();
        ExportTable visits = new ExportTable("calls", "Calls", ReportColumns.CALLS, sink -> {
            Object[] row = new Object[ReportColumns.CALLS.size()];
            callLists.each(q, v -> sink.row(ReportColumns.call(v, row)));
        });
        List<String> filters = new ArrayList<>();
        filters.add("Queues: " + queues(q.queues()));
        filters.add("Agents: " + (q.agents().isEmpty() ? "all" : String.join(", ", q.agents())));
        filters.add("Outcomes: " + (q.outcomes().isEmpty() ? "all" : q.outcomes().stream().map(Enum::name).sorted().toList()));
        if (q.caller() != null) {
            filters.add("Caller: " + q.caller());
        }
        filters.add("Sorted by: " + q.sort().apiName() + (q.descending() ? " descending" : " ascending"));
        return new ReportDocument(tenantName(r), title(r.report()), Headlines.ofCount(title(r.report()), period(r),
                "calls", "Calls", total), r.zone(), filters, List.of(visits), List.of());
    }

    private ReportDocument cdrDocument(ExportRequest r) {
        CdrQuery q = r.cdrQuery();
        long total = cdrs.count(q);
        ExportTable rows = new ExportTable("cdrs", "CDRs", ReportColumns.CDRS,
                sink -> cdrs.each(q, c -> sink.row(ReportColumns.cdr(c))));
        List<String> filters = new ArrayList<>();
        add(filters, "Number", q.number());
        add(filters, "DID", q.did());
        add(filters, "Disposition", q.disposition());
        add(filters, "Queue", q.queue());
        add(filters, "Agent", q.agent());
        if (!q.queueLimit().isEmpty()) {
            filters.add("Visible queues: " + String.join(", ", q.queueLimit().stream().sorted().toList()));
        }
        return new ReportDocument(tenantName(r), title(r.report()), Headlines.ofCount(title(r.report()), period(r),
                "cdrs", "CDRs", total), r.zone(), filters, List.of(rows), List.of());
    }

    private ReportDocument payoutsDocument(ExportRequest r) {
        List<AgentPeriodTotal> totals = payoutTotals(r);
        List<Object[]> rows = totals.stream().map(ReportColumns::payout).toList();
        java.math.BigDecimal sum = totals.stream().map(AgentPeriodTotal::total).reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add);
        long agents = totals.stream().map(AgentPeriodTotal::agent).distinct().count();
        List<ExportTable> tables = List.of(
                ExportTable.of("payouts", "Agent-days", ReportColumns.PAYOUTS, rows),
                ExportTable.of("total", "Total", ReportColumns.PAYOUT_TOTAL, List.<Object[]>of(new Object[]{agents, totals.size(), sum})));
        List<String> filters = List.of("Days: " + payoutDays(r)[0] + " – " + payoutDays(r)[1] + " (newest revision of each agent-day)");
        return new ReportDocument(tenantName(r), title(r.report()), payoutsHeadline(r, totals), r.zone(), filters, tables, List.of());
    }

    private List<AgentPeriodTotal> payoutTotals(ExportRequest r) {
        java.time.LocalDate[] days = payoutDays(r);
        return payouts.period(r.tenant(), days[0], days[1]);
    }

    /** The local days of [from, to): a payout period is whole days of the tenant. */
    private static java.time.LocalDate[] payoutDays(ExportRequest r) {
        return new java.time.LocalDate[]{r.from().atZone(r.zone()).toLocalDate(), r.to().minusMillis(1).atZone(r.zone()).toLocalDate()};
    }

    private Headline payoutsHeadline(ExportRequest r, List<AgentPeriodTotal> totals) {
        java.math.BigDecimal sum = totals.stream().map(AgentPeriodTotal::total).reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add);
        String currency = totals.isEmpty() ? "" : " " + totals.get(0).currency();
        return new Headline(title(r.report()), period(r), List.of(
                new Headline.Figure("agents", "Agents", totals.stream().map(AgentPeriodTotal::agent).distinct().count(),
                        Long.toString(totals.stream().map(AgentPeriodTotal::agent).distinct().count())),
                new Headline.Figure("agentDays", "Agent-days", (long) totals.size(), Integer.toString(totals.size())),
                new Headline.Figure("payoutTotal", "Total", sum, sum.toPlainString() + currency)));
    }

    Headline headlineOf(ExportRequest r) {
        return switch (r.report()) {
            case AGENTS -> {
                AgentReport report = agentReports.agents(r.agentReport());
                yield Headlines.ofAgents(title(r.report()), period(r), report.rows().size(), report.total());
            }
            case CALLS -> {
                CallListRequest q = r.callList();
                yield Headlines.ofCount(title(r.report()), period(r), "calls", "Calls",
                        callLists.page(new CallListRequest(q.tenant(), q.from(), q.to(), q.zone(), q.queues(), q.agents(),
                                q.outcomes(), q.caller(), 0, 1, q.sort(), q.descending())).total());
            }
            case CDR -> Headlines.ofCount(title(r.report()), period(r), "cdrs", "CDRs", cdrs.count(r.cdrQuery()));
            case PAYOUTS -> payoutsHeadline(r, payoutTotals(r));
            default -> Headlines.ofSummary(title(r.report()), period(r), summaries.summary(perQueue(r.range())).total().figures());
        };
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static SummaryRequest perQueue(SummaryRequest r) {
        return new SummaryRequest(r.tenant(), r.from(), r.to(), r.zone(), r.queues(), GroupBy.QUEUE, null);
    }

    private String tenantName(ExportRequest r) {
        return tenants.find(r.tenant()).map(Tenant::getName).orElse(r.tenant());
    }

    static String title(ReportName name) {
        return switch (name) {
            case SUMMARY -> "Summary";
            case INTERVALS -> "Intervals";
            case ANSWERED -> "Answered calls";
            case UNANSWERED -> "Unanswered calls";
            case AGENTS -> "Agents";
            case QUEUES -> "Queues";
            case CALLS -> "Calls";
            case CDR -> "CDR search";
            case PAYOUTS -> "Payouts";
        };
    }

    static String period(ExportRequest r) {
        return Headlines.period(r.from(), r.to(), r.zone());
    }

    private static List<String> summaryFilters(SummaryRequest r) {
        List<String> f = new ArrayList<>();
        f.add("Queues: " + queues(r.queues()));
        f.add("Rows: " + (r.groupBy() == GroupBy.INTERVAL ? "per " + r.interval() : "per queue"));
        return f;
    }

    private static String queues(List<String> queues) {
        return queues.isEmpty() ? "all" : String.join(", ", queues);
    }

    private static void add(List<String> filters, String label, String value) {
        if (value != null) {
            filters.add(label + ": " + value);
        }
    }

    private static String label(SummaryRow row, boolean perInterval, ExportRequest r) {
        return perInterval ? Headlines.shortTime(row.start().toInstant(), r.zone()) : row.queue();
    }

    private static Map<String, List<Number>> series(List<SummaryRow> rows, Map<String, Function<QueueFigures, Number>> of) {
        Map<String, List<Number>> s = new LinkedHashMap<>();
        for (String name : List.of("Offered", "Answered", "Abandoned")) {
            Function<QueueFigures, Number> f = of.get(name);
            s.put(name, cap(rows.stream().map(row -> f.apply(row.figures())).toList()));
        }
        return s;
    }

    private static ChartSpec waitChart(String title, List<WaitBand> waits) {
        Map<String, List<Number>> s = new LinkedHashMap<>();
        s.put("Calls", waits.stream().map(b -> (Number) b.count()).toList());
        return new ChartSpec(title, ChartSpec.Kind.BAR, "calls", waits.stream().map(WaitBand::label).toList(), s);
    }

    private static <T> List<T> cap(List<T> values) {
        return values.size() <= MAX_CHART_POINTS ? values : values.subList(0, MAX_CHART_POINTS);
    }

}
