package io.queuelens.sources.demo.control;

import java.time.DayOfWeek;
import java.time.ZonedDateTime;

/**
 * How busy the contact center is at a local time, relative to a weekday's morning peak (1.0): quiet
 * nights, a morning peak around 10:30, an afternoon peak around 14:30, lighter Saturdays and very light
 * Sundays. Shaped after typical inbound service traffic.
 */
final class ArrivalCurve {

    /** An upper bound of {@link #factor} (thinning needs one). */
    static final double MAX_FACTOR = 1.2;

    private ArrivalCurve() {
    }

    static double factor(ZonedDateTime local) {
        double hour = local.getHour() + local.getMinute() / 60.0 + local.getSecond() / 3600.0;
        double shape = 0.02
                + 1.00 * Math.exp(-square((hour - 10.5) / 1.6))
                + 0.85 * Math.exp(-square((hour - 14.5) / 1.8))
                + 0.10 * Math.exp(-square((hour - 19.0) / 1.5));
        return Math.min(MAX_FACTOR, shape * dayFactor(local.getDayOfWeek()));
    }

    static double dayFactor(DayOfWeek day) {
        return switch (day) {
            case MONDAY -> 1.10; // the Monday backlog
            case SATURDAY -> 0.35;
            case SUNDAY -> 0.15;
            default -> 1.0;
        };
    }

    private static double square(double x) {
        return x * x;
    }
}
