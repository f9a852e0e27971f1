package io.queuelens.reports.entity;

import io.queuelens.kpi.entity.AgentFigures;
import io.queuelens.kpi.entity.AgentTotals;

import java.time.OffsetDateTime;

/**
 * One line of an agent report: an agent over the whole range, a period over the selected agents, or
 * the total (neither agent nor start).
 *
 * @param agent   the agent, for {@code groupBy=AGENT} rows; else null
 * @param start   the period's local start with its offset, for {@code groupBy=INTERVAL} rows; else null
 * @param figures every KPI.md agent figure, computed by {@code KpiCalculator} from {@code totals}
 * @param totals  the summed additive totals the figures come from
 */
public record AgentReportRow(String agent, OffsetDateTime start, AgentFigures figures, AgentTotals totals) {
}
