package io.queuelens.web.reports;

import io.queuelens.kpi.control.Formulas;
import io.queuelens.kpi.entity.KpiSettings;
import io.queuelens.kpi.entity.QueueFigures;
import io.queuelens.reports.entity.SettingsUsed;
import io.queuelens.reports.entity.SummaryReport;
import io.queuelens.reports.entity.SummaryRow;
import io.queuelens.rollups.entity.PeriodUnit;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A {@link SummaryReport} as the summary page shows it: one formatted line per row and the total,
 * the formula of every figure for the settings used, and the chart's Chart.js configuration.
 * Pages call the record accessors as methods ({@code line.cells()}): EL 5 has no record properties.
 */
public final class SummaryView {

    /** Every queue figure of KPI.md, in its order: one table column each. */
    public static final List<String> FIGURES = List.copyOf(
            new QueueFigures(0, 0, 0, 0, 0, 0, null, null, null, null, null, null, null, null, 0, null, 0).asMap().keySet());

    /** One table line: the queue or period, and each figure formatted, by figure name. */
    public record Line(String label, Map<String, String> cells) {
    }

    private final SummaryReport report;
    private final List<Line> lines;
    private final Line total;
    private final Map<String, String> formulas;
    private final String chart;

    SummaryView(SummaryReport report, Locale locale, Function<String, String> text) {
        this(report, locale, text, q -> q);
    }

    /** @param queueName the display name of a queue id (names component) */
    SummaryView(SummaryReport report, Locale locale, Function<String, String> text, Function<String, String> queueName) {
        this.report = report;
        FigureFormat format = new FigureFormat(locale);
        DateTimeFormatter periods = periodFormat(report.request().rowPeriod(), locale);
        this.lines = report.rows().stream()
                .map(r -> line(r.queue() != null ? queueName.apply(r.queue()) : periods.format(r.start()), r, format)).toList();
        this.total = line(text.apply("summary.total"), report.total(), format);
        this.formulas = formulas(report.settings());
        this.chart = chart(text);
    }

    public List<Line> lines() {
        return lines;
    }

    public Line total() {
        return total;
    }

    /** The formula of a figure with the values of every settings version the report used. */
    public String formula(String figure) {
        return formulas.getOrDefault(figure, "");
    }

    /** Chart.js configuration for {@code <p:chart>}: offered and answered bars, service level as a line. */
    public String chart() {
        return chart;
    }

    /** Each settings version used, with its values, as the report states it (KPI.md). */
    public List<String> settings() {
        return report.settings().stream().map(s -> s.version() + ": " + s.description()
                + (s.known() ? "" : " → " + s.usedInstead())).toList();
    }

    public List<String> notes() {
        return report.notes();
    }

    private static Line line(String label, SummaryRow row, FigureFormat format) {
        Map<String, String> cells = new LinkedHashMap<>();
        row.figures().asMap().forEach((figure, value) -> cells.put(figure, format.format(figure, value)));
        return new Line(label, cells);
    }

    /** With no data no version was used; the formulas are then those of the defaults every bucket would get. */
    private static Map<String, String> formulas(List<SettingsUsed> used) {
        Map<String, String> m = new LinkedHashMap<>();
        if (used.stream().noneMatch(SettingsUsed::known)) {
            Formulas.queue(KpiSettings.DEFAULTS).forEach((f, formula) -> m.put(f, formula.render(KpiSettings.DEFAULTS)
                    + "\n" + formula.definition()));
            return m;
        }
        for (String figure : FIGURES) {
            m.put(figure, used.stream().filter(SettingsUsed::known).map(s -> s.formulas().get(figure))
                    .distinct().collect(Collectors.joining("\n")) + "\n" + Formulas.queue(KpiSettings.DEFAULTS)
                    .get(figure).definition());
        }
        return m;
    }

    private String chart(Function<String, String> text) {
        JsonArrayBuilder labels = Json.createArrayBuilder();
        JsonArrayBuilder offered = Json.createArrayBuilder();
        JsonArrayBuilder answered = Json.createArrayBuilder();
        JsonArrayBuilder serviceLevel = Json.createArrayBuilder();
        for (int i = 0; i < lines.size(); i++) {
            QueueFigures f = report.rows().get(i).figures();
            labels.add(lines.get(i).label());
            offered.add(f.offered());
            answered.add(f.answered());
            if (f.serviceLevel() == null) {
                serviceLevel.addNull();
            } else {
                serviceLevel.add(Math.round(f.serviceLevel() * 10) / 10.0);
            }
        }
        JsonArrayBuilder datasets = Json.createArrayBuilder()
                .add(dataset("bar", text.apply("summary.fig.offered"), offered, "#9ec5fe", "y"))
                .add(dataset("bar", text.apply("summary.fig.answered"), answered, "#1f6feb", "y"))
                .add(dataset("line", text.apply("summary.fig.serviceLevel"), serviceLevel, "#1a7f37", "y1")
                        .add("spanGaps", true).add("tension", 0.2));
        JsonObjectBuilder scales = Json.createObjectBuilder()
                .add("y", Json.createObjectBuilder().add("beginAtZero", true).add("position", "left")
                        .add("title", Json.createObjectBuilder().add("display", true).add("text", text.apply("summary.chart.calls"))))
                .add("y1", Json.createObjectBuilder().add("min", 0).add("max", 100).add("position", "right")
                        .add("grid", Json.createObjectBuilder().add("drawOnChartArea", false))
                        .add("title", Json.createObjectBuilder().add("display", true).add("text", "%")));
        // names are user data: the JSON goes into a script (ChartJson.scriptSafe)
        return ChartJson.scriptSafe(Json.createObjectBuilder().add("type", "bar")
                .add("data", Json.createObjectBuilder().add("labels", labels).add("datasets", datasets))
                .add("options", Json.createObjectBuilder().add("responsive", true).add("maintainAspectRatio", false)
                        .add("animation", false).add("scales", scales))
                .build().toString());
    }

    private static JsonObjectBuilder dataset(String type, String label, JsonArrayBuilder data, String color, String axis) {
        return Json.createObjectBuilder().add("type", type).add("label", label).add("data", data)
                .add("backgroundColor", color).add("borderColor", color).add("yAxisID", axis).add("order", "line".equals(type) ? 0 : 1);
    }

    private static DateTimeFormatter periodFormat(PeriodUnit unit, Locale locale) {
        if (unit == null || unit.isSubDay()) {
            return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT).withLocale(locale);
        }
        return unit == PeriodUnit.P1M ? DateTimeFormatter.ofPattern("LLLL yyyy", locale)
                : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale);
    }
}
