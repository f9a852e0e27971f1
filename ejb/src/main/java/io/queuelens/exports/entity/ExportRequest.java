package io.queuelens.exports.entity;

import io.queuelens.cdrs.entity.CdrQuery;
import io.queuelens.reports.entity.AgentReportRequest;
import io.queuelens.reports.entity.CallListRequest;
import io.queuelens.reports.entity.SummaryRequest;
import io.queuelens.reports.entity.WaitBuckets;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One report to export, with the validated request of the report it comes from: the same request
 * types the REST reports take, so an export selects exactly what the page and the JSON show. A
 * scheduled export keeps one of these (or the query string it was parsed from) with its owner.
 *
 * @param report      which report
 * @param range       the summary request (tenant, range, zone, queues, grouping): every report but
 *                    {@code calls} has one
 * @param agents      answered: the agents to list (empty = all); otherwise empty
 * @param agentReport agents: the agent report request
 * @param callList    calls: the call list request (its page and size are ignored: every row is written)
 * @param cdrQuery    cdr: the CDR query (offset and limit ignored)
 * @param buckets     answered, unanswered: the wait bands (null = WaitBuckets.DEFAULT)
 */
public record ExportRequest(ReportName report, SummaryRequest range, List<String> agents,
                            AgentReportRequest agentReport, CallListRequest callList, CdrQuery cdrQuery,
                            WaitBuckets buckets) {

    public ExportRequest {
        buckets = buckets == null ? WaitBuckets.parse(WaitBuckets.DEFAULT, WaitBuckets.PARAMETER) : buckets;
        Objects.requireNonNull(report, "report");
        agents = agents == null ? List.of() : List.copyOf(agents);
        switch (report) {
            case AGENTS -> Objects.requireNonNull(agentReport, "agents needs an agent report request");
            case CALLS -> Objects.requireNonNull(callList, "calls needs a call list request");
            case CDR -> {
                Objects.requireNonNull(cdrQuery, "cdr needs a CDR query");
                Objects.requireNonNull(range, "cdr needs its range");
            }
            default -> Objects.requireNonNull(range, report.apiName() + " needs a summary request");
        }
    }

    public static ExportRequest ofSummary(ReportName report, SummaryRequest range, List<String> agents) {
        return ofSummary(report, range, agents, null);
    }

    public static ExportRequest ofSummary(ReportName report, SummaryRequest range, List<String> agents, WaitBuckets buckets) {
        return new ExportRequest(report, range, agents, null, null, null, buckets);
    }

    public static ExportRequest ofAgents(AgentReportRequest r) {
        return new ExportRequest(ReportName.AGENTS, null, List.of(), r, null, null, null);
    }

    public static ExportRequest ofCalls(CallListRequest r) {
        return new ExportRequest(ReportName.CALLS, null, List.of(), null, r, null, null);
    }

    public static ExportRequest ofCdr(SummaryRequest range, CdrQuery q) {
        return new ExportRequest(ReportName.CDR, range, List.of(), null, null, q, null);
    }

    public String tenant() {
        return switch (report) {
            case AGENTS -> agentReport.tenant();
            case CALLS -> callList.tenant();
            default -> range.tenant();
        };
    }

    public ZoneId zone() {
        return switch (report) {
            case AGENTS -> agentReport.zone();
            case CALLS -> callList.zone();
            default -> range.zone();
        };
    }

    public Instant from() {
        return switch (report) {
            case AGENTS -> agentReport.from();
            case CALLS -> callList.from();
            default -> range.from();
        };
    }

    public Instant to() {
        return switch (report) {
            case AGENTS -> agentReport.to();
            case CALLS -> callList.to();
            default -> range.to();
        };
    }

    /** The queues asked for (empty = every queue the caller sees). */
    public List<String> queues() {
        return switch (report) {
            case AGENTS -> agentReport.queues();
            case CALLS -> callList.queues();
            case CDR -> cdrQuery.queue() == null ? List.of() : List.of(cdrQuery.queue());
            default -> range.queues();
        };
    }

    /**
     * The same request limited to what a caller may see: {@code effectiveQueues} replaces an empty
     * queue list by the caller's visible queues (identity's rule), {@code queueLimit} is the caller's
     * limit for the CDR search (empty = every queue).
     */
    public ExportRequest scopedTo(List<String> effectiveQueues, Set<String> queueLimit) {
        return switch (report) {
            case AGENTS -> ofAgents(new AgentReportRequest(agentReport.tenant(), agentReport.from(), agentReport.to(),
                    agentReport.zone(), agentReport.agents(), effectiveQueues, agentReport.groupBy(), agentReport.interval()));
            case CALLS -> ofCalls(new CallListRequest(callList.tenant(), callList.from(), callList.to(), callList.zone(),
                    effectiveQueues, callList.agents(), callList.outcomes(), callList.caller(), 0, callList.size(),
                    callList.sort(), callList.descending()));
            case CDR -> ofCdr(range, cdrQuery.limitedTo(queueLimit));
            default -> ofSummary(report, new SummaryRequest(range.tenant(), range.from(), range.to(), range.zone(),
                    effectiveQueues, range.groupBy(), range.interval()), agents, buckets);
        };
    }
}
