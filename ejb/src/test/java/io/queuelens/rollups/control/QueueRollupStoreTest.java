package io.queuelens.rollups.control;

import io.queuelens.schema.control.UtcColumns;
import io.queuelens.calls.entity.Outcome;
import io.queuelens.calls.entity.QueueVisit;
import io.queuelens.kpi.control.KpiSettingsHistory;
import io.queuelens.kpi.entity.KpiSettings;
import io.queuelens.kpi.entity.QueueTotals;
import io.queuelens.rollups.RandomVisits;
import io.queuelens.rollups.TestVisits;
import io.queuelens.rollups.entity.Buckets;
import io.queuelens.rollups.entity.QueueBucket;
import io.queuelens.rollups.entity.RatedVisit;
import io.queuelens.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.queuelens.rollups.TestVisits.answered;
import static io.queuelens.rollups.TestVisits.unanswered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rollup writer on both databases the product runs on. */
class QueueRollupStoreTest {

    private final QueueRollupStore store = new QueueRollupStore();

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void upsertWritesEveryTotalsColumnAndReadsBackEqual(String kind) throws Exception {
        List<QueueBucket> buckets = randomBuckets(7);
        try (TestDatabases.Db db = TestDatabases.open(kind); Connection c = db.dataSource().getConnection()) {
            assertThat(store.upsert(c, buckets)).isEqualTo(buckets.size());

            Map<String, Row> rows = rows(c, TestVisits.TENANT);
            assertThat(rows).hasSize(buckets.size());
            for (QueueBucket b : buckets) {
                Row r = rows.get(b.queue() + "|" + b.start());
                assertThat(r).as(b.key()).isNotNull();
                assertThat(r.totals()).as(b.key()).isEqualTo(b.totals());
                assertThat(r.version()).isEqualTo(b.settingsVersion());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void bucketStartIsStoredAsItsUtcWallTime(String kind) throws Exception {
        QueueBucket b = bucketOf(answered("c1", 1, "sales", "+491", "2026-10-25T00:47:12Z", 12, 60, 0, "A1", false));
        try (TestDatabases.Db db = TestDatabases.open(kind); Connection c = db.dataSource().getConnection()) {
            store.upsert(c, List.of(b));
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT bucket_start FROM rollup_queue_15m")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getObject(1, LocalDateTime.class)).isEqualTo(LocalDateTime.parse("2026-10-25T00:45"));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void upsertReplacesTheRowInsteadOfAddingToIt(String kind) throws Exception {
        QueueVisit first = answered("c1", 1, "sales", "+491", "2026-11-20T09:01:00Z", 12, 60, 0, "A1", false);
        QueueVisit second = unanswered("c2", 1, "sales", "+492", "2026-11-20T09:05:00Z", Outcome.ABANDONED, 40);
        QueueBucket one = bucketOf(first);
        QueueBucket two = one.add(RatedVisit.of(second));
        KpiSettings t1 = KpiSettings.builder().tenantVersion(1).build();
        QueueBucket recounted = new QueueBucket(two.tenantId(), two.queue(), two.start(), t1, two.totals());
        try (TestDatabases.Db db = TestDatabases.open(kind); Connection c = db.dataSource().getConnection()) {
            store.upsert(c, List.of(one));
            store.upsert(c, List.of(two));
            store.upsert(c, List.of(two)); // a replayed batch must not double anything
            assertThat(rows(c, TestVisits.TENANT).values()).singleElement()
                    .satisfies(r -> assertThat(r.totals()).isEqualTo(two.totals()));

            store.upsert(c, List.of(recounted));
            assertThat(rows(c, TestVisits.TENANT).values()).singleElement()
                    .satisfies(r -> assertThat(r.version()).isEqualTo("t1"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void batchesLargerThanOneRoundTripAreWrittenCompletely(String kind) throws Exception {
        QueueBucket template = bucketOf(answered("c1", 1, "sales", "+491", "2026-01-01T00:00:00Z", 3, 30, 0, "A1", false));
        List<QueueBucket> many = new ArrayList<>();
        for (int i = 0; i < 2345; i++) {
            many.add(new QueueBucket(template.tenantId(), "q" + (i % 3), template.start().plus(Buckets.WIDTH.multipliedBy(i / 3)),
                    template.settings(), template.totals()));
        }
        try (TestDatabases.Db db = TestDatabases.open(kind); Connection c = db.dataSource().getConnection()) {
            store.upsert(c, many);
            assertThat(rows(c, TestVisits.TENANT)).hasSize(2345);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void deleteRemovesExactlyTheGivenBucketsAndDeleteRangeOneTenantsHalfOpenRange(String kind) throws Exception {
        QueueBucket template = bucketOf(answered("c1", 1, "sales", "+491", "2026-11-20T08:00:00Z", 3, 30, 0, "A1", false));
        List<QueueBucket> acme = new ArrayList<>();
        List<QueueBucket> other = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Instant start = template.start().plus(Buckets.WIDTH.multipliedBy(i));
            acme.add(new QueueBucket("acme", "sales", start, template.settings(), template.totals()));
            other.add(new QueueBucket("other", "sales", start, template.settings(), template.totals()));
        }
        try (TestDatabases.Db db = TestDatabases.open(kind); Connection c = db.dataSource().getConnection()) {
            store.upsert(c, acme);
            store.upsert(c, other);

            store.delete(c, List.of(acme.get(0), acme.get(7)));
            assertThat(rows(c, "acme").keySet()).doesNotContain("sales|" + acme.get(0).start(), "sales|" + acme.get(7).start())
                    .hasSize(6);

            // [08:30, 09:15) holds buckets 2, 3 and 4; 09:15 itself stays
            int deleted = store.deleteRange(c, "acme", Instant.parse("2026-11-20T08:30:00Z"), Instant.parse("2026-11-20T09:15:00Z"));
            assertThat(deleted).isEqualTo(3);
            assertThat(rows(c, "acme").keySet()).containsExactlyInAnyOrder("sales|" + acme.get(1).start(),
                    "sales|" + acme.get(5).start(), "sales|" + acme.get(6).start());
            assertThat(rows(c, "other")).hasSize(8);
        }
    }

    @Test
    void aBucketWhoseMaxWaitIsOnlyAnUpperBoundIsRefused() throws Exception {
        QueueVisit longWait = unanswered("c1", 1, "sales", "+491", "2026-11-20T09:01:00Z", Outcome.TIMEOUT, 300);
        QueueVisit shortWait = unanswered("c2", 1, "sales", "+492", "2026-11-20T09:02:00Z", Outcome.TIMEOUT, 10);
        QueueBucket inexact = bucketOf(longWait).add(RatedVisit.of(shortWait)).subtract(RatedVisit.of(longWait));
        assertThat(inexact.maxWaitExact()).isFalse();
        try (TestDatabases.Db db = TestDatabases.open("h2"); Connection c = db.dataSource().getConnection()) {
            assertThatThrownBy(() -> store.upsert(c, List.of(inexact)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inexact maxWait");
            assertThat(rows(c, TestVisits.TENANT)).isEmpty();
        }
    }

    private static QueueBucket bucketOf(QueueVisit v) {
        RatedVisit rv = RatedVisit.of(v);
        return QueueBucket.emptyFor(rv, KpiSettings.DEFAULTS).add(rv);
    }

    /** Real buckets with every counter in use: random visits through the in-memory rollups. */
    static List<QueueBucket> randomBuckets(long seed) {
        QueueRollups rollups = new QueueRollups(KpiSettingsHistory.defaultsOnly());
        Random r = new Random(seed);
        for (QueueVisit v : RandomVisits.generate(r, 300, Instant.parse("2026-11-20T00:00:00Z"), 2)) {
            rollups.upsert(v, v.answered() ? r.nextInt(60) : 0);
        }
        return rollups.buckets();
    }

    record Row(String version, QueueTotals totals) {
    }

    private static Map<String, Row> rows(Connection c, String tenant) throws SQLException {
        Map<String, Row> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT queue, bucket_start, settings_version, "
                + QueueRollupStore.TOTALS_COLUMNS + " FROM rollup_queue_15m WHERE tenant_id = ?")) {
            ps.setString(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant start = UtcColumns.instant(rs.getObject(2, LocalDateTime.class));
                    out.put(rs.getString(1) + "|" + start, new Row(rs.getString(3), QueueRollupStore.readTotals(rs, 4)));
                }
            }
        }
        return out;
    }
}
