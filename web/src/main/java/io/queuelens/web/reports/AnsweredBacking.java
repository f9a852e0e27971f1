package io.queuelens.web.reports;

import io.queuelens.kpi.entity.QueueFigures;
import io.queuelens.reports.boundary.CallReports;
import io.queuelens.reports.entity.AgentAnswered;
import io.queuelens.reports.entity.SummaryReport;
import io.queuelens.reports.entity.SummaryRow;
import io.queuelens.rollups.entity.PeriodUnit;
import io.queuelens.web.i18n.Messages;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.omnifaces.cdi.ViewScoped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Backs reports/answered.xhtml: answered calls per queue (rollups), per agent (facts), how long
 * answered callers waited (bands in the URL, counted by the database) and the service level per period.
 */
@Named
@ViewScoped
public class AnsweredBacking extends ReportPage {

    private static final long serialVersionUID = 1L;

    /** The queue table's columns: the answered side of the summary. */
    public static final List<String> QUEUE_FIGURES = List.of("offered", "answered", "answeredInSla", "serviceLevel",
            "answerRate", "asa", "maxWait", "avgTalk", "aht", "transferred");
    /** The agent table's columns: figures of the visits each agent answered. */
    public static final List<String> AGENT_FIGURES = List.of("answered", "answeredInSla", "asa", "avgTalk", "aht",
            "transferred");

    /** One agent line: the agent and each figure formatted, by figure name. */
    public record AgentLine(String agent, String displayName, Map<String, String> cells) {
    }

    @Inject
    io.queuelens.web.names.NamesLookup names;

    @Inject
    CallReports calls;

    private transient SummaryView byQueue;
    private transient List<AgentLine> agents;
    private transient WaitView waits;
    private transient String slaChart;
    private List<String> agentChoices = List.of();

    public AnsweredBacking() {
        super(PeriodUnit.P1D);
    }

    @Override
    protected void run(Selection s, Locale locale) {
        FigureFormat format = new FigureFormat(locale);
        io.queuelens.names.entity.NameBook book = names.book(s.request().tenant());
        byQueue = new SummaryView(summaries.summary(ReportFilters.perQueue(s.request())), locale, Messages::text, book::queue);
        List<AgentAnswered> answered = calls.byAgent(s.request(), s.agents());
        agents = answered.stream().map(a -> agentLine(a, book.agent(a.agent()), format)).toList();
        TreeSet<String> choices = new TreeSet<>(s.agents());
        choices.addAll(s.agents().isEmpty() ? answered.stream().map(AgentAnswered::agent).toList()
                : calls.agentNames(s.request()));
        agentChoices = List.copyOf(choices);
        waits = new WaitView(calls.answerWaits(s.request(), s.agents(), s.buckets()), locale,
                Messages.text("rpages.answered.waits.series"), Messages.text("summary.chart.calls"), "#1f6feb");
        slaChart = slaChart(summaries.summary(ReportFilters.perInterval(s.request(), filters.intervalUnit())), locale);
    }

    private static AgentLine agentLine(AgentAnswered a, String shownName, FigureFormat format) {
        Map<String, Object> values = a.figures().asMap();
        Map<String, String> cells = new LinkedHashMap<>();
        AGENT_FIGURES.forEach(f -> cells.put(f, format.format(f, values.get(f))));
        return new AgentLine(a.agent(), shownName, cells);
    }

    /** Per period: answered and answered within the target as bars, the service level as a line. */
    private static String slaChart(SummaryReport perInterval, Locale locale) {
        SummaryView view = new SummaryView(perInterval, locale, Messages::text);
        List<QueueFigures> f = perInterval.rows().stream().map(SummaryRow::figures).toList();
        return new ChartJson(view.lines().stream().map(SummaryView.Line::label).toList())
                .bars(Messages.text("summary.fig.answered"), f.stream().map(QueueFigures::answered).toList(), "#9ec5fe")
                .bars(Messages.text("summary.fig.answeredInSla"), f.stream().map(QueueFigures::answeredInSla).toList(), "#1f6feb")
                .percentLine(Messages.text("summary.fig.serviceLevel"), f.stream().map(QueueFigures::serviceLevel).toList(), "#1a7f37")
                .toJson(Messages.text("summary.chart.calls"));
    }

    @Override
    protected String outcome() {
        return "/reports/answered";
    }

    public SummaryView getByQueue() {
        return byQueue;
    }

    public List<AgentLine> getAgents() {
        return agents;
    }

    public WaitView getWaits() {
        return waits;
    }

    public String getSlaChart() {
        return slaChart;
    }

    public List<String> getAgentChoices() {
        return agentChoices;
    }

    public List<String> getQueueFigures() {
        return QUEUE_FIGURES;
    }

    public List<String> getAgentFigures() {
        return AGENT_FIGURES;
    }
}
