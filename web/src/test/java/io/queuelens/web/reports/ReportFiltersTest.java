package io.queuelens.web.reports;

import io.queuelens.reports.entity.InvalidReportRequest;
import io.queuelens.rollups.entity.PeriodUnit;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportFiltersTest {

    @Test
    void defaultsAddTheBandsAndThePagesIntervalToTheSummaryDefaults() {
        ReportFilters f = new ReportFilters(PeriodUnit.PT1H);
        f.fillDefaults(ZoneId.of("Europe/Berlin"));
        assertThat(f.getBuckets()).isEqualTo("0,10,20,30,60,120,300");
        assertThat(f.getInterval()).isEqualTo("PT1H");
        assertThat(f.intervalUnit()).isEqualTo(PeriodUnit.PT1H);
        assertThat(f.getTz()).isEqualTo("Europe/Berlin");
        assertThat(f.waitBuckets().bandCount()).isEqualTo(7);
    }

    @Test
    void agentsAreTrimmedDeduplicatedAndAnEmptyNameIsRefusedOnTheAgentsField() {
        ReportFilters f = new ReportFilters(PeriodUnit.P1D);
        f.setAgents(" Agent/1 ,Agent/2,Agent/1");
        assertThat(f.agentNames()).containsExactly("Agent/1", "Agent/2");
        f.setAgentList(List.of("SIP/100"));
        assertThat(f.getAgents()).isEqualTo("SIP/100");
        f.setAgents("Agent/1,,Agent/2");
        assertThatThrownBy(f::agentNames).isInstanceOfSatisfying(InvalidReportRequest.class,
                e -> assertThat(e.parameter()).isEqualTo("agents"));
        char[] longName = new char[ReportFilters.MAX_AGENT_NAME + 1];
        Arrays.fill(longName, 'a');
        f.setAgents(new String(longName));
        assertThatThrownBy(f::agentNames).hasMessageContaining("at most");
    }

    @Test
    void theQueuePageKeepsOneQueueInTheQueuesParameter() {
        ReportFilters f = new ReportFilters(PeriodUnit.P1D);
        f.setQueue(" sales ");
        assertThat(f.getQueues()).isEqualTo("sales");
        assertThat(f.getQueue()).isEqualTo("sales");
        f.setQueues("support,sales");
        assertThat(f.getQueue()).isEqualTo("support");
    }

    @Test
    void chartsHaveBarsOnTheLeftAndPercentagesOnARightAxisWithGapsForNoData() {
        String json = new ChartJson(List.of("a", "b")).bars("Offered", List.of(3L, 4L), "#000")
                .percentLine("SL", Arrays.asList(50.04, null), "#111").toJson("Calls");
        JsonObject chart = Json.createReader(new StringReader(json)).readObject();
        assertThat(chart.getJsonObject("data").getJsonArray("labels").getString(1)).isEqualTo("b");
        var datasets = chart.getJsonObject("data").getJsonArray("datasets");
        assertThat(datasets.getJsonObject(0).getJsonArray("data").getJsonNumber(1).longValue()).isEqualTo(4);
        assertThat(datasets.getJsonObject(1).getString("yAxisID")).isEqualTo("y1");
        assertThat(datasets.getJsonObject(1).getJsonArray("data").getJsonNumber(0).doubleValue()).isEqualTo(50.0);
        assertThat(datasets.getJsonObject(1).getJsonArray("data").isNull(1)).isTrue();
        assertThat(chart.getJsonObject("options").getJsonObject("scales").getJsonObject("y1").getInt("max")).isEqualTo(100);
    }
}
