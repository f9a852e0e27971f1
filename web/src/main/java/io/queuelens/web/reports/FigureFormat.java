package io.queuelens.web.reports;

import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.Locale;
import java.util.Set;

/**
 * How a queue figure reads on a page: counts with the locale's grouping, percentages with one
 * decimal in the locale's percent style, times as m:ss, and no data as "–" (never 0).
 */
final class FigureFormat {

    static final String NO_DATA = "–";

    private static final Set<String> PERCENT = Set.of("serviceLevel", "answerRate", "abandonRate", "repeatRate");
    private static final Set<String> TIME = Set.of("asa", "avgAbandonWait", "maxWait", "avgTalk", "aht");

    private final NumberFormat count;
    private final NumberFormat percent;

    FigureFormat(Locale locale) {
        count = NumberFormat.getIntegerInstance(locale);
        percent = NumberFormat.getPercentInstance(locale);
        percent.setMinimumFractionDigits(1);
        percent.setMaximumFractionDigits(1);
        percent.setRoundingMode(RoundingMode.HALF_UP);
    }

    /** @param value a {@code QueueFigures.asMap()} value: Long, Double (0..100 or seconds) or null */
    String format(String figure, Object value) {
        if (value == null) {
            return NO_DATA;
        }
        double v = ((Number) value).doubleValue();
        if (PERCENT.contains(figure)) {
            return percent.format(v / 100.0);
        }
        if (TIME.contains(figure)) {
            return minutesSeconds(v);
        }
        return count.format(((Number) value).longValue());
    }

    /** Seconds, rounded to the nearest second, as m:ss (minutes are not wrapped into hours). */
    static String minutesSeconds(double seconds) {
        long s = Math.round(seconds);
        return (s / 60) + ":" + (s % 60 < 10 ? "0" : "") + (s % 60);
    }
}
