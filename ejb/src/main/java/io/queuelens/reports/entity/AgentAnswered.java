package io.queuelens.reports.entity;

import io.queuelens.kpi.entity.QueueFigures;
import io.queuelens.kpi.entity.QueueTotals;

import java.io.Serializable;

/**
 * The visits one agent answered in a range, as queue totals of those visits only (offered =
 * answered), and the figures {@code KpiCalculator} computes from them: asa, avgTalk, aht.
 */
public record AgentAnswered(String agent, QueueTotals totals, QueueFigures figures) implements Serializable {
}
