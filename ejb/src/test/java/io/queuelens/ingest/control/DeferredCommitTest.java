package io.queuelens.ingest.control;

import io.queuelens.calls.control.FactBatch;
import io.queuelens.calls.entity.AgentSession;
import io.queuelens.calls.entity.AssemblerState;
import io.queuelens.calls.entity.Checkpoint;
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
            assertThat(db.rows("select count(*) from rollup_agent_15m where bucket_start >= '2026-03-03 08:00:00'"))
                    .as("the second day's buckets, settled after its commit").isEqualTo("12|\n");
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
