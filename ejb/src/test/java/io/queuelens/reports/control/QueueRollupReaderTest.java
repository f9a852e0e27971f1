package io.queuelens.reports.control;

import io.queuelens.calls.entity.Outcome;
import io.queuelens.calls.entity.QueueVisit;
import io.queuelens.kpi.control.KpiCalculator;
import io.queuelens.kpi.control.KpiSettingsHistory;
import io.queuelens.kpi.entity.KpiSettings;
import io.queuelens.kpi.entity.QueueSettingsOverride;
import io.queuelens.kpi.entity.QueueTotals;
import io.queuelens.kpi.entity.SlaMode;
import io.queuelens.reports.RollupFixtures;
import io.queuelens.reports.entity.GroupBy;
import io.queuelens.reports.entity.SettingsUsed;
import io.queuelens.reports.entity.SummaryReport;
import io.queuelens.reports.entity.SummaryRequest;
import io.queuelens.reports.entity.SummaryRow;
import io.queuelens.reports.entity.UnknownSettingsVersion;
import io.queuelens.rollups.RandomVisits;
import io.queuelens.rollups.entity.PeriodUnit;
import io.queuelens.rollups.entity.QueueBucket;
import io.queuelens.testsupport.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static io.queuelens.rollups.TestVisits.answered;
import static io.queuelens.rollups.TestVisits.unanswered;
import static org.assertj.core.api.Assertions.assertThat;

class QueueRollupReaderTest {

    private static final Instant FROM = Instant.parse("2026-11-19T23:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-20T23:00:00Z");
    /** From noon UTC on, queue vip measures its service level against answered calls. */
    private static final Instant VIP_CHANGE = Instant.parse("2026-11-20T12:00:00Z");
    private static final KpiSettingsHistory WITH_VIP_OVERRIDE = new KpiSettingsHistory(List.of(KpiSettings.DEFAULTS),
            List.of(new QueueSettingsOverride("vip", 1, VIP_CHANGE, null, null, SlaMode.ANSWERED, null, null, null)));

    /** vip: a fast and a slow answer and an abandon before noon, the same after noon. */
    private static List<QueueVisit> vipDay() {
        List<QueueVisit> visits = new ArrayList<>();
        for (String hour : List.of("08", "15")) {
            visits.add(answered("f" + hour, 1, "vip", "+491" + hour, "2026-11-20T" + hour + ":00:00Z", 5, 60, 0, "A1", false));
            visits.add(answered("s" + hour, 1, "vip", "+492" + hour, "2026-11-20T" + hour + ":05:00Z", 90, 60, 0, "A1", false));
            visits.add(unanswered("x" + hour, 1, "vip", "+493" + hour, "2026-11-20T" + hour + ":10:00Z", Outcome.ABANDONED, 30));
        }
        return visits;
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void readsBackExactlyTheWrittenBucketsOrderedByStartThenQueue(String kind) throws Exception {
        List<QueueVisit> visits = new ArrayList<>(RandomVisits.generate(new Random(3), 200, FROM, 1));
        visits.addAll(vipDay());
        List<QueueBucket> written = RollupFixtures.bucketsOf(visits, WITH_VIP_OVERRIDE);
        try (TestDatabases.Db db = TestDatabases.open(kind)) {
            RollupFixtures.write(db.dataSource(), written);
            RollupFixtures.write(db.dataSource(), RollupFixtures.asTenant("other", written));
            try (Connection c = db.dataSource().getConnection()) {
                QueueRollupReader reader = new QueueRollupReader(WITH_VIP_OVERRIDE);
                List<QueueBucket> read = reader.read(c, "acme", FROM, TO, List.of());

                List<QueueBucket> expected = written.stream().filter(b -> !b.start().isBefore(FROM) && b.start().isBefore(TO))
                        .sorted(Comparator.comparing(QueueBucket::start).thenComparing(QueueBucket::queue)).toList();
                assertThat(read).isEqualTo(expected);
                assertThat(read).filteredOn(b -> b.queue().equals("vip") && !b.start().isBefore(VIP_CHANGE))
                        .isNotEmpty().allMatch(b -> b.settingsVersion().equals("t0/q1") && b.settings().slaMode() == SlaMode.ANSWERED);

                List<QueueBucket> some = new ArrayList<>();
                List<UnknownSettingsVersion> unknown = reader.scan(c, "acme", FROM, TO, List.of("vip", "q2"), some::add);
                assertThat(unknown).isEmpty();
                assertThat(some).isEqualTo(expected.stream().filter(b -> b.queue().equals("vip") || b.queue().equals("q2")).toList());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void theSummaryFromTheUnorderedScanIsTheSummaryFromTheOrderedOne(String kind) throws Exception {
        List<QueueVisit> visits = new ArrayList<>(RandomVisits.generate(new Random(5), 400, FROM, 1));
        visits.addAll(vipDay());
        List<QueueBucket> written = RollupFixtures.bucketsOf(visits, WITH_VIP_OVERRIDE);
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        try (TestDatabases.Db db = TestDatabases.open(kind)) {
            RollupFixtures.write(db.dataSource(), written);
            RollupFixtures.write(db.dataSource(), RollupFixtures.asTenant("other", written));
            for (KpiSettingsHistory history : List.of(WITH_VIP_OVERRIDE, KpiSettingsHistory.defaultsOnly())) {
                for (SummaryRequest request : List.of(
                        new SummaryRequest("acme", FROM, TO, berlin, List.of(), GroupBy.QUEUE, null),
                        new SummaryRequest("acme", FROM, TO, berlin, List.of(), GroupBy.INTERVAL, PeriodUnit.PT1H))) {
                    SummaryAccumulator ordered = new SummaryAccumulator(request);
                    SummaryAccumulator anyOrder = new SummaryAccumulator(request);
                    SummaryAccumulator reversed = new SummaryAccumulator(request);
                    List<UnknownSettingsVersion> unknownOrdered;
                    List<UnknownSettingsVersion> unknownAnyOrder;
                    try (Connection c = db.dataSource().getConnection()) {
                        QueueRollupReader reader = new QueueRollupReader(history);
                        unknownOrdered = reader.scan(c, "acme", FROM, TO, List.of(), ordered);
                        unknownAnyOrder = reader.scanInAnyOrder(c, "acme", FROM, TO, List.of(), anyOrder);
                        List<QueueBucket> backwards = new ArrayList<>(reader.read(c, "acme", FROM, TO, List.of()));
                        java.util.Collections.reverse(backwards);
                        backwards.forEach(reversed);
                    }
                    assertThat(unknownAnyOrder).isEqualTo(unknownOrdered);
                    SummaryReport expected = ordered.finish(unknownOrdered);
                    assertThat(anyOrder.finish(unknownAnyOrder)).isEqualTo(expected);
                    assertThat(reversed.finish(unknownOrdered)).isEqualTo(expected);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void aVersionTheHistoryDoesNotKnowIsDividedWithTheDefaultsAndReported(String kind) throws Exception {
        List<QueueBucket> written = RollupFixtures.bucketsOf(vipDay(), WITH_VIP_OVERRIDE);
        SummaryRequest request = new SummaryRequest("acme", FROM, TO, ZoneId.of("Europe/Berlin"), List.of(), GroupBy.QUEUE, null);
        try (TestDatabases.Db db = TestDatabases.open(kind)) {
            RollupFixtures.write(db.dataSource(), written);
            SummaryAccumulator rows = new SummaryAccumulator(request);
            List<UnknownSettingsVersion> unknown;
            try (Connection c = db.dataSource().getConnection()) {
                // the history lost the override: buckets say t0/q1, nobody knows what that was
                unknown = new QueueRollupReader(KpiSettingsHistory.defaultsOnly()).scan(c, "acme", FROM, TO, List.of(), rows);
            }
            assertThat(unknown).singleElement().isEqualTo(new UnknownSettingsVersion("vip", "t0/q1",
                    Instant.parse("2026-11-20T15:00:00Z"), Instant.parse("2026-11-20T15:00:00Z"), 1));

            SummaryReport report = rows.finish(unknown);
            SummaryRow vip = report.rows().get(0);
            assertThat(vip.settingsVersions()).containsExactly("t0");
            // divided per OFFERED: 2 in SLA of 6 offered (no short abandons)
            assertThat(vip.figures().serviceLevel()).isCloseTo(100.0 * 2 / 6, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(report.settings()).extracting(SettingsUsed::version, SettingsUsed::known, SettingsUsed::usedInstead)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("t0", true, null),
                            org.assertj.core.groups.Tuple.tuple("t0/q1", false, "t0"));
            assertThat(report.settings().get(1).formulas()).isEmpty();
            assertThat(report.notes()).singleElement().asString()
                    .startsWith("1 bucket(s) of queue vip from 2026-11-20T15:00:00Z to 2026-11-20T15:00:00Z were counted "
                            + "with settings version 't0/q1'");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void aRowMixingSlaModesIsDividedPerItsLatestBucketAndSaysSo(String kind) throws Exception {
        List<QueueBucket> written = RollupFixtures.bucketsOf(vipDay(), WITH_VIP_OVERRIDE);
        SummaryRequest request = new SummaryRequest("acme", FROM, TO, ZoneId.of("Europe/Berlin"), List.of(), GroupBy.QUEUE, null);
        try (TestDatabases.Db db = TestDatabases.open(kind)) {
            RollupFixtures.write(db.dataSource(), written);
            SummaryAccumulator rows = new SummaryAccumulator(request);
            try (Connection c = db.dataSource().getConnection()) {
                assertThat(new QueueRollupReader(WITH_VIP_OVERRIDE).scan(c, "acme", FROM, TO, List.of(), rows)).isEmpty();
            }
            SummaryReport report = rows.finish(List.of());

            SummaryRow vip = report.rows().get(0);
            assertThat(vip.settingsVersions()).containsExactly("t0", "t0/q1");
            QueueTotals t = vip.totals();
            assertThat(t.answeredInSla()).isEqualTo(2);
            assertThat(t.answered()).isEqualTo(4);
            // ANSWERED, the afternoon's mode: 2 of 4 answered (OFFERED would give 2 of 6)
            assertThat(vip.figures().serviceLevel()).isEqualTo(50.0);
            assertThat(vip.figures()).isEqualTo(KpiCalculator.queueFigures(t,
                    KpiSettings.builder().slaMode(SlaMode.ANSWERED).build()));
            assertThat(report.notes()).hasSize(2).allSatisfy(n -> assertThat(n)
                    .contains("sums buckets counted with slaModes [OFFERED, ANSWERED]").contains("ANSWERED (t0/q1)"));
            assertThat(report.notes().get(0)).startsWith("serviceLevel of queue vip");
            assertThat(report.notes().get(1)).startsWith("serviceLevel of the total");
            assertThat(report.settings()).extracting(SettingsUsed::version).containsExactly("t0", "t0/q1");
            assertThat(report.settings().get(1).formulas().get("serviceLevel"))
                    .startsWith("serviceLevel = 100 * answeredInSla / answered [slaMode=ANSWERED");
        }
    }
}
