package io.queuelens.web.reports;

import io.queuelens.kpi.entity.QueueTotals;
import io.queuelens.reports.boundary.CallReports;
import io.queuelens.reports.entity.AbandonedCall;
import io.queuelens.reports.entity.SummaryReport;
import io.queuelens.reports.entity.SummaryRequest;
import io.queuelens.reports.entity.SummaryRow;
import io.queuelens.rollups.entity.PeriodUnit;
import io.queuelens.web.i18n.Messages;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.omnifaces.cdi.ViewScoped;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Backs reports/unanswered.xhtml: unanswered visits by outcome per queue (rollups), how long
 * abandoning callers waited (bands, counted by the database), and the abandoned calls to call back,
 * a page at a time from the database, each telling whether the caller was answered later.
 */
@Named
@ViewScoped
public class UnansweredBacking extends ReportPage {

    private static final long serialVersionUID = 1L;

    /** One queue line: the queue (or the total) and each outcome count formatted. */
    public record OutcomeLine(String label, Map<String, String> cells) {
    }

    @Inject
    CallReports calls;

    private transient List<OutcomeLine> outcomes;
    private transient OutcomeLine total;
    private transient String outcomeChart;
    private transient WaitView waits;
    private transient SummaryRequest request;
    private transient DateTimeFormatter times;
    private final AbandonedModel abandoned = new AbandonedModel();

    public UnansweredBacking() {
        super(PeriodUnit.P1D);
    }

    @Override
    protected void run(Selection s, Locale locale) {
        request = s.request();
        FigureFormat format = new FigureFormat(locale);
        SummaryReport perQueue = summaries.summary(ReportFilters.perQueue(request));
        outcomes = perQueue.rows().stream().map(r -> line(r.queue(), r.totals(), format)).toList();
        total = line(Messages.text("summary.total"), perQueue.total().totals(), format);
        ChartJson chart = new ChartJson(perQueue.rows().stream().map(SummaryRow::queue).toList()).stacked();
        String[] colors = {"#cf222e", "#ff8182", "#bf8700", "#8250df", "#57606a", "#0969da", "#000000"};
        for (int i = 0; i < Outcomes.UNANSWERED.size(); i++) {
            String o = Outcomes.UNANSWERED.get(i);
            chart.bars(Outcomes.label(o),
                    perQueue.rows().stream().map(r -> Outcomes.count(r.totals(), o)).toList(), colors[i]);
        }
        outcomeChart = chart.toJson(Messages.text("summary.chart.calls"));
        waits = new WaitView(calls.abandonWaits(request, s.buckets()), locale,
                Messages.text("rpages.unanswered.waits.series"), Messages.text("summary.chart.calls"), "#cf222e");
        times = times(locale, request.zone());
    }

    private static OutcomeLine line(String label, QueueTotals t, FigureFormat format) {
        Map<String, String> cells = new LinkedHashMap<>();
        Outcomes.UNANSWERED.forEach(o -> cells.put(o, format.format(o, Outcomes.count(t, o))));
        cells.put("unanswered", format.format("unanswered", t.unanswered()));
        return new OutcomeLine(label, cells);
    }

    private static DateTimeFormatter times(Locale locale, ZoneId zone) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT, FormatStyle.MEDIUM).withLocale(locale).withZone(zone);
    }

    /** The abandoned calls of the report's range and queues, fetched a page at a time. */
    public final class AbandonedModel extends LazyDataModel<AbandonedCall> {

        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return current() == null ? 0 : (int) Math.min(Integer.MAX_VALUE, calls.abandonedCount(current()));
        }

        @Override
        public List<AbandonedCall> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
            return current() == null ? List.of() : calls.abandoned(current(), first, pageSize);
        }

        @Override
        public String getRowKey(AbandonedCall call) {
            return call.sourceId() + "|" + call.callId() + "|" + call.visitSeq();
        }

        @Override
        public AbandonedCall getRowData(String rowKey) {
            return null; // no row selection on this table
        }
    }

    /** The request of this view; rebuilt from the URL's filters after the view was restored. */
    private SummaryRequest current() {
        if (request == null && isReady()) {
            load();
        }
        return request;
    }

    /** A time in the report's zone, with seconds. */
    public String time(Instant t) {
        if (times == null) {
            times = times(FacesContext.getCurrentInstance().getViewRoot().getLocale(), current().zone());
        }
        return t == null ? "" : times.format(t);
    }

    public String waitTime(int seconds) {
        return FigureFormat.minutesSeconds(seconds);
    }

    /** The tooltip of an outcome column: its expression and what it counts. */
    public String formula(String outcome) {
        return Outcomes.tooltip(outcome);
    }

    @Override
    protected String outcome() {
        return "/reports/unanswered";
    }

    public List<OutcomeLine> getOutcomes() {
        return outcomes;
    }

    public OutcomeLine getTotal() {
        return total;
    }

    public String getOutcomeChart() {
        return outcomeChart;
    }

    public WaitView getWaits() {
        return waits;
    }

    public AbandonedModel getAbandoned() {
        return abandoned;
    }

    public List<String> getOutcomeNames() {
        return Outcomes.UNANSWERED;
    }
}
