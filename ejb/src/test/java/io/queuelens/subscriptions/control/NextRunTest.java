package io.queuelens.subscriptions.control;

import io.queuelens.subscriptions.entity.Schedule;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NextRunTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void dailyLaterTodayOrTomorrow() {
        Schedule s = Schedule.daily(LocalTime.of(7, 0));
        // 05:00 UTC = 06:00 Berlin (winter): today 07:00 Berlin = 06:00 UTC
        assertThat(NextRun.after(s, BERLIN, Instant.parse("2026-01-15T05:00:00Z"))).isEqualTo(Instant.parse("2026-01-15T06:00:00Z"));
        // exactly at the run: strictly after, so tomorrow
        assertThat(NextRun.after(s, BERLIN, Instant.parse("2026-01-15T06:00:00Z"))).isEqualTo(Instant.parse("2026-01-16T06:00:00Z"));
    }

    @Test
    void dailyFollowsSummerTime() {
        Schedule s = Schedule.daily(LocalTime.of(7, 0));
        assertThat(NextRun.after(s, BERLIN, Instant.parse("2026-07-01T12:00:00Z"))).isEqualTo(Instant.parse("2026-07-02T05:00:00Z"));
    }

    @Test
    void springForwardGapRunsAtTheEndOfTheGap() {
        // Berlin 2026-03-29: 02:00 CET jumps to 03:00 CEST; 02:30 does not exist
        Schedule s = Schedule.daily(LocalTime.of(2, 30));
        Instant run = NextRun.after(s, BERLIN, Instant.parse("2026-03-28T12:00:00Z"));
        assertThat(run).isEqualTo(Instant.parse("2026-03-29T01:00:00Z")); // 03:00 CEST
        assertThat(run.atZone(BERLIN).toLocalTime()).isEqualTo(LocalTime.of(3, 0));
        // the day after: 02:30 CEST again
        assertThat(NextRun.after(s, BERLIN, run)).isEqualTo(Instant.parse("2026-03-30T00:30:00Z"));
    }

    @Test
    void springForwardInNewYork() {
        // New York 2026-03-08: 02:00 EST jumps to 03:00 EDT
        Schedule s = Schedule.daily(LocalTime.of(2, 15));
        assertThat(NextRun.after(s, NEW_YORK, Instant.parse("2026-03-07T12:00:00Z"))).isEqualTo(Instant.parse("2026-03-08T07:00:00Z"));
    }

    @Test
    void fallBackRepeatedTimeRunsOnce() {
        // Berlin 2026-10-25: 03:00 CEST goes back to 02:00 CET; 02:30 happens twice
        Schedule s = Schedule.daily(LocalTime.of(2, 30));
        List<Instant> runs = runs(s, BERLIN, Instant.parse("2026-10-24T12:00:00Z"), 3);
        assertThat(runs).containsExactly(
                Instant.parse("2026-10-25T00:30:00Z"), // first 02:30 (CEST)
                Instant.parse("2026-10-26T01:30:00Z"), // 02:30 CET
                Instant.parse("2026-10-27T01:30:00Z"));
    }

    @Test
    void fallBackInNewYorkRunsOnce() {
        // New York 2026-11-01: 02:00 EDT goes back to 01:00 EST; 01:30 twice
        Schedule s = Schedule.daily(LocalTime.of(1, 30));
        List<Instant> runs = runs(s, NEW_YORK, Instant.parse("2026-10-31T12:00:00Z"), 2);
        assertThat(runs).containsExactly(Instant.parse("2026-11-01T05:30:00Z"), Instant.parse("2026-11-02T06:30:00Z"));
    }

    @Test
    void noDayIsSkippedOrDoubledOverAYear() {
        Schedule s = Schedule.daily(LocalTime.of(2, 30));
        List<Instant> runs = runs(s, BERLIN, Instant.parse("2025-12-31T23:00:00Z"), 365);
        assertThat(runs.stream().map(i -> i.atZone(BERLIN).toLocalDate()).distinct()).hasSize(365);
        assertThat(runs.get(0).atZone(BERLIN).toLocalDate()).hasToString("2026-01-01");
        assertThat(runs.get(364).atZone(BERLIN).toLocalDate()).hasToString("2026-12-31");
    }

    @Test
    void weeklyOnItsWeekday() {
        Schedule s = Schedule.weekly(DayOfWeek.MONDAY, LocalTime.of(8, 0));
        // Wednesday 2026-01-14 -> Monday 2026-01-19 08:00 CET
        List<Instant> runs = runs(s, BERLIN, Instant.parse("2026-01-14T10:00:00Z"), 2);
        assertThat(runs).containsExactly(Instant.parse("2026-01-19T07:00:00Z"), Instant.parse("2026-01-26T07:00:00Z"));
    }

    @Test
    void weeklyOnTheSameDayLaterStillRunsToday() {
        Schedule s = Schedule.weekly(DayOfWeek.MONDAY, LocalTime.of(8, 0));
        assertThat(NextRun.after(s, NEW_YORK, Instant.parse("2026-01-19T12:00:00Z"))) // 07:00 EST Monday
                .isEqualTo(Instant.parse("2026-01-19T13:00:00Z"));
    }

    @Test
    void monthlyDay31IsClampedToTheMonthsLength() {
        Schedule s = Schedule.monthly(31, LocalTime.of(6, 0));
        List<Instant> runs = runs(s, BERLIN, Instant.parse("2026-01-01T00:00:00Z"), 5);
        assertThat(runs.stream().map(i -> i.atZone(BERLIN).toLocalDate().toString()))
                .containsExactly("2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31");
        assertThat(runs).allMatch(i -> i.atZone(BERLIN).toLocalTime().equals(LocalTime.of(6, 0)));
    }

    @Test
    void monthlyDay29InALeapYear() {
        Schedule s = Schedule.monthly(29, LocalTime.of(6, 0));
        assertThat(NextRun.after(s, NEW_YORK, Instant.parse("2028-02-01T00:00:00Z")).atZone(NEW_YORK).toLocalDate())
                .hasToString("2028-02-29");
        assertThat(NextRun.after(s, NEW_YORK, Instant.parse("2027-02-01T00:00:00Z")).atZone(NEW_YORK).toLocalDate())
                .hasToString("2027-02-28");
    }

    @Test
    void monthlyOnTheFirst() {
        Schedule s = Schedule.monthly(1, LocalTime.of(0, 0));
        assertThat(NextRun.after(s, BERLIN, Instant.parse("2026-12-15T00:00:00Z"))).isEqualTo(Instant.parse("2026-12-31T23:00:00Z"));
    }

    @Test
    void midnightRunsBeforeAfterNearADateLineStillFound() {
        Schedule s = Schedule.daily(LocalTime.of(23, 45));
        ZoneId auckland = ZoneId.of("Pacific/Auckland");
        Instant after = Instant.parse("2026-06-01T11:00:00Z"); // 23:00 NZST
        assertThat(NextRun.after(s, auckland, after)).isEqualTo(Instant.parse("2026-06-01T11:45:00Z"));
    }

    private static List<Instant> runs(Schedule s, ZoneId zone, Instant from, int count) {
        List<Instant> out = new ArrayList<>();
        Instant t = from;
        for (int i = 0; i < count; i++) {
            t = NextRun.after(s, zone, t);
            out.add(t);
        }
        return out;
    }
}
