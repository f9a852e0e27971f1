package io.queuelens.subscriptions.entity;

import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Objects;

/**
 * When a subscription runs, in the tenant's local time: every day at {@code at}, every week on
 * {@code weekday} at {@code at}, or every month on {@code dayOfMonth} (1-31; a month without that day
 * runs on its last day) at {@code at}.
 */
public record Schedule(Frequency frequency, LocalTime at, DayOfWeek weekday, Integer dayOfMonth) implements Serializable {

    public Schedule {
        Objects.requireNonNull(frequency, "frequency");
        Objects.requireNonNull(at, "at");
        at = at.withSecond(0).withNano(0);
        switch (frequency) {
            case DAILY -> {
                weekday = null;
                dayOfMonth = null;
            }
            case WEEKLY -> {
                Objects.requireNonNull(weekday, "a weekly schedule needs a weekday");
                dayOfMonth = null;
            }
            case MONTHLY -> {
                if (dayOfMonth == null || dayOfMonth < 1 || dayOfMonth > 31) {
                    throw new IllegalArgumentException("a monthly schedule needs a day of month 1..31, was " + dayOfMonth);
                }
                weekday = null;
            }
        }
    }

    public static Schedule daily(LocalTime at) {
        return new Schedule(Frequency.DAILY, at, null, null);
    }

    public static Schedule weekly(DayOfWeek day, LocalTime at) {
        return new Schedule(Frequency.WEEKLY, at, day, null);
    }

    public static Schedule monthly(int dayOfMonth, LocalTime at) {
        return new Schedule(Frequency.MONTHLY, at, null, dayOfMonth);
    }
}
