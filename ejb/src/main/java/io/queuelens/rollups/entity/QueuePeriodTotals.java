package io.queuelens.rollups.entity;

import io.queuelens.kpi.entity.QueueTotals;

import java.util.Set;

/**
 * The sum of the queue buckets of one report period, with every settings version those buckets were
 * counted with (more than one when settings changed inside the period: the report says so).
 */
public record QueuePeriodTotals(ReportPeriod period, QueueTotals totals, Set<String> settingsVersions) {

    public QueuePeriodTotals {
        settingsVersions = Set.copyOf(settingsVersions);
    }
}
