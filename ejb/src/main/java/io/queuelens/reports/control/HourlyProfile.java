package io.queuelens.reports.control;

import io.queuelens.reports.entity.HourOfDay;
import io.queuelens.reports.entity.SummaryReport;
import io.queuelens.reports.entity.SummaryRow;
import io.queuelens.rollups.entity.PeriodUnit;

import java.util.ArrayList;
import java.util.List;

/**
 * The average day of a range: from an hourly summary (rows per local hour, every hour of the range
 * present, traffic or not), the average offered and answered per local hour of day. An hour that
 * occurs twice on a fall-back day counts twice; one skipped in spring does not count.
 */
public final class HourlyProfile {

    private HourlyProfile() {
    }

    /** @param hourly a summary grouped by PT1H */
    public static List<HourOfDay> of(SummaryReport hourly) {
        if (hourly.request().rowPeriod() != PeriodUnit.PT1H) {
            throw new IllegalArgumentException("an hourly profile needs rows per hour, not " + hourly.request().rowPeriod());
        }
        int[] hours = new int[24];
        long[] offered = new long[24];
        long[] answered = new long[24];
        for (SummaryRow r : hourly.rows()) {
            int h = r.start().getHour();
            hours[h]++;
            offered[h] += r.totals().offered();
            answered[h] += r.totals().answered();
        }
        List<HourOfDay> profile = new ArrayList<>(24);
        for (int h = 0; h < 24; h++) {
            profile.add(new HourOfDay(h, hours[h], offered[h], answered[h],
                    hours[h] == 0 ? null : (double) offered[h] / hours[h],
                    hours[h] == 0 ? null : (double) answered[h] / hours[h]));
        }
        return profile;
    }
}
