package io.queuelens.reports.entity;

import io.queuelens.kpi.entity.KpiSettings;

import java.util.List;

/**
 * The agent report: agent figures (KPI.md) per agent or per period and their total, from the
 * 15-minute agent rollups.
 *
 * @param request  what was asked, echoed
 * @param rows     per agent (sorted by name) or per period (in time order, every period present)
 * @param total    every selected bucket summed: not a sum of the rows' percentages
 * @param settings the settings the figures were computed with (the tenant's defaults in force at the
 *                 end of the range: which pause reasons are billable)
 * @param notes    what a reader of the figures should know
 */
public record AgentReport(AgentReportRequest request, List<AgentReportRow> rows, AgentReportRow total,
                          KpiSettings settings, List<String> notes) {

    public AgentReport {
        rows = List.copyOf(rows);
        notes = List.copyOf(notes);
    }
}
