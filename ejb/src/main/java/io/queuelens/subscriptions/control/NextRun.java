package io.queuelens.subscriptions.control;

import io.queuelens.subscriptions.entity.Schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * The instants a schedule fires at, in a time zone. Pure: no clock, no database.
 *
 * <p>DST: a local time a spring-forward skips (02:30 in Berlin on the last Sunday of March) fires at
 * the next valid instant, the end of the gap (03:00 local); a local time a fall-back repeats (02:30 on
 * the last Sunday of October) fires once, at its first occurrence (summer time). Each local day gives
 * at most one instant, so no day runs twice and none is skipped.
 */
public final class NextRun {

    /** A monthly day 31 recurs at least every 31 days; a weekly one every 7: a year is plenty. */
    private static final int MAX_DAYS_AHEAD = 400;

    private NextRun() {
    }

    /** The first instant of the schedule strictly after {@code after}. */
    public static Instant after(Schedule schedule, ZoneId zone, Instant after) {
        LocalDate day = after.atZone(zone).toLocalDate().minusDays(1);
        for (int i = 0; i < MAX_DAYS_AHEAD; i++, day = day.plusDays(1)) {
            if (!matches(schedule, day)) {
                continue;
            }
            Instant at = at(day, schedule, zone);
            if (at.isAfter(after)) {
                return at;
            }
        }
        throw new IllegalStateException("no run of " + schedule + " within " + MAX_DAYS_AHEAD + " days of " + after);
    }

    /** Whether the schedule runs on this local day (monthly: the day of month, or the month's last day when shorter). */
    public static boolean matches(Schedule s, LocalDate day) {
        return switch (s.frequency()) {
            case DAILY -> true;
            case WEEKLY -> day.getDayOfWeek() == s.weekday();
            case MONTHLY -> day.getDayOfMonth() == Math.min(s.dayOfMonth(), day.lengthOfMonth());
        };
    }

    /** The instant of the schedule's local time on {@code day}, DST-resolved as the class says. */
    public static Instant at(LocalDate day, Schedule s, ZoneId zone) {
        LocalDateTime local = LocalDateTime.of(day, s.at());
        ZoneRules rules = zone.getRules();
        if (rules.getValidOffsets(local).isEmpty()) {
            ZoneOffsetTransition gap = rules.getTransition(local);
            return gap.getInstant();
        }
        // In an overlap atZone keeps the earlier offset: the first occurrence.
        return local.atZone(zone).toInstant();
    }
}
