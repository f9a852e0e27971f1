package io.queuelens.reports.entity;

import io.queuelens.kpi.entity.QueueFigures;
import io.queuelens.kpi.entity.QueueTotals;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One line of a summary: a queue over the whole range, a period over the selected queues, or the
 * total (neither queue nor start).
 *
 * @param queue            the queue, for {@code groupBy=QUEUE} rows; else null
 * @param start            the period's local start with its offset (e.g. {@code 2026-10-25T02:00+01:00}, the
 *                         second 02:00 of a fall-back night), for {@code groupBy=INTERVAL} rows; else null
 * @param figures          every KPI.md queue figure, computed by {@code KpiCalculator} from {@code totals}
 * @param totals           the summed additive totals the figures come from (for exports and checks)
 * @param settingsVersions the settings versions of the buckets summed here, sorted; empty when no data
 */
public record SummaryRow(String queue, OffsetDateTime start, QueueFigures figures, QueueTotals totals,
                         List<String> settingsVersions) {

    public SummaryRow {
        settingsVersions = List.copyOf(settingsVersions);
    }
}
