package io.queuelens.reports.control;

import io.queuelens.kpi.control.KpiCalculator;
import io.queuelens.kpi.entity.AgentTotals;
import io.queuelens.kpi.entity.KpiSettings;
import io.queuelens.reports.entity.AgentGroupBy;
import io.queuelens.reports.entity.AgentReport;
import io.queuelens.reports.entity.AgentReportRequest;
import io.queuelens.reports.entity.AgentReportRow;
import io.queuelens.rollups.control.Periods;
import io.queuelens.rollups.entity.AgentBucket;
import io.queuelens.rollups.entity.ReportPeriod;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Sums streamed agent buckets into an agent report's rows and total in one pass, holding one running
 * sum per row. Rows per period include every period of the range (zero where nobody worked); rows
 * per agent include every requested agent, and otherwise every agent with a bucket in the range.
 * Figures come only from {@link KpiCalculator#agentFigures}.
 */
public final class AgentReportAccumulator implements Consumer<AgentBucket> {

    private final AgentReportRequest request;
    private final KpiSettings settings;
    private final Periods periods;
    private final AgentTotals[] periodSums;
    /** Agent identity -> its sums. */
    private final Map<String, AgentTotals> agentSums = new java.util.HashMap<>();
    /** Agent identity -> its system names met; the row is shown under the first in order. */
    private final Map<String, java.util.TreeSet<String>> rowKeys = new java.util.HashMap<>();
    private final java.util.function.UnaryOperator<String> identity;
    private AgentTotals total = AgentTotals.ZERO;

    public AgentReportAccumulator(AgentReportRequest request, KpiSettings settings) {
        this(request, settings, java.util.function.UnaryOperator.identity());
    }

    /**
     * @param identity which agent a system name belongs to (names.NameBook#agentIdentity): the rows of
     *                 system names of one agent ({@code Agent/1001} and the member name) are merged
     */
    public AgentReportAccumulator(AgentReportRequest request, KpiSettings settings,
                                  java.util.function.UnaryOperator<String> identity) {
        this.request = request;
        this.settings = settings;
        this.identity = identity;
        if (request.groupBy() == AgentGroupBy.INTERVAL) {
            periods = Periods.of(request.from(), request.to(), request.zone(), request.interval());
            periodSums = new AgentTotals[periods.size()];
            Arrays.fill(periodSums, AgentTotals.ZERO);
        } else {
            periods = null;
            periodSums = new AgentTotals[0];
            request.agents().forEach(a -> agentSums.putIfAbsent(rowKey(a), AgentTotals.ZERO));
        }
    }

    /** Adds a bucket of the request's range; one outside it is a reader bug, not data to drop silently. */
    @Override
    public void accept(AgentBucket b) {
        if (b.start().isBefore(request.from()) || !b.start().isBefore(request.to())) {
            throw new IllegalArgumentException("bucket of " + b.agent() + " at " + b.start()
                    + " lies outside the report range " + request.from() + " .. " + request.to());
        }
        total = total.plus(b.totals());
        if (periods != null) {
            int i = periods.indexOf(b.start());
            periodSums[i] = periodSums[i].plus(b.totals());
        } else {
            agentSums.merge(rowKey(b.agent()), b.totals(), AgentTotals::plus);
        }
    }

    private String rowKey(String agent) {
        String id = identity.apply(agent);
        String key = id == null ? "key:" + agent : id;
        rowKeys.computeIfAbsent(key, x -> new java.util.TreeSet<>()).add(agent);
        return key;
    }

    public AgentReport finish(List<String> notes) {
        List<AgentReportRow> rows = new ArrayList<>();
        if (periods != null) {
            for (int i = 0; i < periodSums.length; i++) {
                ReportPeriod p = periods.get(i);
                rows.add(row(null, OffsetDateTime.of(p.label(), p.offset()), periodSums[i]));
            }
        } else {
            Map<String, AgentTotals> byRowKey = new TreeMap<>();
            agentSums.forEach((id, sum) -> byRowKey.put(rowKeys.get(id).first(), sum));
            byRowKey.forEach((agent, sum) -> rows.add(row(agent, null, sum)));
        }
        return new AgentReport(request, rows, row(null, null, total), settings, notes);
    }

    private AgentReportRow row(String agent, OffsetDateTime start, AgentTotals t) {
        return new AgentReportRow(agent, start, KpiCalculator.agentFigures(t, settings), t);
    }
}
