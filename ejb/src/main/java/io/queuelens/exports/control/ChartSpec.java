package io.queuelens.exports.control;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A chart of a report as the PDF draws it: categories along the x axis, one or more series of values.
 *
 * @param series series name -> one value per category (null = no data)
 */
public record ChartSpec(String title, Kind kind, String valueAxis, List<String> categories,
                        Map<String, List<Number>> series) {

    public enum Kind { BAR, LINE }

    public ChartSpec {
        categories = List.copyOf(categories);
        series = new LinkedHashMap<>(series);
    }
}
