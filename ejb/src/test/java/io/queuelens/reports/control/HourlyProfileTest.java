package io.queuelens.reports.control;

import io.queuelens.calls.entity.Outcome;
import io.queuelens.calls.entity.QueueVisit;
import io.queuelens.kpi.control.KpiSettingsHistory;
import io.queuelens.reports.RollupFixtures;
import io.queuelens.reports.boundary.SummaryReportsAccess;
import io.queuelens.reports.entity.GroupBy;
import io.queuelens.reports.entity.HourOfDay;
import io.queuelens.reports.entity.SummaryRequest;
import io.queuelens.rollups.entity.PeriodUnit;
import io.queuelens.testsupport.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static io.queuelens.rollups.TestVisits.answered;
import static io.queuelens.rollups.TestVisits.unanswered;
import static org.assertj.core.api.Assertions.assertThat;

/** The average day across DST: a fall-back day has two 02:00 hours, a spring-forward day none. */
class HourlyProfileTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void hoursThatHappenTwiceAreAveragedOverBothAndSkippedHoursHaveNoAverage(String kind) throws Exception {
        List<QueueVisit> visits = new ArrayList<>();
        // 25 October 2026, Berlin falls back: 00:30Z is 02:30+02:00, 01:30Z is 02:30+01:00
        for (int i = 0; i < 3; i++) {
            visits.add(answered("f" + i, 1, "sales", null, "2026-10-25T00:3" + i + ":00Z", 5, 10, 0, "Agent/1", false));
        }
        visits.add(answered("g", 1, "sales", null, "2026-10-25T01:30:00Z", 5, 10, 0, "Agent/1", false));
        // 09:00 local (08:00Z): 2 offered, 1 of them answered
        visits.add(answered("h", 1, "sales", null, "2026-10-25T08:00:00Z", 5, 10, 0, "Agent/1", false));
        visits.add(unanswered("i", 1, "sales", null, "2026-10-25T08:10:00Z",
                Outcome.ABANDONED, 30));
        try (TestDatabases.Db db = TestDatabases.open(kind)) {
            RollupFixtures.write(db.dataSource(), RollupFixtures.bucketsOf(visits, KpiSettingsHistory.defaultsOnly()));
            List<HourOfDay> fallBack = HourlyProfile.of(SummaryReportsAccess.of(db.dataSource()).summary(hourly("2026-10-25", "2026-10-26")));
            assertThat(fallBack).hasSize(24);
            assertThat(fallBack.get(2).hours()).isEqualTo(2);
            assertThat(fallBack.get(2).offered()).isEqualTo(4);
            assertThat(fallBack.get(2).avgOffered()).isEqualTo(2.0);
            assertThat(fallBack.get(9).hours()).isEqualTo(1);
            assertThat(fallBack.get(9).avgOffered()).isEqualTo(2.0);
            assertThat(fallBack.get(9).avgAnswered()).isEqualTo(1.0);
            assertThat(fallBack.get(3).avgOffered()).isEqualTo(0.0);
            assertThat(fallBack.stream().mapToInt(HourOfDay::hours).sum()).isEqualTo(25);

            List<HourOfDay> spring = HourlyProfile.of(SummaryReportsAccess.of(db.dataSource()).summary(hourly("2026-03-29", "2026-03-30")));
            assertThat(spring.get(2).hours()).isZero();
            assertThat(spring.get(2).avgOffered()).isNull();
            assertThat(spring.stream().mapToInt(HourOfDay::hours).sum()).isEqualTo(23);
        }
    }

    private static SummaryRequest hourly(String from, String to) {
        return new SummaryRequest("acme", LocalDate.parse(from).atStartOfDay(BERLIN).toInstant(),
                LocalDate.parse(to).atStartOfDay(BERLIN).toInstant(), BERLIN, List.of(), GroupBy.INTERVAL, PeriodUnit.PT1H);
    }
}
