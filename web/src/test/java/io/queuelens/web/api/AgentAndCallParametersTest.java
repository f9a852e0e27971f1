package io.queuelens.web.api;

import io.queuelens.calls.entity.Outcome;
import io.queuelens.kpi.control.KpiCalculator;
import io.queuelens.kpi.entity.AgentTotals;
import io.queuelens.kpi.entity.KpiSettings;
import io.queuelens.reports.entity.AgentGroupBy;
import io.queuelens.reports.entity.AgentReport;
import io.queuelens.reports.entity.AgentReportRequest;
import io.queuelens.reports.entity.AgentReportRow;
import io.queuelens.reports.entity.CallListRequest;
import io.queuelens.reports.entity.CallSort;
import io.queuelens.reports.entity.InvalidReportRequest;
import io.queuelens.rollups.entity.PeriodUnit;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The agent report's and the call list's query parameters, and the agent report's JSON shape. */
class AgentAndCallParametersTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void agentParametersReadListsDefaultsAndIntervals() {
        AgentReportRequest r = AgentReportParameters.parse(new AgentReportParameters.Raw("acme", "2026-11-20",
                "2026-11-21", null, List.of("SIP/100,SIP/101", "SIP/102"), List.of("sales"), null, null), BERLIN);
        assertThat(r.from()).isEqualTo(Instant.parse("2026-11-19T23:00:00Z"));
        assertThat(r.agents()).containsExactly("SIP/100", "SIP/101", "SIP/102");
        assertThat(r.queues()).containsExactly("sales");
        assertThat(r.groupBy()).isEqualTo(AgentGroupBy.AGENT);

        AgentReportRequest byHour = AgentReportParameters.parse(new AgentReportParameters.Raw("acme", "2026-11-20",
                "2026-11-21", "UTC", null, null, "INTERVAL", "pt1h"), BERLIN);
        assertThat(byHour.groupBy()).isEqualTo(AgentGroupBy.INTERVAL);
        assertThat(byHour.interval()).isEqualTo(PeriodUnit.PT1H);
        assertThat(byHour.zone()).isEqualTo(ZoneId.of("UTC"));
    }

    @Test
    void badAgentParametersNameTheirParameter() {
        InvalidReportRequest e = catchThrowableOfType(() -> AgentReportParameters.parse(new AgentReportParameters.Raw(
                "acme", "yesterday", "2026-11-21", null, null, null, "queue", "PT2H"), BERLIN), InvalidReportRequest.class);
        assertThat(e.problems()).extracting(InvalidReportRequest.Problem::parameter)
                .containsExactly("from", "groupBy", "interval");
        InvalidReportRequest agents = catchThrowableOfType(() -> AgentReportParameters.parse(new AgentReportParameters.Raw(
                "acme", "2026-11-20", "2026-11-21", null, List.of("a,,b"), null, null, null), BERLIN), InvalidReportRequest.class);
        assertThat(agents.parameter()).isEqualTo("agents");
        InvalidReportRequest tz = catchThrowableOfType(() -> AgentReportParameters.parse(new AgentReportParameters.Raw(
                "acme", "2026-11-20", "2026-11-21", "Mars/Base", null, null, null, null), BERLIN), InvalidReportRequest.class);
        assertThat(tz.parameter()).isEqualTo("tz");
    }

    @Test
    void callParametersHaveDefaultsAndReadSortOutcomesAndCallers() {
        CallListRequest d = CallListParameters.parse(new CallListParameters.Raw("acme", "2026-11-20", "2026-11-21",
                null, null, null, null, null, null, null, null), BERLIN);
        assertThat(d.page()).isZero();
        assertThat(d.size()).isEqualTo(CallListParameters.DEFAULT_SIZE);
        assertThat(d.sort()).isEqualTo(CallSort.ENTERED_AT);
        assertThat(d.descending()).isTrue();

        CallListRequest r = CallListParameters.parse(new CallListParameters.Raw("acme", "2026-11-20T08:00",
                "2026-11-20T09:00", null, List.of("sales"), List.of("SIP/100"), List.of("answered,ABANDONED"),
                " 4930123", "3", "20", "wait,asc"), BERLIN);
        assertThat(r.outcomes()).containsExactlyInAnyOrder(Outcome.ANSWERED, Outcome.ABANDONED);
        assertThat(r.caller()).as("an unencoded + arrives as a space").isEqualTo("+4930123");
        assertThat(r.offset()).isEqualTo(60);
        assertThat(r.sort()).isEqualTo(CallSort.WAIT);
        assertThat(r.descending()).isFalse();
    }

    @Test
    void badCallParametersNameTheirParameter() {
        InvalidReportRequest e = catchThrowableOfType(() -> CallListParameters.parse(new CallListParameters.Raw("acme",
                "2026-11-20", "2026-11-21", null, null, null, List.of("LOST,HUNG_UP"), null, "x", "20", "price,desc"),
                BERLIN), InvalidReportRequest.class);
        assertThat(e.problems()).extracting(InvalidReportRequest.Problem::parameter)
                .containsExactly("outcome", "page", "sort");
        InvalidReportRequest size = catchThrowableOfType(() -> CallListParameters.parse(new CallListParameters.Raw("acme",
                "2026-11-20", "2026-11-21", null, null, null, null, null, null, "1001", null), BERLIN),
                InvalidReportRequest.class);
        assertThat(size.parameter()).isEqualTo("size");
    }

    @Test
    void agentJsonHasEveryFigureByItsKpiName() {
        AgentReportRequest req = new AgentReportRequest("acme", Instant.parse("2026-11-19T23:00:00Z"),
                Instant.parse("2026-11-20T23:00:00Z"), BERLIN, List.of(), List.of(), AgentGroupBy.AGENT, null);
        AgentTotals t = new AgentTotals(3_600_000, Map.of("Lunch", 600_000L, "ACW", 60_000L), 1_200_000, 60_000,
                60_000, 4, 1);
        AgentReportRow row = new AgentReportRow("SIP/100", null, KpiCalculator.agentFigures(t, KpiSettings.DEFAULTS), t);
        AgentReportRow total = new AgentReportRow(null, null, row.figures(), t);
        Map<String, Object> json = AgentReportJson.of(new AgentReport(req, List.of(row), total, KpiSettings.DEFAULTS, List.of()));
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) ((List<Object>) json.get("rows")).get(0);
        assertThat(first.keySet()).containsExactly("agent", "displayName", "loggedIn", "paused", "pausedByReason", "billablePaused",
                "nonBillablePaused", "ready", "answered", "talk", "hold", "acw", "ringNoAnswer", "occupancy", "utilization");
        assertThat(first.get("loggedIn")).isEqualTo(3600.0);
        assertThat(first.get("pausedByReason")).isEqualTo(Map.of("ACW", 60.0, "Lunch", 600.0));
        @SuppressWarnings("unchecked")
        Map<String, Object> settings = (Map<String, Object>) json.get("settings");
        assertThat(settings.get("formulas")).asString().contains("occupancy = 100 * (talk + hold + acw)");
    }
}
