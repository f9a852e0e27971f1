package io.queuelens.subscriptions.entity;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The period a run reports on, relative to the run's scheduled instant in the report's time zone:
 * whole local days, so the period is the same whether the run is on time or a few minutes late.
 */
public enum PeriodKind {
    /** The local day before the run. */
    YESTERDAY("yesterday"),
    /** The seven local days before the run's day. */
    LAST_7_DAYS("last-7-days"),
    /** Monday to Sunday of the week before the run's week. */
    LAST_WEEK("last-week"),
    /** The calendar month before the run's month. */
    LAST_MONTH("last-month");

    private final String apiName;

    PeriodKind(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    public static Optional<PeriodKind> ofApiName(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.apiName.equals(v)).findFirst();
    }

    /** The first and last local day of the period for a run at {@code runAt}. */
    public LocalDate[] days(Instant runAt, ZoneId zone) {
        LocalDate today = runAt.atZone(zone).toLocalDate();
        return switch (this) {
            case YESTERDAY -> new LocalDate[]{today.minusDays(1), today.minusDays(1)};
            case LAST_7_DAYS -> new LocalDate[]{today.minusDays(7), today.minusDays(1)};
            case LAST_WEEK -> {
                LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(1);
                yield new LocalDate[]{monday, monday.plusDays(6)};
            }
            case LAST_MONTH -> {
                LocalDate first = today.withDayOfMonth(1).minusMonths(1);
                yield new LocalDate[]{first, first.with(TemporalAdjusters.lastDayOfMonth())};
            }
        };
    }

    /** [from, to) as instants: the start of the first day to the start of the day after the last. */
    public Instant[] range(Instant runAt, ZoneId zone) {
        LocalDate[] d = days(runAt, zone);
        return new Instant[]{d[0].atStartOfDay(zone).toInstant(), d[1].plusDays(1).atStartOfDay(zone).toInstant()};
    }
}
