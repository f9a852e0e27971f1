package io.queuelens.web.reports;

import io.queuelens.kpi.entity.QueueFigures;
import io.queuelens.reports.entity.SummaryReport;
import io.queuelens.reports.entity.SummaryRow;
import io.queuelens.rollups.entity.PeriodUnit;
import io.queuelens.web.i18n.Messages;
import jakarta.inject.Named;
import org.omnifaces.cdi.ViewScoped;

import java.util.List;
import java.util.Locale;

/**
 * Backs reports/intervals.xhtml: the summary per 15/30/60 minutes, day, week or month in the chosen
 * zone. Periods come from the rollups' DST-correct grid, so a 23- or 25-hour day has 23 or 25 hourly
 * rows (the repeated hour told apart by its offset).
 */
@Named
@ViewScoped
public class IntervalsBacking extends ReportPage {

    private static final long serialVersionUID = 1L;

    private transient SummaryView view;
    private transient String chart;

    public IntervalsBacking() {
        super(PeriodUnit.P1D);
    }

    @Override
    protected void run(Selection s, Locale locale) {
        SummaryReport report = summaries.summary(ReportFilters.perInterval(s.request(), filters.intervalUnit()));
        view = new SummaryView(report, locale, Messages::text);
        chart = chart(report, locale);
    }

    /** Offered, answered and abandoned bars with the service level as a line, one group per period. */
    static String chart(SummaryReport perInterval, Locale locale) {
        SummaryView view = new SummaryView(perInterval, locale, Messages::text);
        List<QueueFigures> f = perInterval.rows().stream().map(SummaryRow::figures).toList();
        return new ChartJson(view.lines().stream().map(SummaryView.Line::label).toList())
                .bars(Messages.text("summary.fig.offered"), f.stream().map(QueueFigures::offered).toList(), "#9ec5fe")
                .bars(Messages.text("summary.fig.answered"), f.stream().map(QueueFigures::answered).toList(), "#1f6feb")
                .bars(Messages.text("summary.fig.abandoned"), f.stream().map(QueueFigures::abandoned).toList(), "#cf222e")
                .percentLine(Messages.text("summary.fig.serviceLevel"), f.stream().map(QueueFigures::serviceLevel).toList(), "#1a7f37")
                .toJson(Messages.text("summary.chart.calls"));
    }

    @Override
    protected String outcome() {
        return "/reports/intervals";
    }

    public SummaryView getView() {
        return view;
    }

    public String getChart() {
        return chart;
    }

    public List<String> getFigures() {
        return SummaryView.FIGURES;
    }
}
