package io.queuelens.web.reports;

import io.queuelens.kpi.control.Formulas;
import io.queuelens.kpi.entity.AgentFigures;
import io.queuelens.kpi.entity.Formula;
import io.queuelens.reports.entity.AgentReport;
import io.queuelens.reports.entity.AgentReportRow;
import io.queuelens.rollups.entity.PeriodUnit;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * An {@link AgentReport} as the agent page shows it: formatted lines, each figure's formula with the
 * settings used, the pause reasons of the total, and a stacked Chart.js bar per row.
 * Pages call the record accessors as methods: EL 5 has no record properties.
 */
public final class AgentsView {

    /** The table's figures, in KPI.md's order; pausedByReason has its own table. */
    public static final List<String> FIGURES = List.of("loggedIn", "paused", "billablePaused", "nonBillablePaused",
            "ready", "answered", "talk", "hold", "acw", "ringNoAnswer", "occupancy", "utilization");

    private static final Set<String> COUNTS = Set.of("answered", "ringNoAnswer");
    private static final Set<String> PERCENT = Set.of("occupancy", "utilization");

    /** One table line: the agent or period, and each figure formatted, by figure name. */
    public record Line(String label, Map<String, String> cells) {
    }

    /** One pause reason of the total: its time, its share of all paused time, whether it is billable. */
    public record Reason(String reason, String time, String share, boolean billable) {
    }

    private final AgentReport report;
    private final NumberFormat count;
    private final NumberFormat percent;
    private final List<Line> lines;
    private final Line total;
    private final List<Reason> reasons;
    private final String chart;

    AgentsView(AgentReport report, Locale locale, Function<String, String> text) {
        this(report, locale, text, a -> a);
    }

    /** @param agentName the display name of an agent's system name (names component) */
    AgentsView(AgentReport report, Locale locale, Function<String, String> text, Function<String, String> agentName) {
        this.report = report;
        count = NumberFormat.getIntegerInstance(locale);
        percent = NumberFormat.getPercentInstance(locale);
        percent.setMinimumFractionDigits(1);
        percent.setMaximumFractionDigits(1);
        percent.setRoundingMode(RoundingMode.HALF_UP);
        DateTimeFormatter periods = periodFormat(report.request().interval(), locale);
        lines = report.rows().stream()
                .map(r -> line(r.agent() != null ? agentName.apply(r.agent()) : periods.format(r.start()), r.figures())).toList();
        total = line(text.apply("summary.total"), report.total().figures());
        reasons = reasons(report.total().figures(), text);
        chart = chart(text);
    }

    public List<Line> lines() {
        return lines;
    }

    public Line total() {
        return total;
    }

    public List<Reason> reasons() {
        return reasons;
    }

    public String chart() {
        return chart;
    }

    /** The figure's formula with the values of the settings used, then what it means. */
    public String formula(String figure) {
        Formula f = Formulas.agent(report.settings()).get(figure);
        return f == null ? "" : f.render(report.settings()) + "\n" + f.definition();
    }

    public String settings() {
        return report.settings().version() + ": " + report.settings().description();
    }

    public List<String> notes() {
        return report.notes();
    }

    private Line line(String label, AgentFigures f) {
        Map<String, String> cells = new LinkedHashMap<>();
        Map<String, Object> values = f.asMap();
        for (String figure : FIGURES) {
            cells.put(figure, format(figure, values.get(figure)));
        }
        return new Line(label, cells);
    }

    String format(String figure, Object value) {
        if (value == null) {
            return FigureFormat.NO_DATA;
        }
        double v = ((Number) value).doubleValue();
        if (PERCENT.contains(figure)) {
            return percent.format(v / 100.0);
        }
        if (COUNTS.contains(figure)) {
            return count.format(((Number) value).longValue());
        }
        return hoursMinutesSeconds(v);
    }

    /** Seconds as h:mm:ss, rounded to the second: agent times run to hours. */
    static String hoursMinutesSeconds(double seconds) {
        long s = Math.round(seconds);
        return (s / 3600) + ":" + two((s / 60) % 60) + ":" + two(s % 60);
    }

    private static String two(long v) {
        return (v < 10 ? "0" : "") + v;
    }

    private List<Reason> reasons(AgentFigures f, Function<String, String> text) {
        List<Reason> out = new ArrayList<>();
        f.pausedByReason().forEach((reason, seconds) -> out.add(new Reason(
                "(none)".equals(reason) ? text.apply("agents.noReason") : reason, hoursMinutesSeconds(seconds),
                f.paused() > 0 ? percent.format(seconds / f.paused()) : FigureFormat.NO_DATA,
                report.settings().isBillable(reason))));
        return out;
    }

    /** Stacked bars per row, in hours: talk and hold, ready without a call, paused. */
    private String chart(Function<String, String> text) {
        JsonArrayBuilder labels = Json.createArrayBuilder();
        JsonArrayBuilder talk = Json.createArrayBuilder();
        JsonArrayBuilder idle = Json.createArrayBuilder();
        JsonArrayBuilder paused = Json.createArrayBuilder();
        for (int i = 0; i < lines.size(); i++) {
            AgentReportRow r = report.rows().get(i);
            AgentFigures f = r.figures();
            labels.add(lines.get(i).label());
            double handling = f.talk() + f.hold();
            talk.add(hours(handling));
            idle.add(hours(Math.max(0, f.ready() - handling)));
            paused.add(hours(f.paused()));
        }
        JsonArrayBuilder datasets = Json.createArrayBuilder()
                .add(dataset(text.apply("agents.chart.talk"), talk, "#1f6feb"))
                .add(dataset(text.apply("agents.chart.idle"), idle, "#9ec5fe"))
                .add(dataset(text.apply("agents.chart.paused"), paused, "#d29922"));
        JsonObjectBuilder scales = Json.createObjectBuilder()
                .add("x", Json.createObjectBuilder().add("stacked", true))
                .add("y", Json.createObjectBuilder().add("stacked", true).add("beginAtZero", true)
                        .add("title", Json.createObjectBuilder().add("display", true).add("text", text.apply("agents.chart.hours"))));
        // names are user data: the JSON goes into a script (ChartJson.scriptSafe)
        return ChartJson.scriptSafe(Json.createObjectBuilder().add("type", "bar")
                .add("data", Json.createObjectBuilder().add("labels", labels).add("datasets", datasets))
                .add("options", Json.createObjectBuilder().add("responsive", true).add("maintainAspectRatio", false)
                        .add("animation", false).add("scales", scales))
                .build().toString());
    }

    private static double hours(double seconds) {
        return Math.round(seconds / 36.0) / 100.0;
    }

    private static JsonObjectBuilder dataset(String label, JsonArrayBuilder data, String color) {
        return Json.createObjectBuilder().add("label", label).add("data", data)
                .add("backgroundColor", color).add("borderColor", color).add("stack", "time");
    }

    private static DateTimeFormatter periodFormat(PeriodUnit unit, Locale locale) {
        if (unit == null || unit.isSubDay()) {
            return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT).withLocale(locale);
        }
        return unit == PeriodUnit.P1M ? DateTimeFormatter.ofPattern("LLLL yyyy", locale)
                : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale);
    }
}
