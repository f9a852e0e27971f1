package io.queuelens.alerts.control;

import io.queuelens.kpi.control.KpiSettingsHistory;
import io.queuelens.kpi.entity.QueueTotals;
import io.queuelens.reports.control.QueueRollupReader;
import io.queuelens.rollups.entity.QueueBucket;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The queue totals of a period of whole 15-minute buckets, from the rollups, the way the reports sum them. */
public final class IntervalTotals {

    private IntervalTotals() {
    }

    /** Totals per queue over [from, to) (bucket starts). */
    public static Map<String, QueueTotals> read(Connection c, KpiSettingsHistory history, String tenantId, Instant from,
                                                Instant to) throws SQLException {
        Map<String, QueueTotals> totals = new HashMap<>();
        new QueueRollupReader(history).scanInAnyOrder(c, tenantId, from, to, List.of(),
                b -> totals.merge(b.queue(), b.totals(), QueueTotals::plus));
        return totals;
    }

    /** Totals per bucket start and queue over [from, to), for a replay. */
    public static TreeMap<Instant, Map<String, QueueTotals>> perBucket(Connection c, KpiSettingsHistory history, String tenantId,
                                                                       Instant from, Instant to) throws SQLException {
        TreeMap<Instant, Map<String, QueueTotals>> out = new TreeMap<>();
        new QueueRollupReader(history).scanInAnyOrder(c, tenantId, from, to, List.of(),
                (QueueBucket b) -> out.computeIfAbsent(b.start(), k -> new HashMap<>()).merge(b.queue(), b.totals(), QueueTotals::plus));
        return out;
    }
}
