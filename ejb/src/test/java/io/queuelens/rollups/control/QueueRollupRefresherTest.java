package io.queuelens.rollups.control;

import io.queuelens.calls.control.FactBatch;
import io.queuelens.calls.control.FactStore;
import io.queuelens.calls.entity.QueueVisit;
import io.queuelens.kpi.control.KpiSettingsHistory;
import io.queuelens.rollups.RandomVisits;
import io.queuelens.rollups.TestVisits;
import io.queuelens.rollups.entity.BucketKey;
import io.queuelens.rollups.entity.Buckets;
import io.queuelens.rollups.entity.QueueBucket;
import io.queuelens.testsupport.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The refresher's recomputation against the stored facts, on both databases the product runs on. */
class QueueRollupRefresherTest {

    private static final KpiSettingsHistory SETTINGS = KpiSettingsHistory.defaultsOnly();
    private static final Instant BASE = Instant.parse("2026-03-02T00:00:00Z");

    /**
     * A bucket's repeats are those the detector finds among all stored visits, whether the later calls of its callers
     * are looked up by number (a bucket recomputed alone: a few dozen callers) or read as one range (a day of buckets
     * at once: thousands of callers, as a settlement has). 24,000 calls of 8,000 numbers over two days.
     */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void repeatsAreThoseOfAllStoredVisitsWhicheverWayLaterCallsAreRead(String kind) throws Exception {
        List<QueueVisit> generated = RandomVisits.generate(new Random(11), 24_000, BASE, 2);
        try (TestDatabases.Db db = TestDatabases.open(kind); Connection c = db.dataSource().getConnection()) {
            FactBatch batch = new FactBatch();
            generated.forEach(batch::visit);
            new FactStore(TestVisits.TENANT, "demo").write(c, batch, List.of(), "test");
            // read back: the stored times (whole seconds on MariaDB) are what the refresher sees
            List<QueueVisit> stored = FactStore.visitsEnteredBetween(c, TestVisits.TENANT, Instant.EPOCH,
                    Instant.parse("2100-01-01T00:00:00Z"));
            Set<String> repeats = RepeatDetector.repeatsAmong(stored, v -> SETTINGS.getEffective(v.queue(),
                    Buckets.floor(v.enteredAt())));
            Map<BucketKey, Long> expected = new TreeMap<>(BUCKET_ORDER);
            Set<String> answeredCallersOfDayOne = new HashSet<>();
            for (QueueVisit v : stored) {
                if (v.enteredAt().isBefore(BASE.plus(Duration.ofDays(1)))) {
                    expected.merge(BucketKey.of(v.queue(), v.enteredAt()), repeats.contains(v.naturalKey()) ? 1L : 0L, Long::sum);
                    if (v.answered() && v.callerNumber() != null) {
                        answeredCallersOfDayOne.add(v.callerNumber());
                    }
                }
            }
            assertThat(expected.values().stream().mapToLong(Long::longValue).sum()).as("repeats on day one").isGreaterThan(500);
            assertThat(answeredCallersOfDayOne).as("day one is read as a range").hasSizeGreaterThan(QueueRollupRefresher.RANGE_READ_CALLERS);

            QueueRollupRefresher refresher = new QueueRollupRefresher(TestVisits.TENANT, SETTINGS);
            Map<BucketKey, Long> byRange = repeatsOf(refresher.recompute(c, expected.keySet()));
            Map<BucketKey, Long> byNumber = new TreeMap<>(BUCKET_ORDER);
            for (BucketKey k : expected.keySet()) {
                byNumber.putAll(repeatsOf(refresher.recompute(c, Set.of(k))));
            }
            assertThat(byRange).isEqualTo(expected);
            assertThat(byNumber).isEqualTo(expected);
        }
    }

    /**
     * The later calls are read up to the window's end after the last answered call's end, that end included: a call
     * 24 h (the default window) after the end of the bucket's last-ending answered call makes it a repeat; a call a
     * second after the window of the other answered call does not.
     */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void aCallAtTheWindowsLastSecondAfterTheAnswersEndMakesItARepeat(String kind) throws Exception {
        QueueVisit first = TestVisits.answered("c1", 1, "sales", "+4930111", "2026-03-02T10:00:00Z", 20, 100, 0, "A1", false);
        QueueVisit lastEnding = TestVisits.answered("c2", 1, "sales", "+4930222", "2026-03-02T10:01:00Z", 20, 100, 0, "A2", false);
        QueueVisit atWindowEnd = TestVisits.unanswered("c3", 1, "support", "+4930222",
                lastEnding.endedAt().plus(Duration.ofHours(24)).toString(), io.queuelens.calls.entity.Outcome.ABANDONED, 5);
        QueueVisit aSecondLate = TestVisits.unanswered("c4", 1, "support", "+4930111",
                first.endedAt().plus(Duration.ofHours(24)).plusSeconds(1).toString(), io.queuelens.calls.entity.Outcome.ABANDONED, 5);
        try (TestDatabases.Db db = TestDatabases.open(kind); Connection c = db.dataSource().getConnection()) {
            FactBatch batch = new FactBatch();
            List.of(first, lastEnding, atWindowEnd, aSecondLate).forEach(batch::visit);
            new FactStore(TestVisits.TENANT, "demo").write(c, batch, List.of(), "test");
            List<QueueBucket> recomputed = new QueueRollupRefresher(TestVisits.TENANT, SETTINGS)
                    .recompute(c, Set.of(BucketKey.of("sales", first.enteredAt())));
            assertThat(recomputed).singleElement().satisfies(b -> {
                assertThat(b.totals().answered()).isEqualTo(2);
                assertThat(b.totals().repeat()).as("c2 is a repeat, c1 is not").isEqualTo(1);
            });
        }
    }

    private static final java.util.Comparator<BucketKey> BUCKET_ORDER =
            java.util.Comparator.comparing(BucketKey::start).thenComparing(BucketKey::queue);

    private static Map<BucketKey, Long> repeatsOf(List<QueueBucket> buckets) {
        Map<BucketKey, Long> out = new TreeMap<>(BUCKET_ORDER);
        for (QueueBucket b : buckets) {
            out.put(BucketKey.of(b.queue(), b.start()), b.totals().repeat());
        }
        return out;
    }
}
