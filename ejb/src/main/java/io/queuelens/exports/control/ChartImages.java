package io.queuelens.exports.control;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;

/** A report's chart drawn on the server with JFreeChart (headless AWT), for the PDF. */
public final class ChartImages {

    private ChartImages() {
    }

    public static BufferedImage render(ChartSpec spec, int width, int height) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Map.Entry<String, List<Number>> s : spec.series().entrySet()) {
            for (int i = 0; i < spec.categories().size(); i++) {
                Number v = i < s.getValue().size() ? s.getValue().get(i) : null;
                data.addValue(v, s.getKey(), spec.categories().get(i));
            }
        }
        JFreeChart chart = spec.kind() == ChartSpec.Kind.LINE
                ? ChartFactory.createLineChart(spec.title(), null, spec.valueAxis(), data, PlotOrientation.VERTICAL, true, false, false)
                : ChartFactory.createBarChart(spec.title(), null, spec.valueAxis(), data, PlotOrientation.VERTICAL, true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        if (spec.categories().size() > 8) {
            plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        return chart.createBufferedImage(width, height);
    }
}
