package io.queuelens.ingest.control;

import io.queuelens.calls.control.FactBatch;
import io.queuelens.calls.entity.AgentPause;
import io.queuelens.calls.entity.AgentSession;
import io.queuelens.calls.entity.AssemblerState;
import io.queuelens.calls.entity.Checkpoint;
import io.queuelens.kpi.control.KpiSettingsHistory;
import io.queuelens.rollups.control.QueueRollupRefresher;
import io.queuelens.rollups.control.RollupBacklog;
import io.queuelens.testsupport.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A wave of a long import rebuilds in the background while later lines are committed. A commit made
 * meanwhile that owes rollups before the wave's cut (a session or pause the log closes only now) stays
 * owed when the wave is marked settled, and the rows end as those of a wave that finished first.
 */
class WaveSettlementTest {

    private static final String T = "t1";

    private static Instant at(String iso) {
        return Instant.parse(iso);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void aCommitDuringAWaveThatOwesBeforeItsCutStaysOwed(String kind) throws Exception {
        String expected;
        try (TestDatabases.Db reference = TestDatabases.open(kind)) {
            // the executor runs each rebuild at once, and the wave is marked settled (by the next call, which starts no
            // other) before the next commit: the order of a settlement that did not overlap the commits
            FactCommitter committer = committer(reference, Runnable::run);
            committer.commitDeferred(firstDays(), List.of(), checkpoint(1, "2026-03-06T12:00:00Z"), "t:");
            committer.settleWave(state("2026-03-06T12:00:00Z"));
            committer.settleWave(state("2026-03-06T12:00:00Z"));
            committer.commitDeferred(closedLate(), List.of(), checkpoint(2, "2026-03-06T13:00:00Z"), "t:");
            committer.settleDeferred(state("2026-03-06T13:00:00Z"));
            expected = reference.rows("select * from rollup_agent_15m order by agent, bucket_start")
                    + reference.rows("select * from rollup_agent_quiet order by agent, utc_day")
                    + reference.rows("select * from rollup_queue_15m order by queue, bucket_start");
        }
        try (TestDatabases.Db db = TestDatabases.open(kind)) {
            List<Runnable> held = new ArrayList<>();
            FactCommitter committer = committer(db, held::add);
            committer.commitDeferred(firstDays(), List.of(), checkpoint(1, "2026-03-06T12:00:00Z"), "t:");
            committer.settleWave(state("2026-03-06T12:00:00Z")); // owed since the 2nd, clock the 6th: a wave up to the 5th
            assertThat(held).as("the wave's two rebuilds, waiting").hasSize(2);

            committer.commitDeferred(closedLate(), List.of(), checkpoint(2, "2026-03-06T13:00:00Z"), "t:");
            runAll(held);
            committer.settleWave(state("2026-03-06T13:00:00Z")); // marks the wave settled (and starts the next)
            try (Connection c = db.dataSource().getConnection()) {
                RollupBacklog.Owed owed = RollupBacklog.load(c, T, "src", "test").orElseThrow();
                // the late session is owed from its login, not from the wave's cut (2026-03-05T12:00)
                assertThat(owed.from()).isEqualTo(at("2026-03-03T09:00:00Z"));
                assertThat(owed.agents()).contains("SIP/200");
            }
            runAll(held); // the next wave
            committer.settleOn(Runnable::run); // the settlement at the end waits for its queue side on this thread
            committer.settleDeferred(state("2026-03-06T13:00:00Z"));
            assertThat(db.rows("select * from rollup_agent_15m order by agent, bucket_start")
                    + db.rows("select * from rollup_agent_quiet order by agent, utc_day")
                    + db.rows("select * from rollup_queue_15m order by queue, bucket_start")).isEqualTo(expected);
            try (Connection c = db.dataSource().getConnection()) {
                assertThat(RollupBacklog.load(c, T, "src", "test")).isEmpty();
            }
        }
    }

    private static FactCommitter committer(TestDatabases.Db db, Executor settling) {
        FactCommitter committer = new FactCommitter(db.dataSource(), T, "src", "test",
                new QueueRollupRefresher(T, KpiSettingsHistory.defaultsOnly()));
        committer.settleOn(settling);
        committer.settleWavesEvery(Duration.ofDays(2));
        return committer;
    }

    /** SIP/100's sessions and a pause from the 2nd to the 6th. */
    private static FactBatch firstDays() {
        FactBatch b = new FactBatch();
        for (int day = 2; day <= 6; day++) {
            String d = "2026-03-0" + day;
            b.session(new AgentSession(T, "src", "SIP/100", "sales", at(d + "T08:00:00Z"), at(d + "T11:00:00Z")));
            b.pause(new AgentPause(T, "src", "SIP/100", "sales", "Lunch", at(d + "T10:00:00Z"), at(d + "T10:20:00Z")));
        }
        return b;
    }

    /** SIP/200's session since the 3rd and a pause in it, which the log closes only on the 6th. */
    private static FactBatch closedLate() {
        FactBatch b = new FactBatch();
        b.session(new AgentSession(T, "src", "SIP/200", "sales", at("2026-03-03T09:00:00Z"), at("2026-03-06T12:30:00Z")));
        b.pause(new AgentPause(T, "src", "SIP/200", "sales", "Break", at("2026-03-03T10:00:00Z"), at("2026-03-03T10:05:00Z")));
        return b;
    }

    private static AssemblerState state(String clock) {
        return new AssemblerState(at(clock), List.of(), List.of(), List.of());
    }

    private static Checkpoint checkpoint(int position, String clock) {
        return new Checkpoint(Integer.toString(position), state(clock));
    }

    private static void runAll(List<Runnable> tasks) {
        List<Runnable> now = new ArrayList<>(tasks);
        tasks.clear();
        now.forEach(Runnable::run);
    }
}
