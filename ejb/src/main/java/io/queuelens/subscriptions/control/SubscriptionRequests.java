package io.queuelens.subscriptions.control;

import io.queuelens.cdrs.entity.CdrQuery;
import io.queuelens.cdrs.entity.CdrSort;
import io.queuelens.exports.entity.ExportRequest;
import io.queuelens.reports.entity.AgentGroupBy;
import io.queuelens.reports.entity.AgentReportRequest;
import io.queuelens.reports.entity.CallListRequest;
import io.queuelens.reports.entity.CallSort;
import io.queuelens.reports.entity.GroupBy;
import io.queuelens.reports.entity.SummaryRequest;
import io.queuelens.rollups.entity.PeriodUnit;
import io.queuelens.subscriptions.entity.Subscription;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * A subscription's stored filters and a run's period as the {@link ExportRequest} the download buttons
 * would send for the same report: the pages' defaults (per queue, per hour for intervals, per day for
 * queues, per agent, calls by entry time). Pure.
 */
public final class SubscriptionRequests {

    private SubscriptionRequests() {
    }

    /**
     * @throws io.queuelens.reports.entity.InvalidReportRequest when the stored filters no longer make a
     *         valid request (e.g. a period longer than a report allows)
     */
    public static ExportRequest of(Subscription s, Instant from, Instant to, ZoneId zone) {
        String t = s.tenant();
        return switch (s.report()) {
            case SUMMARY -> ExportRequest.ofSummary(s.report(), new SummaryRequest(t, from, to, zone, s.queues(), GroupBy.QUEUE, null), List.of());
            case INTERVALS -> ExportRequest.ofSummary(s.report(), new SummaryRequest(t, from, to, zone, s.queues(), GroupBy.INTERVAL,
                    PeriodUnit.PT1H), List.of());
            case QUEUES -> ExportRequest.ofSummary(s.report(), new SummaryRequest(t, from, to, zone, s.queues(), GroupBy.INTERVAL,
                    PeriodUnit.P1D), List.of());
            case ANSWERED -> ExportRequest.ofSummary(s.report(), new SummaryRequest(t, from, to, zone, s.queues(), GroupBy.QUEUE, null),
                    s.agents());
            case UNANSWERED -> ExportRequest.ofSummary(s.report(), new SummaryRequest(t, from, to, zone, s.queues(), GroupBy.QUEUE,
                    null), List.of());
            case AGENTS -> ExportRequest.ofAgents(new AgentReportRequest(t, from, to, zone, s.agents(), s.queues(), AgentGroupBy.AGENT,
                    null));
            case CALLS -> ExportRequest.ofCalls(new CallListRequest(t, from, to, zone, s.queues(), s.agents(), Set.of(), null, 0,
                    CallListRequest.MAX_SIZE, CallSort.ENTERED_AT, false));
            case PAYOUTS -> ExportRequest.ofSummary(s.report(), new SummaryRequest(t, from, to, zone, List.of(), GroupBy.QUEUE, null),
                    List.of());
            case CDR -> {
                SummaryRequest range = new SummaryRequest(t, from, to, zone, List.of(), GroupBy.QUEUE, null);
                yield ExportRequest.ofCdr(range, new CdrQuery(t, from, to, null, null, null,
                        s.queues().isEmpty() ? null : s.queues().get(0), s.agents().isEmpty() ? null : s.agents().get(0),
                        CdrSort.CALLDATE, false, 0, 1));
            }
        };
    }
}
