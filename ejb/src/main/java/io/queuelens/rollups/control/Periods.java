package io.queuelens.rollups.control;

import io.queuelens.rollups.entity.Buckets;
import io.queuelens.rollups.entity.PeriodUnit;
import io.queuelens.rollups.entity.ReportPeriod;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The report periods covering [from, to) in a time zone, and which 15-minute buckets fall in each.
 *
 * <p>Periods follow the local clock as it was: the Berlin spring-forward day has 23 hourly periods
 * and 92 buckets, the fall-back day 25 hourly periods (two labelled 02:00, with different offsets)
 * and 100 buckets. Sub-day periods are keyed by (local time floored to the unit, offset), so an
 * hour that happens twice is two periods and an hour cut short by a 30-minute shift (Lord Howe) is
 * a short period. Calendar periods start at the local start of day ({@code atStartOfDay}, which
 * also handles zones whose midnight is skipped). The first and last period are clipped to
 * [from, to) and keep their nominal label.
 */
public final class Periods {

    private final ZoneId zone;
    private final PeriodUnit unit;
    private final List<ReportPeriod> periods;
    private final long[] startSeconds;

    private Periods(ZoneId zone, PeriodUnit unit, List<ReportPeriod> periods) {
        this.zone = zone;
        this.unit = unit;
        this.periods = List.copyOf(periods);
        this.startSeconds = periods.stream().mapToLong(p -> p.start().getEpochSecond()).toArray();
    }

    /**
     * @param from first bucket of the report (on the 15-minute grid), inclusive
     * @param to   end of the report (on the grid), exclusive
     */
    public static Periods of(Instant from, Instant to, ZoneId zone, PeriodUnit unit) {
        Buckets.requireBucketStart(from, "from");
        Buckets.requireBucketStart(to, "to");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(unit, "unit");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("report range is empty: " + from + " .. " + to);
        }
        requireQuarterHourOffsets(zone, from, to);
        List<ReportPeriod> list = unit.isSubDay() ? subDay(from, to, zone, unit) : calendar(from, to, zone, unit);
        return new Periods(zone, unit, list);
    }

    /** The periods covering a range of local dates, [firstDay 00:00, lastDayExclusive 00:00) local. */
    public static Periods ofLocalDates(LocalDate firstDay, LocalDate lastDayExclusive, ZoneId zone, PeriodUnit unit) {
        return of(firstDay.atStartOfDay(zone).toInstant(), lastDayExclusive.atStartOfDay(zone).toInstant(), zone, unit);
    }

    public List<ReportPeriod> list() {
        return periods;
    }

    public int size() {
        return periods.size();
    }

    public ReportPeriod get(int index) {
        return periods.get(index);
    }

    public ZoneId zone() {
        return zone;
    }

    public PeriodUnit unit() {
        return unit;
    }

    /** The index of the period holding this bucket, or -1 when the bucket lies outside [from, to). */
    public int indexOf(Instant bucketStart) {
        long s = bucketStart.getEpochSecond();
        int i = Arrays.binarySearch(startSeconds, s);
        if (i < 0) {
            i = -i - 2; // the period starting before the bucket
        }
        if (i < 0 || !periods.get(i).contains(bucketStart)) {
            return -1;
        }
        return i;
    }

    private static List<ReportPeriod> subDay(Instant from, Instant to, ZoneId zone, PeriodUnit unit) {
        List<ReportPeriod> list = new ArrayList<>();
        ZoneRules rules = zone.getRules();
        Instant periodStart = from;
        LocalDateTime periodKey = null;
        ZoneOffset periodOffset = null;
        for (Instant b = from; b.isBefore(to); b = b.plus(Buckets.WIDTH)) {
            ZoneOffset offset = rules.getOffset(b);
            LocalDateTime key = floorToMinutes(LocalDateTime.ofEpochSecond(b.getEpochSecond(), 0, offset), unit.minutes());
            if (periodKey == null) {
                periodKey = key;
                periodOffset = offset;
            } else if (!key.equals(periodKey) || !offset.equals(periodOffset)) {
                list.add(new ReportPeriod(periodKey, periodOffset, periodStart, b));
                periodStart = b;
                periodKey = key;
                periodOffset = offset;
            }
        }
        list.add(new ReportPeriod(periodKey, periodOffset, periodStart, to));
        return list;
    }

    private static LocalDateTime floorToMinutes(LocalDateTime t, int minutes) {
        int minuteOfDay = t.getHour() * 60 + t.getMinute();
        return t.toLocalDate().atStartOfDay().plusMinutes(minuteOfDay - minuteOfDay % minutes);
    }

    private static List<ReportPeriod> calendar(Instant from, Instant to, ZoneId zone, PeriodUnit unit) {
        List<ReportPeriod> list = new ArrayList<>();
        LocalDate day = calendarStart(ZonedDateTime.ofInstant(from, zone).toLocalDate(), unit);
        while (true) {
            LocalDate next = switch (unit) {
                case P1D -> day.plusDays(1);
                case P1W -> day.plusWeeks(1);
                case P1M -> day.plusMonths(1);
                default -> throw new IllegalStateException(unit.name());
            };
            Instant nominalStart = day.atStartOfDay(zone).toInstant();
            Instant nominalEnd = next.atStartOfDay(zone).toInstant();
            Instant start = nominalStart.isBefore(from) ? from : nominalStart;
            Instant end = nominalEnd.isAfter(to) ? to : nominalEnd;
            if (end.isAfter(start)) {
                ZonedDateTime labelTime = nominalStart.atZone(zone);
                list.add(new ReportPeriod(labelTime.toLocalDateTime(), labelTime.getOffset(), start, end));
            }
            if (!nominalEnd.isBefore(to)) {
                return list;
            }
            day = next;
        }
    }

    private static LocalDate calendarStart(LocalDate d, PeriodUnit unit) {
        return switch (unit) {
            case P1D -> d;
            case P1W -> d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case P1M -> d.withDayOfMonth(1);
            default -> throw new IllegalStateException(unit.name());
        };
    }

    /**
     * Buckets map exactly to local periods only if every offset in use is a multiple of 15 minutes
     * (true for every zone since 1980 or so; historic local mean times like +00:53:28 are not).
     */
    private static void requireQuarterHourOffsets(ZoneId zone, Instant from, Instant to) {
        ZoneRules rules = zone.getRules();
        // A calendar period may start up to a month before from, so look a little wider.
        Instant t = from.minusSeconds(40L * 86400);
        checkOffset(zone, rules.getOffset(t));
        ZoneOffsetTransition tr = rules.nextTransition(t);
        Instant limit = to.plusSeconds(40L * 86400);
        while (tr != null && tr.getInstant().isBefore(limit)) {
            checkOffset(zone, tr.getOffsetAfter());
            tr = rules.nextTransition(tr.getInstant());
        }
    }

    private static void checkOffset(ZoneId zone, ZoneOffset offset) {
        if (offset.getTotalSeconds() % (15 * 60) != 0) {
            throw new IllegalArgumentException("time zone " + zone + " uses offset " + offset
                    + ", which is not a multiple of 15 minutes: 15-minute UTC buckets cannot be reported in it");
        }
    }
}
