package io.queuelens.subscriptions.entity;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class PeriodKindTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void yesterdayIsTheLocalDayBeforeTheRun() {
        // 00:30 local on 2026-03-02 is still 2026-03-01 in UTC: the local day counts
        Instant run = Instant.parse("2026-03-01T23:30:00Z");
        Instant[] r = PeriodKind.YESTERDAY.range(run, BERLIN);
        assertThat(r[0]).isEqualTo(Instant.parse("2026-02-28T23:00:00Z"));
        assertThat(r[1]).isEqualTo(Instant.parse("2026-03-01T23:00:00Z"));
    }

    @Test
    void yesterdayAcrossSpringForwardHas23Hours() {
        Instant[] r = PeriodKind.YESTERDAY.range(Instant.parse("2026-03-30T05:00:00Z"), BERLIN);
        assertThat(java.time.Duration.between(r[0], r[1]).toHours()).isEqualTo(23);
    }

    @Test
    void lastWeekIsMondayToSundayBefore() {
        // Wednesday 2026-01-14 -> 2026-01-05 .. 2026-01-11
        var d = PeriodKind.LAST_WEEK.days(Instant.parse("2026-01-14T10:00:00Z"), BERLIN);
        assertThat(d[0]).hasToString("2026-01-05");
        assertThat(d[1]).hasToString("2026-01-11");
        // on a Monday: the week that just ended
        d = PeriodKind.LAST_WEEK.days(Instant.parse("2026-01-12T10:00:00Z"), BERLIN);
        assertThat(d[0]).hasToString("2026-01-05");
    }

    @Test
    void lastMonthAndLastSevenDays() {
        var d = PeriodKind.LAST_MONTH.days(Instant.parse("2026-03-01T06:00:00Z"), BERLIN);
        assertThat(d[0]).hasToString("2026-02-01");
        assertThat(d[1]).hasToString("2026-02-28");
        d = PeriodKind.LAST_7_DAYS.days(Instant.parse("2026-03-01T06:00:00Z"), BERLIN);
        assertThat(d[0]).hasToString("2026-02-22");
        assertThat(d[1]).hasToString("2026-02-28");
    }
}
