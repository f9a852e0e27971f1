package io.queuelens.web.reports;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

import java.util.ArrayList;
import java.util.List;

/**
 * Chart.js configurations for {@code <p:chart>}: bars of calls on the left axis, optionally a
 * percentage line on a 0..100 right axis (as on the summary page). Values may be null (a gap).
 */
final class ChartJson {

    /** One series: its kind ({@code bar} or {@code line}), legend text, values and colour. */
    record Series(String type, String label, List<? extends Number> values, String color) {
    }

    private final List<String> labels;
    private final List<Series> series = new ArrayList<>();
    private boolean stacked;

    ChartJson(List<String> labels) {
        this.labels = List.copyOf(labels);
    }

    ChartJson bars(String label, List<? extends Number> values, String color) {
        series.add(new Series("bar", label, values, color));
        return this;
    }

    /** A percentage line on the right axis (0..100). */
    ChartJson percentLine(String label, List<? extends Number> values, String color) {
        series.add(new Series("line", label, values, color));
        return this;
    }

    ChartJson stacked() {
        stacked = true;
        return this;
    }

    /**
     * PrimeFaces writes this JSON as it is into the page's widget script, so a queue or agent name holding
     * {@code </script>} would end the script early: the JSON's {@code <}, {@code >} and {@code &} (which can
     * only occur inside its strings) are written as unicode escapes, which read back as the same text.
     */
    String toJson(String leftAxisTitle) {
        JsonArrayBuilder datasets = Json.createArrayBuilder();
        boolean anyLine = false;
        for (Series s : series) {
            JsonArrayBuilder data = Json.createArrayBuilder();
            for (Number n : s.values()) {
                if (n == null) {
                    data.addNull();
                } else if (n instanceof Double d) {
                    data.add(Math.round(d * 10) / 10.0);
                } else {
                    data.add(n.longValue());
                }
            }
            boolean line = "line".equals(s.type());
            anyLine |= line;
            JsonObjectBuilder ds = Json.createObjectBuilder().add("type", s.type()).add("label", s.label()).add("data", data)
                    .add("backgroundColor", s.color()).add("borderColor", s.color()).add("yAxisID", line ? "y1" : "y")
                    .add("order", line ? 0 : 1);
            if (line) {
                ds.add("spanGaps", true).add("tension", 0.2);
            }
            datasets.add(ds);
        }
        JsonObjectBuilder scales = Json.createObjectBuilder()
                .add("x", Json.createObjectBuilder().add("stacked", stacked))
                .add("y", Json.createObjectBuilder().add("beginAtZero", true).add("position", "left").add("stacked", stacked)
                        .add("title", Json.createObjectBuilder().add("display", true).add("text", leftAxisTitle)));
        if (anyLine) {
            scales.add("y1", Json.createObjectBuilder().add("min", 0).add("max", 100).add("position", "right")
                    .add("grid", Json.createObjectBuilder().add("drawOnChartArea", false))
                    .add("title", Json.createObjectBuilder().add("display", true).add("text", "%")));
        }
        JsonArrayBuilder labelArray = Json.createArrayBuilder();
        labels.forEach(labelArray::add);
        return scriptSafe(Json.createObjectBuilder().add("type", "bar")
                .add("data", Json.createObjectBuilder().add("labels", labelArray).add("datasets", datasets))
                .add("options", Json.createObjectBuilder().add("responsive", true).add("maintainAspectRatio", false)
                        .add("animation", false).add("scales", scales))
                .build().toString());
    }

    /**
     * JSON that may stand inside a {@code <script>}: {@code <}, {@code >} and {@code &} (which can only occur
     * inside its strings) as unicode escapes, so no name can end the script (see {@link #toJson}).
     */
    static String scriptSafe(String json) {
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    }
}
