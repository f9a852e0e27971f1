package io.queuelens.web.reports;

import io.queuelens.kpi.control.KpiCalculator;
import io.queuelens.kpi.entity.AgentTotals;
import io.queuelens.kpi.entity.KpiSettings;
import io.queuelens.reports.entity.AgentGroupBy;
import io.queuelens.reports.entity.AgentReport;
import io.queuelens.reports.entity.AgentReportRequest;
import io.queuelens.reports.entity.AgentReportRow;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the agent page shows for a report: formatted figures, pause reasons, formulas and the chart. */
class AgentsViewTest {

    @Test
    void figuresReasonsFormulasAndChart() {
        AgentReportRequest req = new AgentReportRequest("acme", Instant.parse("2026-11-19T23:00:00Z"),
                Instant.parse("2026-11-20T23:00:00Z"), ZoneId.of("Europe/Berlin"), List.of(), List.of(),
                AgentGroupBy.AGENT, null);
        AgentTotals t = new AgentTotals(8 * 3_600_000L + 5_000, Map.of("Lunch", 1_800_000L, "ACW", 600_000L, "(none)", 60_000L),
                3 * 3_600_000L, 600_000, 600_000, 42, 3);
        AgentReportRow row = new AgentReportRow("SIP/100", null, KpiCalculator.agentFigures(t, KpiSettings.DEFAULTS), t);
        AgentsView view = new AgentsView(new AgentReport(req, List.of(row), row, KpiSettings.DEFAULTS, List.of("a note")),
                Locale.ENGLISH, key -> "[" + key + "]");

        AgentsView.Line line = view.lines().get(0);
        assertThat(line.label()).isEqualTo("SIP/100");
        assertThat(line.cells()).containsEntry("loggedIn", "8:00:05").containsEntry("paused", "0:41:00")
                .containsEntry("answered", "42").containsEntry("utilization", "37.5%");
        assertThat(line.cells().keySet()).containsExactlyElementsOf(AgentsView.FIGURES);
        assertThat(view.total().label()).isEqualTo("[summary.total]");

        assertThat(view.reasons()).extracting(AgentsView.Reason::reason).containsExactly("[agents.noReason]", "ACW", "Lunch");
        assertThat(view.reasons().get(1).billable()).isTrue();
        assertThat(view.reasons().get(2).billable()).isFalse();
        assertThat(view.reasons().get(2).time()).isEqualTo("0:30:00");

        assertThat(view.formula("occupancy")).contains("occupancy = 100 * (talk + hold + acw)").contains("billablePauseReasons");
        assertThat(view.chart()).contains("\"stacked\":true").contains("[agents.chart.talk]").contains("3.17");
        assertThat(view.notes()).containsExactly("a note");
    }

    @Test
    void emptyFiguresShowNoDataNotZero() {
        AgentsView view = new AgentsView(new AgentReport(new AgentReportRequest("acme",
                Instant.parse("2026-11-19T23:00:00Z"), Instant.parse("2026-11-20T23:00:00Z"), ZoneId.of("UTC"),
                List.of(), List.of(), AgentGroupBy.AGENT, null), List.of(),
                new AgentReportRow(null, null, KpiCalculator.agentFigures(AgentTotals.ZERO, KpiSettings.DEFAULTS),
                        AgentTotals.ZERO), KpiSettings.DEFAULTS, List.of()), Locale.ENGLISH, k -> k);
        assertThat(view.total().cells()).containsEntry("occupancy", FigureFormat.NO_DATA).containsEntry("loggedIn", "0:00:00");
        assertThat(view.reasons()).isEmpty();
    }
}
