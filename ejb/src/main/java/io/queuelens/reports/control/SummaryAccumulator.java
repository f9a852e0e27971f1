package io.queuelens.reports.control;

import io.queuelens.reports.entity.GroupBy;
import io.queuelens.reports.entity.SummaryReport;
import io.queuelens.reports.entity.SummaryRequest;
import io.queuelens.reports.entity.SummaryRow;
import io.queuelens.reports.entity.UnknownSettingsVersion;
import io.queuelens.rollups.control.Periods;
import io.queuelens.rollups.entity.QueueBucket;
import io.queuelens.rollups.entity.ReportPeriod;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Sums streamed buckets into a summary's rows and total in one pass, holding one running sum per
 * row (queues or periods), never the buckets. Rows per period include every period of the range,
 * with zero totals where there was no traffic; rows per queue include every requested queue, and
 * with "all queues" every queue that has a bucket in the range.
 */
public final class SummaryAccumulator implements Consumer<QueueBucket> {

    private final SummaryRequest request;
    private final Periods periods;
    private final RowSum[] periodSums;
    private final Map<String, RowSum> queueSums = new TreeMap<>();
    private final RowSum total = new RowSum();
    private final SettingsTally settings = new SettingsTally();

    public SummaryAccumulator(SummaryRequest request) {
        this.request = request;
        if (request.groupBy() == GroupBy.INTERVAL) {
            periods = Periods.of(request.from(), request.to(), request.zone(), request.interval());
            periodSums = new RowSum[periods.size()];
            for (int i = 0; i < periodSums.length; i++) {
                periodSums[i] = new RowSum();
            }
        } else {
            periods = null;
            periodSums = new RowSum[0];
            request.queues().forEach(q -> queueSums.put(q, new RowSum()));
        }
    }

    /** Adds a bucket of the request's range; one outside it is a reader bug, not data to drop silently. */
    @Override
    public void accept(QueueBucket b) {
        if (b.start().isBefore(request.from()) || !b.start().isBefore(request.to())) {
            throw new IllegalArgumentException("bucket " + b.key() + " lies outside the report range "
                    + request.from() + " .. " + request.to());
        }
        total.add(b);
        settings.add(b);
        if (periods != null) {
            periodSums[periods.indexOf(b.start())].add(b);
        } else {
            queueSums.computeIfAbsent(b.queue(), q -> new RowSum()).add(b);
        }
    }

    /** The report; {@code unknown} comes from {@link QueueRollupReader#scan}. */
    public SummaryReport finish(List<UnknownSettingsVersion> unknown) {
        List<SummaryRow> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (periods != null) {
            for (int i = 0; i < periodSums.length; i++) {
                ReportPeriod p = periods.get(i);
                OffsetDateTime start = OffsetDateTime.of(p.label(), p.offset());
                rows.add(periodSums[i].toRow(null, start));
                noteMixedSlaModes(start.toString(), periodSums[i], notes);
            }
        } else {
            queueSums.forEach((queue, sum) -> {
                rows.add(sum.toRow(queue, null));
                noteMixedSlaModes("queue " + queue, sum, notes);
            });
        }
        noteMixedSlaModes("the total", total, notes);
        for (UnknownSettingsVersion u : unknown) {
            notes.add(u.buckets() + " bucket(s) of queue " + u.queue() + " from " + u.firstBucket() + " to "
                    + u.lastBucket() + " were counted with settings version '" + u.version() + "', which the settings "
                    + "history does not have in force then; their ratios use the defaults. Rebuild the rollups of "
                    + "that range to count them with the settings in force.");
        }
        return new SummaryReport(request, rows, total.toRow(null, null), settings.settingsUsed(unknown), notes);
    }

    private static void noteMixedSlaModes(String row, RowSum sum, List<String> notes) {
        if (sum.mixesSlaModes()) {
            notes.add("serviceLevel of " + row + " sums buckets counted with slaModes " + sum.slaModes()
                    + " (settings " + sum.versions() + "); it is divided per the most recent, "
                    + sum.divisionSettings().slaMode() + " (" + sum.divisionSettings().version() + ")");
        }
    }
}
