package io.queuelens.names;

import io.queuelens.kpi.entity.AgentTotals;
import io.queuelens.kpi.entity.KpiSettings;
import io.queuelens.names.entity.DisplayName;
import io.queuelens.names.entity.NameBook;
import io.queuelens.names.entity.NameKind;
import io.queuelens.names.entity.NameOrigin;
import io.queuelens.reports.boundary.AgentReports;
import io.queuelens.reports.control.AgentReportAccumulator;
import io.queuelens.reports.entity.AgentGroupBy;
import io.queuelens.reports.entity.AgentReport;
import io.queuelens.reports.entity.AgentReportRequest;
import io.queuelens.reports.entity.AgentReportRow;
import io.queuelens.rollups.entity.AgentBucket;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent report shows one row per agent: the system names of one person add up (names.NameBook). */
class AgentUnificationTest {

    private static final Instant DAY = Instant.parse("2026-11-20T00:00:00Z");
    private static final NameBook BOOK = NameBook.of("t1", List.of(new DisplayName("t1", NameKind.AGENT,
            "Local/1001@from-queue/n", "Alice Able", NameOrigin.LEARNED, DAY, "system")));

    private static AgentTotals talk(long seconds) {
        return new AgentTotals(seconds * 1000, Map.of(), seconds * 1000, 0, 0, 1, 0);
    }

    @Test
    void theSessionsOfAgent1001AndTheCallsOfItsMemberNameAreOneRow() {
        AgentReportRequest request = new AgentReportRequest("t1", DAY, DAY.plusSeconds(86400), ZoneOffset.UTC, List.of(),
                List.of(), AgentGroupBy.AGENT, null);
        AgentReportAccumulator acc = new AgentReportAccumulator(request, KpiSettings.DEFAULTS, BOOK::agentIdentity);
        acc.accept(new AgentBucket("t1", "Alice Able", DAY.plusSeconds(900), talk(60)));
        acc.accept(new AgentBucket("t1", "Agent/1001", DAY.plusSeconds(1800), talk(30)));
        acc.accept(new AgentBucket("t1", "Agent/1002", DAY.plusSeconds(1800), talk(10)));
        AgentReport report = acc.finish(List.of());
        assertThat(report.rows()).extracting(AgentReportRow::agent).containsExactly("Agent/1001", "Agent/1002");
        assertThat(report.rows().get(0).totals()).isEqualTo(talk(60).plus(talk(30)));
        assertThat(report.total().totals()).isEqualTo(talk(60).plus(talk(30)).plus(talk(10)));
    }

    @Test
    void withoutABookEverySystemNameStaysItsOwnRow() {
        AgentReportRequest request = new AgentReportRequest("t1", DAY, DAY.plusSeconds(86400), ZoneOffset.UTC, List.of(),
                List.of(), AgentGroupBy.AGENT, null);
        AgentReportAccumulator acc = new AgentReportAccumulator(request, KpiSettings.DEFAULTS);
        acc.accept(new AgentBucket("t1", "Alice Able", DAY, talk(60)));
        acc.accept(new AgentBucket("t1", "Agent/1001", DAY, talk(30)));
        assertThat(acc.finish(List.of()).rows()).extracting(AgentReportRow::agent).containsExactly("Agent/1001", "Alice Able");
    }

    @Test
    void anAgentFilterAlsoReadsTheOtherSystemNamesOfThatAgent() {
        assertThat(AgentReports.sameAgents(List.of("Agent/1001"), List.of("Agent/1001", "Agent/1002", "Alice Able", "PJSIP/1001"),
                BOOK::agentIdentity)).containsExactly("Agent/1001", "Alice Able", "PJSIP/1001");
        assertThat(AgentReports.sameAgents(List.of("Bob"), List.of("Agent/1001", "Bob"), BOOK::agentIdentity))
                .containsExactly("Bob");
    }
}
