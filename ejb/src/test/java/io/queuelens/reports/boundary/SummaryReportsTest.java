package io.queuelens.reports.boundary;

import io.queuelens.calls.entity.Outcome;
import io.queuelens.calls.entity.QueueVisit;
import io.queuelens.kpi.control.KpiCalculator;
import io.queuelens.kpi.control.KpiSettingsHistory;
import io.queuelens.kpi.entity.KpiSettings;
import io.queuelens.kpi.entity.QueueFigures;
import io.queuelens.kpi.entity.QueueTotals;
import io.queuelens.kpi.entity.SlaMode;
import io.queuelens.reports.RollupFixtures;
import io.queuelens.reports.entity.GroupBy;
import io.queuelens.reports.entity.SettingsUsed;
import io.queuelens.reports.entity.SummaryReport;
import io.queuelens.reports.entity.SummaryRequest;
import io.queuelens.reports.entity.SummaryRow;
import io.queuelens.rollups.NaiveFigures;
import io.queuelens.rollups.RandomVisits;
import io.queuelens.rollups.entity.Buckets;
import io.queuelens.rollups.entity.PeriodUnit;
import io.queuelens.rollups.entity.QueueBucket;
import io.queuelens.testsupport.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static io.queuelens.rollups.TestVisits.answered;
import static io.queuelens.rollups.TestVisits.unanswered;
import static org.assertj.core.api.Assertions.assertThat;

/** The summary report end to end below the container: rows written by the rollup writer, read by the boundary. */
class SummaryReportsTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final KpiSettingsHistory DEFAULTS = KpiSettingsHistory.defaultsOnly();

    private static SummaryReports reports(TestDatabases.Db db) {
        return SummaryReportsAccess.of(db.dataSource());
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void rowsPerQueueAndTheTotalAreTheCalculatorOnTheSummedBuckets(String kind) throws Exception {
        List<QueueVisit> visits = RandomVisits.generate(new Random(42), 500, Instant.parse("2026-11-20T00:00:00Z"), 3);
        List<QueueBucket> buckets = RollupFixtures.bucketsOf(visits, DEFAULTS);
        // a range that cuts the data on both sides, on Berlin quarter hours that are not UTC midnights
        Instant from = Instant.parse("2026-11-20T06:15:00Z");
        Instant to = Instant.parse("2026-11-22T17:45:00Z");
        try (TestDatabases.Db db = TestDatabases.open(kind)) {
            RollupFixtures.write(db.dataSource(), buckets);
            RollupFixtures.write(db.dataSource(), RollupFixtures.asTenant("other", buckets));

            SummaryReport report = reports(db).summary(new SummaryRequest("acme", from, to, BERLIN, List.of(),
                    GroupBy.QUEUE, null));

            Set<String> queuesWithData = new TreeSet<>();
            buckets.stream().filter(b -> !b.start().isBefore(from) && b.start().isBefore(to)).forEach(b -> queuesWithData.add(b.queue()));
            assertThat(report.rows()).extracting(SummaryRow::queue).containsExactlyElementsOf(queuesWithData);
            Set<String> repeats = NaiveFigures.repeats(visits, v -> KpiSettings.DEFAULTS);
            for (SummaryRow row : report.rows()) {
                QueueTotals expected = RollupFixtures.sum(buckets, from, to, b -> b.queue().equals(row.queue()));
                assertThat(row.totals()).as(row.queue()).isEqualTo(expected);
                assertThat(row.figures()).as(row.queue()).isEqualTo(KpiCalculator.queueFigures(expected, KpiSettings.DEFAULTS));
                // and straight from the visits, with no buckets at all (the rollups' test oracle)
                List<QueueVisit> inRow = visits.stream().filter(v -> v.queue().equals(row.queue())
                        && !Buckets.floor(v.enteredAt()).isBefore(from) && Buckets.floor(v.enteredAt()).isBefore(to)).toList();
                assertThat(row.figures()).as(row.queue() + " from visits")
                        .isEqualTo(NaiveFigures.of(inRow, Map.of(), repeats, v -> KpiSettings.DEFAULTS, SlaMode.OFFERED));
                assertThat(row.settingsVersions()).containsExactly("t0");
                assertThat(row.start()).isNull();
            }
            QueueTotals all = RollupFixtures.sum(buckets, from, to, b -> true);
            assertThat(report.total().totals()).isEqualTo(all);
            assertThat(report.total().figures()).isEqualTo(KpiCalculator.queueFigures(all, KpiSettings.DEFAULTS));
            assertThat(report.total().figures().offered()).as("the range holds data").isGreaterThan(100)
                    .isLessThan(visits.size());
            assertThat(report.request().from()).isEqualTo(from);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void fromIsInclusiveAndToExclusiveByTheTimeTheCallerEnteredTheQueue(String kind) throws Exception {
        List<QueueVisit> visits = List.of(
                answered("before", 1, "sales", "+491", "2026-11-19T22:59:59Z", 10, 60, 0, "A1", false),
                answered("first", 1, "sales", "+492", "2026-11-19T23:00:00Z", 10, 60, 0, "A1", false),
                // entered the day before `to`, answered after it: counts where it entered
                answered("last", 1, "sales", "+493", "2026-11-20T22:59:59Z", 30, 60, 0, "A1", false),
                unanswered("after", 1, "sales", "+494", "2026-11-20T23:00:00Z", Outcome.ABANDONED, 40));
        try (TestDatabases.Db db = TestDatabases.open(kind)) {
            RollupFixtures.write(db.dataSource(), RollupFixtures.bucketsOf(visits, DEFAULTS));
            SummaryReport report = reports(db).summary(new SummaryRequest("acme", Instant.parse("2026-11-19T23:00:00Z"),
                    Instant.parse("2026-11-20T23:00:00Z"), BERLIN, List.of("sales"), GroupBy.INTERVAL, PeriodUnit.P1D));

            assertThat(report.rows()).singleElement().satisfies(r -> {
                assertThat(r.start()).hasToString("2026-11-20T00:00+01:00");
                assertThat(r.figures().offered()).isEqualTo(2);
                assertThat(r.figures().answered()).isEqualTo(2);
                assertThat(r.figures().abandoned()).isZero();
                assertThat(r.figures().answeredInSla()).as("10 s in SLA, 30 s not").isEqualTo(1);
                assertThat(r.figures().serviceLevel()).isEqualTo(50.0);
                assertThat(r.figures().asa()).isEqualTo(20.0);
            });
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void hourlyRowsOnTheBerlinFallBackDayAre25WithTheRepeatedHourTwice(String kind) throws Exception {
        List<QueueVisit> visits = List.of(
                answered("a", 1, "sales", "+491", "2026-10-25T00:10:00Z", 10, 60, 0, "A1", false),  // 02:10 CEST
                answered("b", 1, "sales", "+492", "2026-10-25T01:20:00Z", 10, 60, 0, "A1", false),  // 02:20 CET
                unanswered("c", 1, "support", "+493", "2026-10-25T01:50:00Z", Outcome.TIMEOUT, 300), // 02:50 CET
                answered("d", 1, "support", "+494", "2026-10-25T10:00:00Z", 45, 60, 0, "A2", true)); // 11:00 CET
        Instant from = Instant.parse("2026-10-24T22:00:00Z"); // 2026-10-25T00:00+02:00
        Instant to = Instant.parse("2026-10-25T23:00:00Z");   // 2026-10-26T00:00+01:00
        try (TestDatabases.Db db = TestDatabases.open(kind)) {
            RollupFixtures.write(db.dataSource(), RollupFixtures.bucketsOf(visits, DEFAULTS));
            SummaryReport hourly = reports(db).summary(new SummaryRequest("acme", from, to, BERLIN, List.of(),
                    GroupBy.INTERVAL, PeriodUnit.PT1H));

            List<SummaryRow> rows = hourly.rows();
            assertThat(rows).hasSize(25);
            assertThat(rows).allMatch(r -> r.queue() == null);
            assertThat(rows.get(0).start()).hasToString("2026-10-25T00:00+02:00");
            assertThat(rows.get(2).start()).hasToString("2026-10-25T02:00+02:00");
            assertThat(rows.get(3).start()).hasToString("2026-10-25T02:00+01:00");
            assertThat(rows.get(24).start()).hasToString("2026-10-25T23:00+01:00");
            assertThat(rows.get(2).figures().offered()).isEqualTo(1);
            assertThat(rows.get(3).figures().offered()).isEqualTo(2);
            assertThat(rows.get(3).figures().maxWait()).isEqualTo(300.0);
            assertThat(rows.get(12).start()).hasToString("2026-10-25T11:00+01:00");
            assertThat(rows.get(12).figures().transferred()).isEqualTo(1);
            assertThat(rows.stream().mapToLong(r -> r.figures().offered()).sum()).isEqualTo(4);
            assertThat(rows.get(5).figures().serviceLevel()).as("a quiet hour has no service level").isNull();
            assertThat(hourly.total().figures().offered()).isEqualTo(4);
            assertThat(hourly.total().figures().uniqueCalls()).isEqualTo(4);

            SummaryReport daily = reports(db).summary(new SummaryRequest("acme", from, to, BERLIN, List.of(),
                    GroupBy.INTERVAL, PeriodUnit.P1D));
            assertThat(daily.rows()).singleElement().satisfies(r -> {
                assertThat(r.start()).hasToString("2026-10-25T00:00+02:00");
                assertThat(r.figures()).isEqualTo(hourly.total().figures());
            });
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void aRangeWithoutTrafficHasZeroCountsAndNoRatios(String kind) throws Exception {
        Instant monday = Instant.parse("2026-11-15T23:00:00Z");
        Instant nextMonday = Instant.parse("2026-11-22T23:00:00Z");
        try (TestDatabases.Db db = TestDatabases.open(kind)) {
            // traffic right outside the range must not leak in
            RollupFixtures.write(db.dataSource(), RollupFixtures.bucketsOf(List.of(
                    answered("x", 1, "sales", "+491", "2026-11-15T22:59:00Z", 10, 60, 0, "A1", false),
                    answered("y", 1, "sales", "+492", "2026-11-22T23:00:00Z", 10, 60, 0, "A1", false)), DEFAULTS));

            SummaryReport perDay = reports(db).summary(new SummaryRequest("acme", monday, nextMonday, BERLIN, List.of(),
                    GroupBy.INTERVAL, PeriodUnit.P1D));
            assertThat(perDay.rows()).hasSize(7).allSatisfy(r -> assertNoTraffic(r.figures()));
            assertThat(perDay.rows()).allMatch(r -> r.settingsVersions().isEmpty());
            assertNoTraffic(perDay.total().figures());
            assertThat(perDay.settings()).isEmpty();

            SummaryReport named = reports(db).summary(new SummaryRequest("acme", monday, nextMonday, BERLIN,
                    List.of("support", "billing"), GroupBy.QUEUE, null));
            assertThat(named.rows()).extracting(SummaryRow::queue).containsExactly("billing", "support");
            assertThat(named.rows()).allSatisfy(r -> assertNoTraffic(r.figures()));

            SummaryReport all = reports(db).summary(new SummaryRequest("acme", monday, nextMonday, BERLIN, List.of(),
                    GroupBy.QUEUE, null));
            assertThat(all.rows()).isEmpty();
            assertNoTraffic(all.total().figures());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void onlyTheRequestedQueuesAreReadAndTheTotalIsTheirs(String kind) throws Exception {
        List<QueueVisit> visits = RandomVisits.generate(new Random(7), 300, Instant.parse("2026-11-20T00:00:00Z"), 1);
        List<QueueBucket> buckets = RollupFixtures.bucketsOf(visits, DEFAULTS);
        Instant from = Instant.parse("2026-11-19T23:00:00Z");
        Instant to = Instant.parse("2026-11-21T23:00:00Z");
        try (TestDatabases.Db db = TestDatabases.open(kind)) {
            RollupFixtures.write(db.dataSource(), buckets);
            SummaryReport report = reports(db).summary(new SummaryRequest("acme", from, to, BERLIN,
                    List.of("q3", "q1", "nosuch"), GroupBy.QUEUE, null));

            assertThat(report.rows()).extracting(SummaryRow::queue).containsExactly("nosuch", "q1", "q3");
            assertNoTraffic(report.rows().get(0).figures());
            QueueTotals q1q3 = RollupFixtures.sum(buckets, from, to, b -> b.queue().equals("q1") || b.queue().equals("q3"));
            assertThat(q1q3.offered()).isPositive();
            assertThat(report.total().totals()).isEqualTo(q1q3);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void theReportStatesTheSettingsAndFormulasItUsed(String kind) throws Exception {
        try (TestDatabases.Db db = TestDatabases.open(kind)) {
            RollupFixtures.write(db.dataSource(), RollupFixtures.bucketsOf(List.of(
                    answered("a", 1, "sales", "+491", "2026-11-20T08:00:00Z", 10, 60, 0, "A1", false),
                    answered("b", 1, "support", "+492", "2026-11-20T09:00:00Z", 10, 60, 0, "A1", false)), DEFAULTS));
            SummaryReport report = reports(db).summary(new SummaryRequest("acme", Instant.parse("2026-11-19T23:00:00Z"),
                    Instant.parse("2026-11-20T23:00:00Z"), BERLIN, List.of(), GroupBy.QUEUE, null));

            assertThat(report.settings()).singleElement().satisfies(s -> {
                assertThat(s.version()).isEqualTo("t0");
                assertThat(s.known()).isTrue();
                assertThat(s.queues()).containsExactly("sales", "support");
                assertThat(s.buckets()).isEqualTo(2);
                assertThat(s.description()).contains("slaSeconds=20").contains("slaMode=OFFERED");
                assertThat(s.formulas().keySet()).containsExactlyElementsOf(
                        KpiCalculator.queueFigures(QueueTotals.ZERO, KpiSettings.DEFAULTS).asMap().keySet());
                assertThat(s.formulas().get("serviceLevel")).isEqualTo("serviceLevel = 100 * answeredInSla / "
                        + "(offered - shortAbandoned) [slaMode=OFFERED, slaSeconds=20, shortAbandonSeconds=5; settings t0]");
            });
            assertThat(report.notes()).isEmpty();
            assertThat(report.settings()).extracting(SettingsUsed::usedInstead).containsOnlyNulls();
        }
    }

    private static void assertNoTraffic(QueueFigures f) {
        assertThat(f.offered()).isZero();
        assertThat(f.answered()).isZero();
        assertThat(f.uniqueCalls()).isZero();
        assertThat(f.serviceLevel()).isNull();
        assertThat(f.answerRate()).isNull();
        assertThat(f.abandonRate()).isNull();
        assertThat(f.asa()).isNull();
        assertThat(f.avgAbandonWait()).isNull();
        assertThat(f.maxWait()).isNull();
        assertThat(f.avgTalk()).isNull();
        assertThat(f.aht()).isNull();
        assertThat(f.repeatRate()).isNull();
    }
}
