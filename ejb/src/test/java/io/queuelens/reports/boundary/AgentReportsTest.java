package io.queuelens.reports.boundary;

import io.queuelens.calls.control.FactBatch;
import io.queuelens.calls.entity.AgentPause;
import io.queuelens.calls.entity.AgentSession;
import io.queuelens.calls.entity.AssemblerState;
import io.queuelens.calls.entity.Checkpoint;
import io.queuelens.calls.entity.Outcome;
import io.queuelens.calls.entity.QueueVisit;
import io.queuelens.calls.entity.RingNoAnswer;
import io.queuelens.ingest.control.FactCommitter;
import io.queuelens.kpi.control.KpiCalculator;
import io.queuelens.kpi.control.KpiSettingsHistory;
import io.queuelens.kpi.entity.AgentFigures;
import io.queuelens.kpi.entity.KpiSettings;
import io.queuelens.reports.entity.AgentGroupBy;
import io.queuelens.reports.entity.AgentReport;
import io.queuelens.reports.entity.AgentReportRequest;
import io.queuelens.reports.entity.AgentReportRow;
import io.queuelens.reports.entity.InvalidReportRequest;
import io.queuelens.rollups.control.QueueRollupRefresher;
import io.queuelens.rollups.entity.PeriodUnit;
import io.queuelens.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The agent report end to end below the container: facts committed by the ingestion's committer,
 * agent rollups refreshed with them, read back by the boundary. The day is small enough to compute
 * by hand.
 */
class AgentReportsTest {

    static final String TENANT = "acme";
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    // 2026-10-25 is the night Berlin falls back from +02:00 to +01:00 (a 25-hour local day).
    static final Instant DAY = Instant.parse("2026-10-24T22:00:00Z");

    static Instant at(String utc) {
        return Instant.parse("2026-10-25T" + utc + "Z");
    }

    /**
     * SIP/100 (sales+support): logged in 08:00-12:00 UTC in both queues (counted once), PAUSEALL Lunch
     * 10:00-10:30 with a per-queue Training pause 10:10-10:20 inside it, one call 08:30:00 talk 600 s hold 60 s,
     * then ACW 08:40:00-08:41:00, one ring-no-answer. SIP/200 (billing): 09:00-10:00, no calls.
     */
    static FactBatch day() {
        FactBatch b = new FactBatch();
        b.session(new AgentSession(TENANT, "src", "SIP/100", "sales", at("08:00:00"), at("12:00:00")));
        b.session(new AgentSession(TENANT, "src", "SIP/100", "support", at("08:00:00"), at("12:00:00")));
        b.session(new AgentSession(TENANT, "src", "SIP/200", "billing", at("09:00:00"), at("10:00:00")));
        b.pause(new AgentPause(TENANT, "src", "SIP/100", "NONE", "Lunch", at("10:00:00"), at("10:30:00")));
        b.pause(new AgentPause(TENANT, "src", "SIP/100", "sales", "Training", at("10:10:00"), at("10:20:00")));
        b.pause(new AgentPause(TENANT, "src", "SIP/100", "NONE", "ACW", at("08:40:00"), at("08:41:00")));
        b.visit(new QueueVisit(TENANT, "src", "c1", 1, "sales", "0301234", null, null, at("08:29:40"), at("08:30:00"),
                at("08:40:00"), Outcome.ANSWERED, 20, 3, 600, 60, "SIP/100", false, null, "CALLER", null, 1, 1, null));
        b.ringNoAnswer(new RingNoAnswer(TENANT, "src", "c1", 1, "sales", "SIP/100", at("08:29:50"), 8000));
        return b;
    }

    static AgentReports reports(TestDatabases.Db db) throws Exception {
        new FactCommitter(db.dataSource(), TENANT, "src", "test",
                new QueueRollupRefresher(TENANT, KpiSettingsHistory.defaultsOnly()))
                .commit(day(), List.of(), new Checkpoint("1", AssemblerState.EMPTY), "test:");
        AgentReports r = new AgentReports();
        r.dataSource = db.dataSource();
        return r;
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void perAgentFiguresAreTheHandComputedDay(String kind) throws Exception {
        try (TestDatabases.Db db = TestDatabases.open(kind)) {
            AgentReport report = reports(db).agents(new AgentReportRequest(TENANT, DAY, DAY.plusSeconds(25 * 3600),
                    BERLIN, List.of(), List.of(), AgentGroupBy.AGENT, null));

            assertThat(report.rows()).extracting(AgentReportRow::agent).containsExactly("SIP/100", "SIP/200");
            AgentFigures a = report.rows().get(0).figures();
            assertThat(a.loggedIn()).isEqualTo(4 * 3600.0);
            assertThat(a.paused()).isEqualTo(1800.0 + 60.0);
            // Training started last, so 10:10-10:20 is Training, the rest of 10:00-10:30 Lunch
            assertThat(a.pausedByReason()).isEqualTo(Map.of("Lunch", 1200.0, "Training", 600.0, "ACW", 60.0));
            assertThat(a.billablePaused()).isEqualTo(60.0); // KPI.md default: ACW is billable
            assertThat(a.ready()).isEqualTo(4 * 3600.0 - 1860.0);
            assertThat(a.answered()).isEqualTo(1);
            assertThat(a.talk()).isEqualTo(600.0);
            assertThat(a.hold()).isEqualTo(60.0);
            assertThat(a.acw()).isEqualTo(60.0);
            assertThat(a.ringNoAnswer()).isEqualTo(1);
            assertThat(a.occupancy()).isCloseTo(100.0 * 720 / (4 * 3600 - 1860 + 60), within(1e-9));
            assertThat(a.utilization()).isCloseTo(100.0 * 600 / (4 * 3600), within(1e-9));

            AgentFigures b = report.rows().get(1).figures();
            assertThat(b.loggedIn()).isEqualTo(3600.0);
            assertThat(b.utilization()).isEqualTo(0.0);
            assertThat(b.occupancy()).isEqualTo(0.0);

            assertThat(report.total().totals()).isEqualTo(report.rows().get(0).totals().plus(report.rows().get(1).totals()));
            assertThat(report.total().figures())
                    .isEqualTo(KpiCalculator.agentFigures(report.total().totals(), KpiSettings.DEFAULTS));
            assertThat(report.total().agent()).isNull();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void intervalsFollowTheLocalDayAcrossTheDstChangeAndFiltersSelectAgents(String kind) throws Exception {
        try (TestDatabases.Db db = TestDatabases.open(kind)) {
            AgentReports reports = reports(db);
            AgentReport hours = reports.agents(new AgentReportRequest(TENANT, DAY, DAY.plusSeconds(25 * 3600),
                    BERLIN, List.of(), List.of(), AgentGroupBy.INTERVAL, PeriodUnit.PT1H));
            // 25 local hours; 02:00 happens twice
            assertThat(hours.rows()).hasSize(25);
            assertThat(hours.rows().get(2).start().toString()).isEqualTo("2026-10-25T02:00+02:00");
            assertThat(hours.rows().get(3).start().toString()).isEqualTo("2026-10-25T02:00+01:00");
            // 09:00 UTC = 10:00 local (+01:00): both agents logged in the whole hour
            AgentReportRow ten = hours.rows().stream().filter(r -> r.start().getHour() == 10).findFirst().orElseThrow();
            assertThat(ten.figures().loggedIn()).isEqualTo(7200.0);
            assertThat(hours.rows().stream().mapToDouble(r -> r.figures().loggedIn()).sum()).isEqualTo(5 * 3600.0);

            AgentReport billing = reports.agents(new AgentReportRequest(TENANT, DAY, DAY.plusSeconds(25 * 3600),
                    BERLIN, List.of(), List.of("billing"), AgentGroupBy.AGENT, null));
            assertThat(billing.rows()).extracting(AgentReportRow::agent).containsExactly("SIP/200");
            assertThat(billing.notes()).anySatisfy(n -> assertThat(n).contains("select agents"));

            AgentReport one = reports.agents(new AgentReportRequest(TENANT, DAY, DAY.plusSeconds(25 * 3600),
                    BERLIN, List.of("SIP/100"), List.of(), AgentGroupBy.AGENT, null));
            assertThat(one.rows()).extracting(AgentReportRow::agent).containsExactly("SIP/100");
            assertThat(one.total().totals()).isEqualTo(one.rows().get(0).totals());

            AgentReport nobody = reports.agents(new AgentReportRequest(TENANT, DAY, DAY.plusSeconds(25 * 3600),
                    BERLIN, List.of(), List.of("no-such-queue"), AgentGroupBy.AGENT, null));
            assertThat(nobody.rows()).isEmpty();
            assertThat(nobody.total().figures().loggedIn()).isZero();

            AgentReport otherTenant = reports.agents(new AgentReportRequest("other", DAY, DAY.plusSeconds(25 * 3600),
                    BERLIN, List.of(), List.of(), AgentGroupBy.AGENT, null));
            assertThat(otherTenant.rows()).isEmpty();
        }
    }

    @Test
    void badRequestsNameEveryParameter() {
        assertThatThrownBy(() -> new AgentReportRequest(TENANT, DAY.plusSeconds(60), DAY, BERLIN, List.of(" "),
                List.of(), null, null))
                .isInstanceOfSatisfying(InvalidReportRequest.class, e -> assertThat(e.problems())
                        .extracting(InvalidReportRequest.Problem::parameter)
                        .containsExactly("from", "agents", "groupBy"));
        assertThatThrownBy(() -> new AgentReportRequest(TENANT, DAY, DAY.plusSeconds(3600), BERLIN, List.of(),
                List.of(), AgentGroupBy.INTERVAL, null))
                .isInstanceOfSatisfying(InvalidReportRequest.class, e -> assertThat(e.parameter()).isEqualTo("interval"));
    }
}
