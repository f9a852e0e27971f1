package io.queuelens.web.reports;

import io.queuelens.reports.entity.InvalidReportRequest;
import io.queuelens.rollups.entity.PeriodUnit;
import org.junit.jupiter.api.Test;

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
    void weeksAndMonthsWidenTheChosenDaysToWholePeriodsDaysKeepThem() {
        ReportFilters weeks = new ReportFilters(PeriodUnit.P1D);
        weeks.setInterval("P1W");
        weeks.setFrom("2026-11-19"); // a Thursday
        weeks.setTo("2026-11-22");   // exclusive: the last day is Saturday the 21st
        weeks.fillDefaults(ZoneId.of("Europe/Berlin"));
        assertThat(weeks.getFrom()).isEqualTo("2026-11-16");
        assertThat(weeks.getTo()).isEqualTo("2026-11-23");

        ReportFilters months = new ReportFilters(PeriodUnit.P1D);
        months.setInterval("P1M");
        months.setFrom("2026-10-25");
        months.setTo("2026-11-03");
        months.fillDefaults(ZoneId.of("Europe/Berlin"));
        assertThat(months.getFrom()).isEqualTo("2026-10-01");
        assertThat(months.getTo()).isEqualTo("2026-12-01");

        ReportFilters days = new ReportFilters(PeriodUnit.P1D);
        days.setFrom("2026-11-19");
        days.setTo("2026-11-22");
        days.fillDefaults(ZoneId.of("Europe/Berlin"));
        assertThat(days.getFrom()).isEqualTo("2026-11-19");
        assertThat(days.getTo()).isEqualTo("2026-11-22");
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
}
