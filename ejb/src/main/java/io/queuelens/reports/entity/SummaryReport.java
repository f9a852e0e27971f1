package io.queuelens.reports.entity;

import java.util.List;

/**
 * The summary report: queue figures (KPI.md) per queue or per period, their total, and the settings
 * they were computed with, from the 15-minute rollups.
 *
 * @param request  what was asked, echoed
 * @param rows     per queue (sorted by name) or per period (in time order, every period present)
 * @param total    every selected bucket of the range summed: not a sum of the rows' percentages
 * @param settings each settings version used, with its formulas; unknown versions flagged
 * @param notes    what a reader of the figures should know (e.g. a row mixing service-level modes)
 */
public record SummaryReport(SummaryRequest request, List<SummaryRow> rows, SummaryRow total,
                            List<SettingsUsed> settings, List<String> notes) {

    public SummaryReport {
        rows = List.copyOf(rows);
        settings = List.copyOf(settings);
        notes = List.copyOf(notes);
    }
}
