package io.queuelens.web.api;

import io.queuelens.kpi.control.KpiCalculator;
import io.queuelens.kpi.entity.KpiSettings;
import io.queuelens.kpi.entity.QueueTotals;
import io.queuelens.reports.entity.GroupBy;
import io.queuelens.reports.entity.InvalidReportRequest;
import io.queuelens.reports.entity.SettingsUsed;
import io.queuelens.reports.entity.SummaryReport;
import io.queuelens.reports.entity.SummaryRequest;
import io.queuelens.reports.entity.SummaryRow;
import io.queuelens.rollups.entity.PeriodUnit;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SummaryJsonTest {

    private static final List<String> FIGURES = List.of("offered", "answered", "abandoned", "shortAbandoned", "unanswered",
            "answeredInSla", "serviceLevel", "answerRate", "abandonRate", "asa", "avgAbandonWait", "maxWait", "avgTalk",
            "aht", "transferred", "repeatRate", "uniqueCalls");

    /** 2 offered, 1 answered after 10 s with 60 s talk, 1 abandoned after 30 s. */
    private static final QueueTotals SOME = new QueueTotals(2, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 2, 0, 10, 30, 60, 0, 0, 30, 1);

    private static SummaryRow row(String queue, OffsetDateTime start, QueueTotals t, List<String> versions) {
        return new SummaryRow(queue, start, KpiCalculator.queueFigures(t, KpiSettings.DEFAULTS), t, versions);
    }

    private static SummaryRequest request(GroupBy groupBy, PeriodUnit interval) {
        return new SummaryRequest("acme", Instant.parse("2026-11-19T23:00:00Z"), Instant.parse("2026-11-20T23:00:00Z"),
                ZoneId.of("Europe/Berlin"), List.of("sales"), groupBy, interval);
    }

    @Test
    @SuppressWarnings("unchecked")
    void rowsPerQueueCarryTheQueueThenEveryFigureUnderItsKpiName() {
        SummaryReport report = new SummaryReport(request(GroupBy.QUEUE, null),
                List.of(row("sales", null, SOME, List.of("t0")), row("empty", null, QueueTotals.ZERO, List.of())),
                row(null, null, SOME, List.of("t0")),
                List.of(new SettingsUsed("t0", true, null, KpiSettings.DEFAULTS.description(), List.of("sales"), 1,
                        Map.of("offered", "offered = count(visits) [settings t0]"))),
                List.of());

        Map<String, Object> json = SummaryJson.of(report);
        assertThat(json.keySet()).containsExactly("rows", "total", "settings", "request");

        List<Map<String, Object>> rows = (List<Map<String, Object>>) json.get("rows");
        Map<String, Object> sales = rows.get(0);
        assertThat(sales.keySet()).first().isEqualTo("queue");
        assertThat(sales.keySet()).containsSubsequence(FIGURES).contains("settingsVersions").doesNotContain("start");
        assertThat(sales).containsEntry("queue", "sales").containsEntry("offered", 2L).containsEntry("answerRate", 50.0)
                .containsEntry("asa", 10.0).containsEntry("maxWait", 30.0).containsEntry("avgAbandonWait", 30.0)
                .containsEntry("settingsVersions", List.of("t0"));

        Map<String, Object> empty = rows.get(1);
        assertThat(empty).as("figures without data are present as null, not left out")
                .containsEntry("offered", 0L).containsEntry("serviceLevel", null).containsEntry("asa", null)
                .containsEntry("maxWait", null).containsKeys(FIGURES.toArray(String[]::new));

        Map<String, Object> total = (Map<String, Object>) json.get("total");
        assertThat(total).doesNotContainKeys("queue", "start").containsEntry("uniqueCalls", 2L);

        Map<String, Object> settings = (Map<String, Object>) json.get("settings");
        assertThat(settings.keySet()).containsExactly("versions", "notes");
        assertThat((List<Map<String, Object>>) settings.get("versions")).singleElement().satisfies(v -> {
            assertThat(v.keySet()).containsExactly("version", "known", "usedInstead", "description", "queues", "buckets", "formulas");
            assertThat(v).containsEntry("version", "t0").containsEntry("known", true).containsEntry("usedInstead", null);
        });

        Map<String, Object> echoed = (Map<String, Object>) json.get("request");
        assertThat(echoed).containsEntry("tenant", "acme").containsEntry("from", "2026-11-19T23:00:00Z")
                .containsEntry("fromLocal", "2026-11-20T00:00+01:00").containsEntry("toLocal", "2026-11-21T00:00+01:00")
                .containsEntry("tz", "Europe/Berlin").containsEntry("queues", List.of("sales"))
                .containsEntry("groupBy", "queue").containsEntry("interval", null);
    }

    @Test
    @SuppressWarnings("unchecked")
    void rowsPerIntervalCarryTheLocalStartWithItsOffsetInsteadOfAQueue() {
        OffsetDateTime secondTwoOClock = OffsetDateTime.parse("2026-10-25T02:00+01:00");
        SummaryReport report = new SummaryReport(request(GroupBy.INTERVAL, PeriodUnit.PT1H),
                List.of(row(null, secondTwoOClock, SOME, List.of("t0"))), row(null, null, SOME, List.of("t0")),
                List.of(), List.of("a note"));

        Map<String, Object> json = SummaryJson.of(report);
        Map<String, Object> first = ((List<Map<String, Object>>) json.get("rows")).get(0);
        assertThat(first.keySet()).first().isEqualTo("start");
        assertThat(first).containsEntry("start", "2026-10-25T02:00+01:00").doesNotContainKey("queue");
        assertThat((Map<String, Object>) json.get("request")).containsEntry("groupBy", "interval").containsEntry("interval", "PT1H");
        assertThat((Map<String, Object>) json.get("settings")).containsEntry("notes", List.of("a note"));
    }

    @Test
    void anInvalidRequestNamesItsFirstParameterAndListsEveryProblem() {
        InvalidReportRequest e = new InvalidReportRequest(List.of(new InvalidReportRequest.Problem("from", "from is required"),
                new InvalidReportRequest.Problem("to", "to is required")));
        Map<String, Object> body = ApiErrors.body(e);
        assertThat(body.keySet()).containsExactly("error", "parameter", "problems");
        assertThat(body).containsEntry("error", "from is required").containsEntry("parameter", "from")
                .containsEntry("problems", List.of(ApiErrors.body("from is required", "from"), ApiErrors.body("to is required", "to")));
    }
}
