package io.queuelens.web.reports;

import io.queuelens.reports.entity.WaitBand;

import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;

/**
 * A wait-time distribution as a page shows it: per band the count and its share of all visits
 * counted, and a bar chart of the counts.
 */
public final class WaitView {

    /** One table line; {@code upper} is empty for the open last band. */
    public record Line(String label, String lower, String upper, String count, String share) {
    }

    private final List<Line> lines;
    private final String total;
    private final String chart;

    WaitView(List<WaitBand> bands, Locale locale, String seriesLabel, String axisTitle, String color) {
        long sum = bands.stream().mapToLong(WaitBand::count).sum();
        NumberFormat count = NumberFormat.getIntegerInstance(locale);
        NumberFormat percent = NumberFormat.getPercentInstance(locale);
        percent.setMinimumFractionDigits(1);
        percent.setMaximumFractionDigits(1);
        percent.setRoundingMode(RoundingMode.HALF_UP);
        this.lines = bands.stream().map(b -> new Line(b.label(), String.valueOf(b.fromSeconds()),
                b.toSeconds() == null ? "" : String.valueOf(b.toSeconds()), count.format(b.count()),
                sum == 0 ? FigureFormat.NO_DATA : percent.format((double) b.count() / sum))).toList();
        this.total = count.format(sum);
        this.chart = new ChartJson(bands.stream().map(WaitBand::label).toList())
                .bars(seriesLabel, bands.stream().map(WaitBand::count).toList(), color).toJson(axisTitle);
    }

    public List<Line> lines() {
        return lines;
    }

    public String total() {
        return total;
    }

    public String chart() {
        return chart;
    }
}
