package io.queuelens.reports.control;

import io.queuelens.kpi.control.KpiCalculator;
import io.queuelens.kpi.entity.KpiSettings;
import io.queuelens.kpi.entity.QueueTotals;
import io.queuelens.kpi.entity.SlaMode;
import io.queuelens.reports.entity.SummaryRow;
import io.queuelens.rollups.entity.QueueBucket;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * The running sum of one report row. Counters were decided per bucket when it was counted; only the
 * service level's denominator (slaMode) is chosen here, from the row's latest bucket: the settings
 * the row's most recent data was counted with. A row whose buckets disagree on slaMode is flagged.
 */
final class RowSum {

    /** Latest start wins; among buckets of the same start the queue name decides, so the choice is stable. */
    private static final Comparator<QueueBucket> RECENCY =
            Comparator.comparing(QueueBucket::start).thenComparing(QueueBucket::queue);

    private QueueTotals totals = QueueTotals.ZERO;
    private final Set<String> versions = new TreeSet<>();
    private final Set<SlaMode> slaModes = EnumSet.noneOf(SlaMode.class);
    private QueueBucket latest;

    void add(QueueBucket b) {
        totals = totals.plus(b.totals());
        versions.add(b.settingsVersion());
        slaModes.add(b.settings().slaMode());
        if (latest == null || RECENCY.compare(b, latest) > 0) {
            latest = b;
        }
    }

    /**
     * The settings the row is divided with. A row without buckets has offered 0, so every ratio is
     * null whatever the settings; the defaults are as good as any there.
     */
    KpiSettings divisionSettings() {
        return latest == null ? KpiSettings.DEFAULTS : latest.settings();
    }

    boolean mixesSlaModes() {
        return slaModes.size() > 1;
    }

    Set<SlaMode> slaModes() {
        return slaModes;
    }

    Set<String> versions() {
        return versions;
    }

    SummaryRow toRow(String queue, OffsetDateTime start) {
        return new SummaryRow(queue, start, KpiCalculator.queueFigures(totals, divisionSettings()), totals,
                new ArrayList<>(versions));
    }
}
