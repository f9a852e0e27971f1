package io.queuelens.ingest.control;

import io.queuelens.calls.control.FactBatch;
import io.queuelens.calls.entity.AgentSession;
import io.queuelens.calls.entity.AssemblerState;
import io.queuelens.calls.entity.Checkpoint;
import io.queuelens.calls.entity.Outcome;
import io.queuelens.calls.entity.QueueVisit;
import io.queuelens.kpi.control.KpiSettingsHistory;
import io.queuelens.rollups.control.QueueRollupRefresher;
import io.queuelens.testsupport.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A bulk import's commits run on a thread of their own while the import reads on: the caller gets control back
 * before its batch is committed, and a failed commit is thrown by the next call, with nothing after it stored
 * (as when every commit was waited for: a killed import resumes from the last stored checkpoint).
 */
class DeferredCommitTest {

    private static final String T = "t1";

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void theCallerGoesOnWhileItsBatchIsCommittedOnTheCommitThread(String kind) throws Exception {
        try (TestDatabases.Db db = TestDatabases.open(kind)) {
            List<Runnable> commits = new ArrayList<>();
            FactCommitter committer = committer(db.dataSource());
            committer.commitOn(commits::add);

            committer.commitDeferred(day(2), List.of(), checkpoint(1, 2), "t:");
            assertThat(commits).as("handed to the commit thread").hasSize(1);
            assertThat(sessions(db)).as("not committed yet").isEqualTo("");
            assertThat(committer.lastCheckpoint()).isEmpty();

            runAll(commits);
            assertThat(sessions(db)).isEqualTo("SIP/100|2|\n");
            assertThat(committer.lastCheckpoint().orElseThrow().position()).isEqualTo("1");

            committer.commitDeferred(day(3), List.of(), checkpoint(2, 3), "t:");
            runAll(commits);
            committer.settleDeferred(state(3));
            assertThat(sessions(db)).isEqualTo("SIP/100|2|\nSIP/100|3|\n");
            assertThat(committer.lastCheckpoint().orElseThrow().position()).isEqualTo("2");
            try (java.sql.Connection c = db.dataSource().getConnection()) {
                assertThat(new io.queuelens.reports.control.AgentRollupReader().read(c, T, Instant.parse("2026-03-03T08:00:00Z"),
                        Instant.parse("2026-03-10T00:00:00Z"), List.of())).as("the second day's buckets, settled after its commit")
                        .hasSize(12);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void aFailedCommitIsThrownByTheNextCallAndNothingAfterItIsStored(String kind) throws Exception {
        try (TestDatabases.Db db = TestDatabases.open(kind)) {
            FactCommitter committer = committer(QueueLogFileIngestionTest.failingCommit(db.dataSource(), 2));
            committer.commitDeferred(day(2), List.of(), checkpoint(1, 2), "t:");
            committer.commitDeferred(day(3), List.of(), checkpoint(2, 3), "t:"); // its commit fails on the commit thread
            assertThatThrownBy(() -> committer.commitDeferred(day(4), List.of(), checkpoint(3, 4), "t:"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("simulated crash");
            committer.abandonWave();
            assertThat(sessions(db)).as("the first batch only").isEqualTo("SIP/100|2|\n");
            assertThat(committer.lastCheckpoint().orElseThrow().position()).isEqualTo("1");
        }
        try (TestDatabases.Db db = TestDatabases.open(kind)) {
            FactCommitter committer = committer(QueueLogFileIngestionTest.failingCommit(db.dataSource(), 1));
            committer.commitDeferred(day(2), List.of(), checkpoint(1, 2), "t:");
            assertThatThrownBy(() -> committer.settleDeferred(state(2)))
                    .isInstanceOf(SQLException.class).hasMessageContaining("simulated crash");
            committer.abandonWave();
            assertThat(sessions(db)).isEqualTo("");
            assertThat(committer.lastCheckpoint()).isEmpty();
        }
    }

    /**
     * A batch with visits is two transactions: the visits with what they owe the rollups, handed over first, and the rest
     * with the checkpoint, which waits for the visits' commit before its own. Killed between the two, the visits are
     * stored beyond the checkpoint and owed; killed in the visits' transaction, nothing of the batch is stored.
     */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void aBatchsVisitsCommitFirstWithWhatTheyOweAndTheCheckpointOnlyAfterThem(String kind) throws Exception {
        try (TestDatabases.Db db = TestDatabases.open(kind)) {
            List<Runnable> commits = new ArrayList<>();
            FactCommitter committer = committer(db.dataSource());
            committer.commitOn(commits::add);
            committer.commitDeferred(dayWithCall(2), List.of(), checkpoint(1, 2), "t:");
            assertThat(commits).as("the visits' transaction, then the rest's").hasSize(2);

            commits.remove(0).run();
            assertThat(visits(db)).as("the visits committed on their own").isEqualTo("c2|\n");
            assertThat(db.rows("select count(*) from rollup_backlog")).as("with what they owe").isEqualTo("1|\n");
            assertThat(sessions(db)).isEqualTo("");
            assertThat(committer.lastCheckpoint()).isEmpty();

            runAll(commits);
            assertThat(sessions(db)).isEqualTo("SIP/100|2|\n");
            assertThat(committer.lastCheckpoint().orElseThrow().position()).isEqualTo("1");
            committer.settleDeferred(state(2));
            assertThat(db.rows("select sum(offered), sum(answered) from rollup_queue_15m")).isEqualTo("1|1|\n");
        }
        // the n-th commit fails: 1 = the first batch's visits, 2 = its rest (after the visits committed)
        for (int failing : new int[]{1, 2}) {
            try (TestDatabases.Db db = TestDatabases.open(kind)) {
                FactCommitter committer = committer(QueueLogFileIngestionTest.failingCommit(db.dataSource(), failing));
                committer.commitDeferred(dayWithCall(2), List.of(), checkpoint(1, 2), "t:");
                assertThatThrownBy(() -> committer.settleDeferred(state(2)))
                        .isInstanceOf(SQLException.class).hasMessageContaining("simulated crash");
                committer.abandonWave();
                assertThat(sessions(db)).as("killed at commit " + failing).isEqualTo("");
                assertThat(committer.lastCheckpoint()).isEmpty();
                assertThat(visits(db)).as("killed at commit " + failing).isEqualTo(failing == 1 ? "" : "c2|\n");
                assertThat(db.rows("select count(*) from rollup_backlog")).isEqualTo(failing == 1 ? "0|\n" : "1|\n");

                FactCommitter again = committer(db.dataSource()); // settling what is owed counts the stored visit
                again.settleDeferred(state(2));
                assertThat(db.rows("select count(*), coalesce(sum(offered), 0) from rollup_queue_15m where offered > 0"))
                        .isEqualTo(failing == 1 ? "0|0|\n" : "1|1|\n");
            }
        }
    }

    private static String visits(TestDatabases.Db db) throws SQLException {
        return db.rows("select call_id from queue_visit order by call_id");
    }

    /** {@link #day} and a call SIP/100 answered at 09:00 that day. */
    private static FactBatch dayWithCall(int day) {
        FactBatch b = day(day);
        Instant entered = Instant.parse("2026-03-0" + day + "T09:00:00Z");
        b.visit(new QueueVisit(T, "src", "c" + day, 1, "sales", "5551234", null, null, entered, entered.plusSeconds(5),
                entered.plusSeconds(65), Outcome.ANSWERED, 5, 5, 60, 0, "SIP/100", false, null, "CALLER", null, 1, 0, null));
        return b;
    }

    private static FactCommitter committer(DataSource ds) {
        return new FactCommitter(ds, T, "src", "test", new QueueRollupRefresher(T, KpiSettingsHistory.defaultsOnly()));
    }

    private static String sessions(TestDatabases.Db db) throws SQLException {
        return db.rows("select agent, extract(day from login_at) from agent_session order by login_at");
    }

    /** SIP/100's session on the given day of March 2026, 08:00-11:00 UTC. */
    private static FactBatch day(int day) {
        FactBatch b = new FactBatch();
        String d = "2026-03-0" + day;
        b.session(new AgentSession(T, "src", "SIP/100", "sales", Instant.parse(d + "T08:00:00Z"), Instant.parse(d + "T11:00:00Z")));
        return b;
    }

    private static AssemblerState state(int day) {
        return new AssemblerState(Instant.parse("2026-03-0" + day + "T12:00:00Z"), List.of(), List.of(), List.of());
    }

    private static Checkpoint checkpoint(int position, int day) {
        return new Checkpoint(Integer.toString(position), state(day));
    }

    private static void runAll(List<Runnable> tasks) {
        List<Runnable> now = new ArrayList<>(tasks);
        tasks.clear();
        now.forEach(Runnable::run);
    }
}
