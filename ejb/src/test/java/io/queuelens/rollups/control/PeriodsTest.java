package io.queuelens.rollups.control;

import io.queuelens.rollups.entity.Buckets;
import io.queuelens.rollups.entity.PeriodUnit;
import io.queuelens.rollups.entity.ReportPeriod;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PeriodsTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void berlinSpringForwardDayHas92BucketsAnd23Hours() {
        LocalDate d = LocalDate.of(2026, 3, 29);
        Periods days = Periods.ofLocalDates(d, d.plusDays(1), BERLIN, PeriodUnit.P1D);
        assertThat(days.list()).singleElement().satisfies(p -> {
            assertThat(p.bucketCount()).isEqualTo(92);
            assertThat(p.start()).isEqualTo(Instant.parse("2026-03-28T23:00:00Z"));
            assertThat(p.end()).isEqualTo(Instant.parse("2026-03-29T22:00:00Z"));
        });
        Periods hours = Periods.ofLocalDates(d, d.plusDays(1), BERLIN, PeriodUnit.PT1H);
        assertThat(hours.size()).isEqualTo(23);
        // 02:00 local does not exist that night: 01:00 CET is followed by 03:00 CEST
        assertThat(hours.list().stream().map(p -> p.label().getHour()).toList())
                .startsWith(0, 1, 3, 4).doesNotContain(2);
        assertThat(hours.list()).allMatch(p -> p.bucketCount() == 4);
    }

    @Test
    void berlinFallBackDayHas100BucketsAnd25HoursWithTwoTwoOClocks() {
        LocalDate d = LocalDate.of(2026, 10, 25);
        Periods days = Periods.ofLocalDates(d, d.plusDays(1), BERLIN, PeriodUnit.P1D);
        assertThat(days.list()).singleElement().extracting(ReportPeriod::bucketCount).isEqualTo(100);
        Periods hours = Periods.ofLocalDates(d, d.plusDays(1), BERLIN, PeriodUnit.PT1H);
        assertThat(hours.size()).isEqualTo(25);
        assertThat(hours.list()).allMatch(p -> p.bucketCount() == 4);
        List<ReportPeriod> twoOClock = hours.list().stream().filter(p -> p.label().getHour() == 2).toList();
        assertThat(twoOClock).extracting(ReportPeriod::offset)
                .containsExactly(ZoneOffset.ofHours(2), ZoneOffset.ofHours(1));
        assertThat(twoOClock).extracting(ReportPeriod::start)
                .containsExactly(Instant.parse("2026-10-25T00:00:00Z"), Instant.parse("2026-10-25T01:00:00Z"));
        Periods quarter = Periods.ofLocalDates(d, d.plusDays(1), BERLIN, PeriodUnit.PT15M);
        assertThat(quarter.size()).isEqualTo(100);
        assertThat(Periods.ofLocalDates(d, d.plusDays(1), BERLIN, PeriodUnit.PT30M).size()).isEqualTo(50);
    }

    @Test
    void stJohnsAndKathmanduHoursStartOnQuarterHourBuckets() {
        LocalDate d = LocalDate.of(2026, 1, 15);
        ZoneId stJohns = ZoneId.of("America/St_Johns");   // UTC-3:30 in January
        ZoneId kathmandu = ZoneId.of("Asia/Kathmandu");    // UTC+5:45
        Periods nl = Periods.ofLocalDates(d, d.plusDays(1), stJohns, PeriodUnit.PT1H);
        assertThat(nl.size()).isEqualTo(24);
        assertThat(nl.get(0).start()).isEqualTo(Instant.parse("2026-01-15T03:30:00Z"));
        Periods np = Periods.ofLocalDates(d, d.plusDays(1), kathmandu, PeriodUnit.PT1H);
        assertThat(np.size()).isEqualTo(24);
        assertThat(np.get(0).start()).isEqualTo(Instant.parse("2026-01-14T18:15:00Z"));
        for (Periods p : List.of(nl, np, Periods.ofLocalDates(d, d.plusDays(1), kathmandu, PeriodUnit.PT30M))) {
            for (ReportPeriod period : p.list()) {
                assertThat(Buckets.isBucketStart(period.start())).isTrue();
                assertThat(period.start().atZone(p.zone()).getMinute() % p.unit().minutes()).isZero();
                assertThat(period.bucketCount()).isEqualTo(p.unit().minutes() / 15);
            }
        }
        // every bucket of the day maps to exactly the hour whose local clock shows it
        for (Instant b = nl.get(0).start(); b.isBefore(nl.get(23).end()); b = b.plus(Buckets.WIDTH)) {
            int i = nl.indexOf(b);
            assertThat(nl.get(i).label()).isEqualTo(
                    LocalDateTime.ofInstant(b, stJohns).withMinute(0));
        }
    }

    @Test
    void weeksStartOnMondayAndMonthsFollowTheLocalCalendarAcrossDst() {
        // March 2026 in Berlin: 31 days, one of them 23 h -> 31 * 96 - 4 buckets
        Periods month = Periods.ofLocalDates(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 4, 1), BERLIN, PeriodUnit.P1M);
        assertThat(month.list()).singleElement().extracting(ReportPeriod::bucketCount).isEqualTo(31 * 96 - 4);
        // 2026-03-01 is a Sunday: the first week is clipped to that one day but labelled Monday 23 Feb
        Periods weeks = Periods.ofLocalDates(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 4, 1), BERLIN, PeriodUnit.P1W);
        assertThat(weeks.get(0).label()).isEqualTo(LocalDateTime.of(2026, 2, 23, 0, 0));
        assertThat(weeks.get(0).bucketCount()).isEqualTo(96);
        assertThat(weeks.get(1).label()).isEqualTo(LocalDateTime.of(2026, 3, 2, 0, 0));
        assertThat(weeks.list().stream().map(ReportPeriod::label).toList())
                .allMatch(l -> l.getDayOfWeek() == java.time.DayOfWeek.MONDAY);
        // week of 23-29 March contains the short day
        assertThat(weeks.get(4).label()).isEqualTo(LocalDateTime.of(2026, 3, 23, 0, 0));
        assertThat(weeks.get(4).bucketCount()).isEqualTo(7 * 96 - 4);
        assertThat(weeks.list().stream().mapToInt(ReportPeriod::bucketCount).sum()).isEqualTo(31 * 96 - 4);
    }

    @Test
    void periodsTileTheRangeWithoutGapsOrOverlap() {
        Instant from = Instant.parse("2026-03-27T10:15:00Z");
        Instant to = Instant.parse("2026-11-02T07:45:00Z");
        for (String zone : List.of("Europe/Berlin", "America/St_Johns", "Asia/Kathmandu", "Australia/Lord_Howe",
                "Pacific/Chatham", "America/Santiago", "UTC")) {
            for (PeriodUnit unit : PeriodUnit.values()) {
                Periods periods = Periods.of(from, to, ZoneId.of(zone), unit);
                assertThat(periods.get(0).start()).isEqualTo(from);
                assertThat(periods.get(periods.size() - 1).end()).isEqualTo(to);
                for (int i = 1; i < periods.size(); i++) {
                    assertThat(periods.get(i).start()).as(zone + " " + unit).isEqualTo(periods.get(i - 1).end());
                }
                int buckets = periods.list().stream().mapToInt(ReportPeriod::bucketCount).sum();
                assertThat(buckets).isEqualTo((int) ((to.getEpochSecond() - from.getEpochSecond()) / 900));
                assertThat(periods.indexOf(from.minus(Buckets.WIDTH))).isEqualTo(-1);
                assertThat(periods.indexOf(to)).isEqualTo(-1);
                assertThat(periods.indexOf(to.minus(Buckets.WIDTH))).isEqualTo(periods.size() - 1);
            }
        }
    }

    @Test
    void lordHoweHalfHourShiftMakesAShortLocalHour() {
        // Lord Howe moves from +10:30 to +11:00 at 02:00 local on 2026-10-04: local 02:00-02:30 does not exist
        ZoneId lordHowe = ZoneId.of("Australia/Lord_Howe");
        LocalDate d = LocalDate.of(2026, 10, 4);
        Periods hours = Periods.ofLocalDates(d, d.plusDays(1), lordHowe, PeriodUnit.PT1H);
        ReportPeriod two = hours.list().stream().filter(p -> p.label().getHour() == 2).findFirst().orElseThrow();
        assertThat(two.bucketCount()).isEqualTo(2);
        assertThat(Periods.ofLocalDates(d, d.plusDays(1), lordHowe, PeriodUnit.P1D).get(0).bucketCount()).isEqualTo(94);
    }

    @Test
    void refusesUnalignedRangesAndOffsetsOffTheQuarterHourGrid() {
        assertThatThrownBy(() -> Periods.of(Instant.parse("2026-01-01T00:05:00Z"), Instant.parse("2026-01-02T00:00:00Z"),
                ZoneOffset.UTC, PeriodUnit.P1D)).hasMessageContaining("from must be on the 15-minute UTC grid");
        assertThatThrownBy(() -> Periods.of(Instant.parse("2026-01-02T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z"),
                ZoneOffset.UTC, PeriodUnit.P1D)).hasMessageContaining("empty");
        // Liberia used -00:44:30 until 1972
        Instant from = ZonedDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).toInstant();
        assertThatThrownBy(() -> Periods.of(from, from.plusSeconds(86400), ZoneId.of("Africa/Monrovia"), PeriodUnit.PT1H))
                .hasMessageContaining("not a multiple of 15 minutes");
    }
}
