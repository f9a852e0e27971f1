package io.queuelens.rollups.control;

import io.queuelens.kpi.entity.AgentTotals;
import io.queuelens.kpi.entity.QueueTotals;
import io.queuelens.rollups.entity.AgentBucket;
import io.queuelens.rollups.entity.QueueBucket;
import io.queuelens.rollups.entity.QueuePeriodTotals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Sums 15-minute buckets into report periods: every period figure is a sum of buckets (KPI.md, Time).
 * One pass over the buckets, a binary search per bucket to find its period; buckets outside the
 * report range are skipped. Periods without buckets get {@code QueueTotals.ZERO}, so a report shows
 * the quiet hour rather than leaving it out.
 */
public final class PeriodRollup {

    private PeriodRollup() {
    }

    /** All given buckets together (e.g. a queue group's), per period. */
    public static List<QueuePeriodTotals> sumQueues(Periods periods, Iterable<QueueBucket> buckets) {
        QueueTotals[] totals = new QueueTotals[periods.size()];
        Arrays.fill(totals, QueueTotals.ZERO);
        List<Set<String>> versions = new ArrayList<>(periods.size());
        for (int i = 0; i < periods.size(); i++) {
            versions.add(new HashSet<>(2));
        }
        for (QueueBucket b : buckets) {
            int i = periods.indexOf(b.start());
            if (i >= 0) {
                totals[i] = totals[i].plus(b.totals());
                versions.get(i).add(b.settingsVersion());
            }
        }
        List<QueuePeriodTotals> out = new ArrayList<>(periods.size());
        for (int i = 0; i < periods.size(); i++) {
            out.add(new QueuePeriodTotals(periods.get(i), totals[i], versions.get(i)));
        }
        return out;
    }

    /** Per queue (sorted by name), per period. */
    public static Map<String, List<QueuePeriodTotals>> sumByQueue(Periods periods, Iterable<QueueBucket> buckets) {
        Map<String, List<QueueBucket>> byQueue = new TreeMap<>();
        for (QueueBucket b : buckets) {
            byQueue.computeIfAbsent(b.queue(), q -> new ArrayList<>()).add(b);
        }
        Map<String, List<QueuePeriodTotals>> out = new LinkedHashMap<>();
        byQueue.forEach((queue, list) -> out.put(queue, sumQueues(periods, list)));
        return out;
    }

    /** All given agent buckets together (one agent's, or a team's), per period. */
    public static List<AgentTotals> sumAgents(Periods periods, Iterable<AgentBucket> buckets) {
        AgentTotals[] totals = new AgentTotals[periods.size()];
        Arrays.fill(totals, AgentTotals.ZERO);
        for (AgentBucket b : buckets) {
            int i = periods.indexOf(b.start());
            if (i >= 0) {
                totals[i] = totals[i].plus(b.totals());
            }
        }
        return List.of(totals);
    }

    /** The whole range as one total (a summary line). */
    public static QueueTotals total(List<QueuePeriodTotals> periods) {
        QueueTotals sum = QueueTotals.ZERO;
        for (QueuePeriodTotals p : periods) {
            sum = sum.plus(p.totals());
        }
        return sum;
    }
}
