package io.queuelens.reports.entity;

import io.queuelens.rollups.entity.Buckets;
import io.queuelens.rollups.entity.PeriodUnit;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * Where report periods of a unit start in a time zone, to check a request's bounds before any
 * period is built. A boundary of a sub-day unit is a local time whose minute of day is a multiple
 * of the unit (so PT1H in Asia/Kolkata starts at UTC xx:30); of a calendar unit, the local start
 * of a day, of a Monday, of the 1st of a month ({@code atStartOfDay}, which handles zones whose
 * midnight is skipped). Mirrors {@code rollups.control.Periods}, which builds the periods.
 */
final class PeriodGrid {

    /** Sixty-two days of 15-minute steps: further than any month boundary can be from any instant. */
    private static final int MAX_STEPS = 62 * 96;

    private PeriodGrid() {
    }

    /** Whether a period of {@code unit} in {@code zone} starts (and so the previous one ends) at {@code t}. */
    static boolean isBoundary(Instant t, ZoneId zone, PeriodUnit unit) {
        if (!Buckets.isBucketStart(t)) {
            return false;
        }
        ZonedDateTime local = t.atZone(zone);
        if (unit.isSubDay()) {
            int minuteOfDay = local.getHour() * 60 + local.getMinute();
            return local.getSecond() == 0 && minuteOfDay % unit.minutes() == 0;
        }
        boolean dayStart = local.toLocalDate().atStartOfDay(zone).toInstant().equals(t);
        return switch (unit) {
            case P1D -> dayStart;
            case P1W -> dayStart && local.getDayOfWeek() == DayOfWeek.MONDAY;
            case P1M -> dayStart && local.getDayOfMonth() == 1;
            default -> throw new IllegalStateException(unit.name());
        };
    }

    /** The last boundary at or before {@code t}. */
    static Instant floor(Instant t, ZoneId zone, PeriodUnit unit) {
        Instant b = Buckets.floor(t);
        for (int i = 0; i < MAX_STEPS && !isBoundary(b, zone, unit); i++) {
            b = b.minus(Buckets.WIDTH);
        }
        return b;
    }

    /** The first boundary at or after {@code t}. */
    static Instant ceiling(Instant t, ZoneId zone, PeriodUnit unit) {
        Instant b = Buckets.floor(t);
        if (b.isBefore(t)) {
            b = b.plus(Buckets.WIDTH);
        }
        for (int i = 0; i < MAX_STEPS && !isBoundary(b, zone, unit); i++) {
            b = b.plus(Buckets.WIDTH);
        }
        return b;
    }

    /**
     * The first offset in use around [from, to) that is not a multiple of 15 minutes, or null. Such
     * offsets (historic local mean time) put local period boundaries inside 15-minute UTC buckets.
     * Looks 40 days wider, as a calendar period may start before {@code from}.
     */
    static java.time.ZoneOffset offOffset(ZoneId zone, Instant from, Instant to) {
        ZoneRules rules = zone.getRules();
        Instant t = from.minusSeconds(40L * 86400);
        if (rules.getOffset(t).getTotalSeconds() % 900 != 0) {
            return rules.getOffset(t);
        }
        Instant limit = to.plusSeconds(40L * 86400);
        for (ZoneOffsetTransition tr = rules.nextTransition(t); tr != null && tr.getInstant().isBefore(limit);
             tr = rules.nextTransition(tr.getInstant())) {
            if (tr.getOffsetAfter().getTotalSeconds() % 900 != 0) {
                return tr.getOffsetAfter();
            }
        }
        return null;
    }

    /** An instant as the user reads it: local time with offset, e.g. {@code 2026-11-20T10:00+01:00}. */
    static String local(Instant t, ZoneId zone) {
        return OffsetDateTime.ofInstant(t, zone).toString();
    }
}
