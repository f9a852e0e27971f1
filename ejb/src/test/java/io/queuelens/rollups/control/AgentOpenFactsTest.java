package io.queuelens.rollups.control;

import io.queuelens.calls.control.FactBatch;
import io.queuelens.calls.entity.AgentPause;
import io.queuelens.calls.entity.AgentSession;
import io.queuelens.calls.entity.AssemblerState;
import io.queuelens.calls.entity.Checkpoint;
import io.queuelens.ingest.control.FactCommitter;
import io.queuelens.kpi.control.KpiSettingsHistory;
import io.queuelens.kpi.entity.AgentTotals;
import io.queuelens.rollups.entity.AgentBucket;
import io.queuelens.testsupport.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An agent logged in now is counted up to the log's clock, batch after batch, although the session
 * is not a fact until it ends; when it ends, the rollups are exactly the timeline of the facts.
 */
class AgentOpenFactsTest {

    static final String T = AgentRollupPropertyTest.TENANT;

    static Instant at(String utc) {
        return Instant.parse("2026-03-30T" + utc + "Z");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void openSessionsAndPausesGrowWithTheClockAndTheirEndIsExact(String kind) throws Exception {
        AgentSession open = new AgentSession(T, "src", "SIP/100", "sales", at("08:00:00"), null);
        AgentPause openPause = new AgentPause(T, "src", "SIP/100", "NONE", "Lunch", at("09:50:00"), null);
        try (TestDatabases.Db db = TestDatabases.open(kind)) {
            FactCommitter committer = new FactCommitter(db.dataSource(), T, "src", "test",
                    new QueueRollupRefresher(T, KpiSettingsHistory.defaultsOnly()));

            committer.commit(new FactBatch(), List.of(), checkpoint(1, at("09:00:00"), List.of(open), List.of()), "t:");
            assertThat(total(db).loggedInMillis()).isEqualTo(3_600_000);

            committer.commit(new FactBatch(), List.of(), checkpoint(2, at("10:10:00"), List.of(open), List.of(openPause)), "t:");
            AgentTotals mid = total(db);
            assertThat(mid.loggedInMillis()).isEqualTo(130 * 60_000);
            assertThat(mid.pausedMillisByReason()).containsEntry("Lunch", 20 * 60_000L);

            // the pause and then the session end: facts now, and the rollups are the timeline of the facts
            FactBatch end = new FactBatch();
            AgentPause pause = new AgentPause(T, "src", "SIP/100", "NONE", "Lunch", at("09:50:00"), at("10:20:00"));
            AgentSession session = new AgentSession(T, "src", "SIP/100", "sales", at("08:00:00"), at("10:30:00"));
            end.pause(pause);
            end.session(session);
            committer.commit(end, List.of(), checkpoint(3, at("10:30:00"), List.of(), List.of()), "t:");
            List<AgentBucket> expected = AgentTimeline.buckets(T, "SIP/100", at("00:00:00"), at("23:00:00"),
                    List.of(session), List.of(pause), List.of(), List.of(), io.queuelens.kpi.entity.KpiSettings.DEFAULTS);
            try (Connection c = db.dataSource().getConnection()) {
                assertThat(AgentRollupPropertyTest.read(c, at("00:00:00"), at("23:00:00")))
                        .containsExactlyInAnyOrderElementsOf(expected);
            }
            assertThat(total(db).loggedInMillis()).isEqualTo(150 * 60_000);

            // a restarted reader (no previous clock) with a session open since the morning counts all of it
            FactCommitter restarted = new FactCommitter(db.dataSource(), T, "src", "test",
                    new QueueRollupRefresher(T, KpiSettingsHistory.defaultsOnly()));
            AgentSession again = new AgentSession(T, "src", "SIP/101", "sales", at("06:00:00"), null);
            restarted.commit(new FactBatch(), List.of(), checkpoint(4, at("11:00:00"), List.of(again), List.of()), "t:");
            assertThat(total(db).loggedInMillis()).isEqualTo((150 + 300) * 60_000);
        }
    }

    /**
     * A call committed after its after-call work turns the whole pause into ACW, not just the buckets
     * near the call: here a forgotten ACW pause of two and a half hours.
     */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void aCallArrivingAfterItsAcwPauseMakesTheWholePauseAcw(String kind) throws Exception {
        io.queuelens.kpi.entity.KpiSettings wide = io.queuelens.kpi.entity.KpiSettings.builder().acwMatchSeconds(300).build();
        try (TestDatabases.Db db = TestDatabases.open(kind)) {
            FactCommitter committer = new FactCommitter(db.dataSource(), T, "src", "test",
                    new QueueRollupRefresher(T, new KpiSettingsHistory(List.of(wide), List.of())));
            FactBatch first = new FactBatch();
            first.session(new AgentSession(T, "src", "SIP/100", "sales", at("09:00:00"), at("13:00:00")));
            first.pause(new AgentPause(T, "src", "SIP/100", "NONE", "ACW", at("10:18:00"), at("12:50:00")));
            committer.commit(first, List.of(), checkpoint(1, at("12:00:00"), List.of(), List.of()), "t:");
            assertThat(total(db).acwMillis()).isZero();

            FactBatch second = new FactBatch();
            second.visit(new io.queuelens.calls.entity.QueueVisit(T, "src", "c1", 1, "sales", "030", null, null,
                    at("10:04:00"), at("10:05:00"), at("10:14:00"), io.queuelens.calls.entity.Outcome.ANSWERED, 60, 3,
                    540, 0, "SIP/100", false, null, "AGENT", null, 1, 0, null));
            committer.commit(second, List.of(), checkpoint(2, at("12:00:00"), List.of(), List.of()), "t:");
            assertThat(total(db).acwMillis()).isEqualTo(152 * 60_000);
        }
    }

    private static Checkpoint checkpoint(int n, Instant clock, List<AgentSession> sessions, List<AgentPause> pauses) {
        return new Checkpoint(String.valueOf(n), new AssemblerState(clock, List.of(), sessions, pauses));
    }

    private static AgentTotals total(TestDatabases.Db db) throws Exception {
        AgentTotals sum = AgentTotals.ZERO;
        try (Connection c = db.dataSource().getConnection()) {
            for (AgentBucket b : AgentRollupPropertyTest.read(c, at("00:00:00"), at("23:00:00"))) {
                sum = sum.plus(b.totals());
            }
        }
        return sum;
    }
}
