package io.queuelens.web.reports;

import io.queuelens.kpi.entity.QueueFigures;
import io.queuelens.kpi.entity.QueueTotals;
import io.queuelens.reports.boundary.CallReports;
import io.queuelens.reports.entity.HourOfDay;
import io.queuelens.reports.entity.SummaryReport;
import io.queuelens.reports.entity.SummaryRequest;
import io.queuelens.reports.entity.SummaryRow;
import io.queuelens.rollups.entity.PeriodUnit;
import io.queuelens.web.i18n.Messages;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.omnifaces.cdi.ViewScoped;

import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;

/**
 * Backs reports/queues.xhtml: one queue at a time (the first with data when none is chosen), with
 * every figure, how its visits ended, its average day per local hour and its figures per period.
 */
@Named
@ViewScoped
public class QueuePageBacking extends ReportPage {

    private static final long serialVersionUID = 1L;

    /** One outcome: its name, count, and share of the offered visits. */
    public record OutcomeLine(String outcome, String count, String share) {
    }

    /** One hour of the average day. */
    public record HourLine(String hour, String hours, String avgOffered, String avgAnswered) {
    }

    @Inject
    io.queuelens.web.names.NamesLookup names;

    @Inject
    CallReports calls;

    private transient SummaryView view;
    private transient List<OutcomeLine> outcomes;
    private transient String outcomeChart;
    private transient List<HourLine> hours;
    private transient String hourChart;
    private transient String intervalChart;
    private String queue;

    public QueuePageBacking() {
        super(PeriodUnit.P1D);
    }

    @Override
    protected void run(Selection s, Locale locale) {
        SummaryRequest r = s.request();
        queue = r.queues().isEmpty() ? getQueueChoices().stream().findFirst().orElse(null) : r.queues().get(0);
        if (queue == null) {
            return; // no queue has data in the range: the page says so
        }
        filters.setQueue(queue);
        SummaryRequest one = new SummaryRequest(r.tenant(), r.from(), r.to(), r.zone(), List.of(queue), r.groupBy(), r.interval());
        SummaryReport report = summaries.summary(ReportFilters.perQueue(one));
        view = new SummaryView(report, locale, Messages::text, names.book(report.request().tenant())::queue);
        QueueTotals t = report.total().totals();
        NumberFormat count = NumberFormat.getIntegerInstance(locale);
        NumberFormat percent = NumberFormat.getPercentInstance(locale);
        percent.setMinimumFractionDigits(1);
        percent.setMaximumFractionDigits(1);
        outcomes = Outcomes.ALL.stream().map(o -> new OutcomeLine(o, count.format(Outcomes.count(t, o)),
                t.offered() == 0 ? FigureFormat.NO_DATA : percent.format((double) Outcomes.count(t, o) / t.offered()))).toList();
        outcomeChart = new ChartJson(Outcomes.ALL.stream().map(o -> Outcomes.label(o)).toList())
                .bars(Messages.text("rpages.count"), Outcomes.ALL.stream().map(o -> Outcomes.count(t, o)).toList(), "#1f6feb")
                .toJson(Messages.text("summary.chart.calls"));

        List<HourOfDay> profile = calls.hourlyProfile(one);
        NumberFormat avg = NumberFormat.getNumberInstance(locale);
        avg.setMinimumFractionDigits(1);
        avg.setMaximumFractionDigits(1);
        hours = profile.stream().map(h -> new HourLine(hour(h.hour()), count.format(h.hours()),
                h.avgOffered() == null ? FigureFormat.NO_DATA : avg.format(h.avgOffered()),
                h.avgAnswered() == null ? FigureFormat.NO_DATA : avg.format(h.avgAnswered()))).toList();
        hourChart = new ChartJson(profile.stream().map(h -> hour(h.hour())).toList())
                .bars(Messages.text("rpages.queue.avgOffered"), profile.stream().map(HourOfDay::avgOffered).toList(), "#9ec5fe")
                .bars(Messages.text("rpages.queue.avgAnswered"), profile.stream().map(HourOfDay::avgAnswered).toList(), "#1f6feb")
                .toJson(Messages.text("rpages.queue.callsPerHour"));
        intervalChart = IntervalsBacking.chart(summaries.summary(ReportFilters.perInterval(one, filters.intervalUnit())), locale);
    }

    private static String hour(int h) {
        return (h < 10 ? "0" : "") + h + ":00";
    }

    /** The tooltip of an outcome: its expression and what it counts. */
    public String formula(String outcome) {
        return Outcomes.tooltip(outcome);
    }

    @Override
    protected String outcome() {
        return "/reports/queues";
    }

    public String getQueue() {
        return queue;
    }

    public SummaryView getView() {
        return view;
    }

    public List<OutcomeLine> getOutcomes() {
        return outcomes;
    }

    public String getOutcomeChart() {
        return outcomeChart;
    }

    public List<HourLine> getHours() {
        return hours;
    }

    public String getHourChart() {
        return hourChart;
    }

    public String getIntervalChart() {
        return intervalChart;
    }

    public List<String> getFigures() {
        return SummaryView.FIGURES;
    }

}
