package io.queuelens.reports;

import io.queuelens.calls.entity.QueueVisit;
import io.queuelens.kpi.control.KpiSettingsHistory;
import io.queuelens.kpi.entity.QueueTotals;
import io.queuelens.rollups.control.QueueRollupStore;
import io.queuelens.rollups.control.QueueRollups;
import io.queuelens.rollups.entity.QueueBucket;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

/** Visits to buckets to rows, the way ingestion will: in-memory rollups, then the production writer. */
public final class RollupFixtures {

    private RollupFixtures() {
    }

    public static List<QueueBucket> bucketsOf(Collection<QueueVisit> visits, KpiSettingsHistory history) {
        QueueRollups rollups = new QueueRollups(history);
        visits.forEach(rollups::upsert);
        return rollups.buckets();
    }

    public static void write(DataSource ds, Collection<QueueBucket> buckets) throws SQLException {
        try (Connection c = ds.getConnection()) {
            new QueueRollupStore().upsert(c, buckets);
        }
    }

    /** The same buckets under another tenant, to prove reports never mix tenants. */
    public static List<QueueBucket> asTenant(String tenant, Collection<QueueBucket> buckets) {
        return buckets.stream().map(b -> new QueueBucket(tenant, b.queue(), b.start(), b.settings(), b.totals())).toList();
    }

    /** The sum of the buckets in [from, to) that match. */
    public static QueueTotals sum(Collection<QueueBucket> buckets, Instant from, Instant to, Predicate<QueueBucket> which) {
        return buckets.stream().filter(b -> !b.start().isBefore(from) && b.start().isBefore(to)).filter(which)
                .map(QueueBucket::totals).reduce(QueueTotals.ZERO, QueueTotals::plus);
    }
}
