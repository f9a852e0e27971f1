package io.queuelens.ingest.control;

import io.queuelens.rollups.control.QueueRollupRefresher;
import io.queuelens.sources.demo.entity.QueueLogRow;
import io.queuelens.testsupport.SampleCaptures;
import io.queuelens.testsupport.TestDatabases;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.sql.DataSource;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A simulated demo day written as a queue_log file (with malformed lines mixed in) imported into facts
 * and rollups on H2 and MariaDB: the same rows as the table import of that day, malformed lines
 * quarantined with their line numbers, and neither a kill in the middle, a resume from the checkpoint,
 * nor a re-import changes a row. Plus the real Asterisk 22 sample.
 */
class QueueLogFileIngestionTest {

    private static final String VISITS = "select * from queue_visit order by call_id, visit_seq";
    private static final String ROLLUPS = "select * from rollup_queue_15m order by queue, bucket_start";
    private static final String SESSIONS = "select * from agent_session order by agent, queue, login_at";
    private static final String AGENT_ROLLUPS = "select * from rollup_agent_15m order by agent, bucket_start";
    private static final String QUIET_QUARTERS = "select * from rollup_agent_quiet order by agent, utc_day";
    private static final String PAUSES = "select * from agent_pause order by agent, queue, start_at";
    private static final String QUARANTINE = "select position, raw_input, reason from quarantined_input order by position";

    /** Malformed lines and where they go in the file (1-based line numbers after insertion). */
    private static final TreeMap<Integer, String> MALFORMED = new TreeMap<>();

    static {
        MALFORMED.put(10, "this is not a queue_log line");
        MALFORMED.put(2_000, "1772582400|1772582400.1|support");
        MALFORMED.put(4_200, "yesterday|1772582400.9|support|NONE|ENTERQUEUE||5551234|1");
        MALFORMED.put(4_201, "");
    }

    @TempDir
    Path dir;

    /** The simulated day's rows as file lines, the malformed ones inserted, the last line without newline. */
    private static List<String> dayWithMalformedLines(List<QueueLogRow> rows) {
        List<String> lines = new ArrayList<>(rows.size() + MALFORMED.size());
        rows.forEach(r -> lines.add(withFraction(r)));
        MALFORMED.forEach((lineNumber, text) -> lines.add(lineNumber - 1, text));
        return lines;
    }

    /**
     * The row's file line with its time to the microsecond: Asterisk writes whole seconds, but the demo
     * PBX's table keeps fractions, and with them the file import must give the very rows of the table import.
     */
    private static String withFraction(QueueLogRow row) {
        String line = row.toFileLine();
        String epoch = String.format("%d.%06d", row.time().getEpochSecond(), row.time().getNano() / 1000);
        return epoch + line.substring(line.indexOf('|'));
    }

    private Path write(List<String> lines) throws Exception {
        Path file = dir.resolve("queue_log");
        Files.writeString(file, String.join("\n", lines), StandardCharsets.UTF_8); // no newline after the last line
        return file;
    }

    /** Commits of the ten-day wave import at 500 lines per batch (two per batch with visits), the waves' and the import's interleaved. */
    private static final int KILL_EARLY = 12;
    private static final int KILL_LATE = 70;

    private static QueueLogFileIngestion ingestion(DataSource ds, int linesPerCommit) {
        return new QueueLogFileIngestion("demo", "demo", "queue_log", ds,
                new QueueRollupRefresher("demo", QueueLogTableIngestionTest.SETTINGS), linesPerCommit);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void aDayFileGivesTheRowsOfTheTableImportAndQuarantinesMalformedLines(String kind) throws Exception {
        List<QueueLogRow> rows = QueueLogTableIngestionTest.simulatedDay();
        long enterQueue = rows.stream().filter(r -> r.event().equals("ENTERQUEUE")).count();
        List<String> lines = dayWithMalformedLines(rows);
        Path file = write(lines);
        String tableVisits;
        String tableRollups;
        try (TestDatabases.Db reference = TestDatabases.open(kind)) {
            QueueLogTableIngestionTest.writePbxTable(reference.dataSource(), rows);
            QueueLogTableIngestionTest.ingestAll(QueueLogTableIngestionTest.ingestion(reference.dataSource()), 5000);
            tableVisits = reference.rows(VISITS);
            tableRollups = reference.rows(ROLLUPS);
        }
        try (TestDatabases.Db db = TestDatabases.open(kind)) {
            IngestResult result = ingestion(db.dataSource(), 997).importFile(file);

            assertThat(result.linesRead()).isEqualTo(lines.size());
            assertThat(result.quarantined()).isEqualTo(MALFORMED.size());
            assertThat(result.visits()).isGreaterThanOrEqualTo(enterQueue);
            assertThat(result.bucketsRefreshed()).isPositive();
            assertThat(count(db, "select count(*) from queue_visit")).isEqualTo(enterQueue);
            assertThat(db.rows(VISITS)).isEqualTo(tableVisits);
            assertThat(db.rows(ROLLUPS)).isEqualTo(tableRollups);
            assertThat(db.rows(QUARANTINE)).isEqualTo("""
                    file:queue_log:10|this is not a queue_log line|not enough fields: 1 of at least 5 (time|callid|queue|agent|verb)|
                    file:queue_log:2000|1772582400|1772582400.1|support|not enough fields: 3 of at least 5 (time|callid|queue|agent|verb)|
                    file:queue_log:4200|yesterday|1772582400.9|support|NONE|ENTERQUEUE||5551234|1|time is not a number: 'yesterday'|
                    file:queue_log:4201||empty line|
                    """);
            // done: the checkpoint is the end of the file, the partial last line included
            assertThat(db.rows("select reader, position from ingest_checkpoint"))
                    .isEqualTo("queue_log_file:queue_log|" + Files.size(file) + "|\n");
        }
    }

    /**
     * Agent rollups do not depend on where commits fall: the table import (5000 rows a commit) and the
     * file import (997 lines, or the whole day at once) give the same rows. Whole seconds, as Asterisk
     * writes: the MySQL driver drops fractions on MariaDB when it stores facts, while the log clock
     * that open sessions are counted to keeps them in memory.
     */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void agentRollupsDoNotDependOnWhereTheCommitsFall(String kind) throws Exception {
        List<QueueLogRow> rows = QueueLogTableIngestionTest.simulatedDay().stream()
                .map(r -> new QueueLogRow(r.time().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), r.callid(),
                        r.queue(), r.agent(), r.event(), r.data()))
                .toList();
        Path file = write(rows.stream().map(QueueLogRow::toFileLine).toList());
        String tableAgentRollups;
        try (TestDatabases.Db reference = TestDatabases.open(kind)) {
            QueueLogTableIngestionTest.writePbxTable(reference.dataSource(), rows);
            QueueLogTableIngestionTest.ingestAll(QueueLogTableIngestionTest.ingestion(reference.dataSource()), 5000);
            tableAgentRollups = reference.rows(AGENT_ROLLUPS) + reference.rows(QUIET_QUARTERS);
        }
        assertThat(tableAgentRollups.lines().count()).isGreaterThan(100);
        for (int linesPerCommit : new int[]{997, 1_000_000}) {
            try (TestDatabases.Db db = TestDatabases.open(kind)) {
                ingestion(db.dataSource(), linesPerCommit).importFile(file);
                assertThat(db.rows(AGENT_ROLLUPS) + db.rows(QUIET_QUARTERS)).as(linesPerCommit + " lines a commit")
                        .isEqualTo(tableAgentRollups);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void aKilledImportResumedAStreamImportAndAReimportLeaveExactlyTheSameRows(String kind) throws Exception {
        List<String> lines = dayWithMalformedLines(QueueLogTableIngestionTest.simulatedDay());
        Path file = write(lines);
        String expected;
        try (TestDatabases.Db reference = TestDatabases.open(kind)) {
            ingestion(reference.dataSource(), 5000).importFile(file);
            expected = allFacts(reference);
        }
        // a batch is two commits, its visits' and then its other facts' with the checkpoint: killed in the third batch's
        // first (nothing of it is stored) or second (its visits are, beyond the checkpoint, and are written again)
        Stored killedInVisits = killedInTheThirdBatchAndResumed(kind, lines, file, expected, 5);
        Stored killedAfterVisits = killedInTheThirdBatchAndResumed(kind, lines, file, expected, 6);
        assertThat(killedAfterVisits.visits()).as("visits: the third batch's too").isGreaterThan(killedInVisits.visits());
        assertThat(killedAfterVisits.sessions()).as("sessions: the first two batches' only").isEqualTo(killedInVisits.sessions());
        assertThat(killedAfterVisits.pauses()).as("pauses: the first two batches' only").isEqualTo(killedInVisits.pauses());
        try (TestDatabases.Db fresh = TestDatabases.open(kind); InputStream in = Files.newInputStream(file)) {
            ingestion(fresh.dataSource(), 3000).importStream(in);
            assertThat(allFacts(fresh)).isEqualTo(expected);
        }
    }

    /** Facts a killed import left stored. */
    private record Stored(long visits, long sessions, long pauses) {
    }

    /** @return what the killed import stored, before it was resumed */
    private Stored killedInTheThirdBatchAndResumed(String kind, List<String> lines, Path file, String expected, int failing)
            throws Exception {
        try (TestDatabases.Db db = TestDatabases.open(kind)) {
            // the checkpoint of two batches of 1500 lines is stored, not the third's
            assertThatThrownBy(() -> ingestion(failingCommit(db.dataSource(), failing), 1500).importFile(file))
                    .isInstanceOf(SQLException.class).hasMessageContaining("simulated crash");
            assertThat(db.rows("select position from ingest_checkpoint")).isEqualTo(offsetAfterLine(lines, 3000) + "|\n");
            Stored killed = new Stored(count(db, "select count(*) from queue_visit"),
                    count(db, "select count(*) from agent_session"), count(db, "select count(*) from agent_pause"));

            // started again on the same file: skips what is stored, line numbers (quarantine keys) continue
            IngestResult resumed = ingestion(db.dataSource(), 1500).importFile(file);
            assertThat(resumed.linesRead()).isEqualTo(lines.size() - 3000);
            assertThat(resumed.quarantined()).isEqualTo(2); // lines 4200 and 4201; 10 and 2000 were stored before
            assertThat(allFacts(db)).isEqualTo(expected);

            // the file is done: importing it again reads nothing and changes nothing
            assertThat(ingestion(db.dataSource(), 1500).importFile(file).linesRead()).isZero();
            assertThat(allFacts(db)).isEqualTo(expected);

            // from offset 0 again (checkpoint gone): the same rows are upserted
            run(db, "delete from ingest_checkpoint");
            assertThat(ingestion(db.dataSource(), 700).importFile(file).linesRead()).isEqualTo(lines.size());
            assertThat(allFacts(db)).isEqualTo(expected);

            // the same bytes as an upload stream, under the same name
            try (InputStream in = Files.newInputStream(file)) {
                assertThat(ingestion(db.dataSource(), 2500).importStream(in).linesRead()).isEqualTo(lines.size());
            }
            assertThat(allFacts(db)).isEqualTo(expected);
            return killed;
        }
    }

    /**
     * An import writes facts first and settles their rollups at its end. Killed before that, its backlog
     * stays stored with the facts, and settling it later (the next start does) gives rollups that count
     * every stored visit and every answered call; the resumed import then ends with the reference rows.
     */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void aKilledImportLeavesItsRollupsOwedAndSettlingThemCountsEveryStoredFact(String kind) throws Exception {
        List<String> lines = dayWithMalformedLines(QueueLogTableIngestionTest.simulatedDay());
        Path file = write(lines);
        String expected;
        try (TestDatabases.Db reference = TestDatabases.open(kind)) {
            ingestion(reference.dataSource(), 5000).importFile(file);
            expected = allFacts(reference);
            assertThat(count(reference, "select count(*) from rollup_backlog")).isZero();
            assertThat(count(reference, "select count(*) from rollup_backlog_agent")).isZero();
        }
        // killed in the second batch's visits, and after the third batch's visits committed (stored beyond the
        // checkpoint, owed with them)
        for (int failing : new int[]{3, 6}) {
            killedAndSettled(kind, file, expected, failing);
        }
    }

    private void killedAndSettled(String kind, Path file, String expected, int failing) throws Exception {
        try (TestDatabases.Db db = TestDatabases.open(kind)) {
            assertThatThrownBy(() -> ingestion(failingCommit(db.dataSource(), failing), 1500).importFile(file))
                    .isInstanceOf(SQLException.class).hasMessageContaining("simulated crash");
            assertThat(count(db, "select count(*) from rollup_backlog")).isEqualTo(1);
            assertThat(count(db, "select count(*) from rollup_backlog_agent")).isPositive();
            assertThat(count(db, "select count(*) from rollup_queue_15m")).isZero(); // owed, not written
            long visits = count(db, "select count(*) from queue_visit");
            assertThat(visits).as("killed at commit " + failing).isPositive();

            assertThat(ingestion(db.dataSource(), 1500).settleLeftover()).isPositive();

            assertThat(count(db, "select count(*) from rollup_backlog")).isZero();
            assertThat(count(db, "select count(*) from rollup_backlog_agent")).isZero();
            assertThat(count(db, "select sum(offered) from rollup_queue_15m")).isEqualTo(visits);
            assertThat(count(db, "select sum(answered) from rollup_agent_15m"))
                    .isEqualTo(count(db, "select count(*) from queue_visit where outcome = 'ANSWERED' and agent is not null"));
            assertThat(ingestion(db.dataSource(), 1500).settleLeftover()).isZero(); // nothing owed any more

            ingestion(db.dataSource(), 1500).importFile(file);
            assertThat(allFacts(db)).isEqualTo(expected);
        }
    }

    /**
     * A long import settles its rollups in waves (a week at a time, up to the day before its clock) and
     * ends with exactly the rows of one settlement at its end: each wave's rest is widened by the same
     * look-back. Ten demo days, with repeat callers, ACW pauses and sessions crossing the cuts. The same when
     * a wave settles while the import commits later lines, however late it reads.
     */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void settlingInWavesGivesTheRowsOfOneSettlementAtTheEnd(String kind) throws Exception {
        Path file = tenDemoDays();
        String once;
        long bucketsOnce;
        try (TestDatabases.Db reference = TestDatabases.open(kind)) {
            bucketsOnce = ingestion(reference.dataSource(), 2000).settleWavesEvery(java.time.Duration.ofDays(365))
                    .importFile(file).bucketsRefreshed();
            once = allFacts(reference);
        }
        // waves rebuild in the background while later lines are committed: as they come, and started late, so
        // that many commits (some owing before the wave's cut: calls and sessions that began before it) land
        // while a wave reads
        var late = java.util.concurrent.CompletableFuture.delayedExecutor(150, java.util.concurrent.TimeUnit.MILLISECONDS,
                io.queuelens.rollups.control.DeferredRollups.OWN_THREAD);
        for (java.util.concurrent.Executor settling : List.of(io.queuelens.rollups.control.DeferredRollups.OWN_THREAD, late)) {
            try (TestDatabases.Db db = TestDatabases.open(kind)) {
                IngestResult r = ingestion(db.dataSource(), 500).settleOn(settling)
                        .settleWavesEvery(java.time.Duration.ofDays(2)).importFile(file);
                // the waves happened: their look-backs overlap, so more buckets were rebuilt than at once
                assertThat(r.bucketsRefreshed()).isGreaterThan(bucketsOnce);
                assertThat(allFacts(db)).isEqualTo(once);
                assertThat(count(db, "select count(*) from rollup_backlog")).isZero();
            }
        }
        // killed while waves run in the background: the n-th commit of any thread (the import's or a wave's)
        // fails, the import stops with it, and started again it ends with the same rows
        for (int failing : new int[]{KILL_EARLY, KILL_LATE}) {
            try (TestDatabases.Db db = TestDatabases.open(kind)) {
                assertThatThrownBy(() -> ingestion(failingCommit(db.dataSource(), failing), 500)
                        .settleWavesEvery(java.time.Duration.ofDays(2)).importFile(file))
                        .isInstanceOf(SQLException.class).hasMessageContaining("simulated crash");
                ingestion(db.dataSource(), 500).settleWavesEvery(java.time.Duration.ofDays(2)).importFile(file);
                assertThat(allFacts(db)).as("killed at commit " + failing).isEqualTo(once);
                assertThat(count(db, "select count(*) from rollup_backlog")).isZero();
            }
        }
    }

    /**
     * A file imported into a tenant without facts settles from the facts the import holds (reading none back), and the
     * rows are those of the same import settled from the stored facts: ten demo days over the change to summer time,
     * in two-day waves that run while later lines are committed. Importing the file again (the tenant has facts now)
     * reads the stored facts, and leaves the same rows.
     */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void settlingFromTheHeldFactsGivesTheRowsOfTheStoredOnes(String kind) throws Exception {
        Path file = tenDemoDays(java.time.LocalDate.of(2026, 3, 24));
        String stored;
        try (TestDatabases.Db reference = TestDatabases.open(kind)) {
            QueueLogFileIngestion ingestion = ingestion(reference.dataSource(), 500).holdFacts(false)
                    .settleWavesEvery(java.time.Duration.ofDays(2));
            ingestion.importFile(file);
            assertThat(ingestion.heldFacts().heldTransactions()).isZero();
            stored = allFacts(reference);
        }
        try (TestDatabases.Db db = TestDatabases.open(kind)) {
            QueueLogFileIngestion ingestion = ingestion(db.dataSource(), 500).settleWavesEvery(java.time.Duration.ofDays(2));
            ingestion.importFile(file);
            assertThat(ingestion.heldFacts().heldTransactions()).as("settlement transactions from held facts").isPositive();
            assertThat(ingestion.heldFacts().storedTransactions()).isZero();
            assertThat(allFacts(db)).isEqualTo(stored);
            assertThat(count(db, "select count(*) from rollup_backlog")).isZero();

            QueueLogFileIngestion again = ingestion(db.dataSource(), 500).settleWavesEvery(java.time.Duration.ofDays(2));
            try (InputStream in = Files.newInputStream(file)) {
                again.importStream(in);
            }
            assertThat(again.heldFacts().heldTransactions()).isZero();
            assertThat(allFacts(db)).isEqualTo(stored);
        }
    }

    /**
     * Another writer of the tenant during the import (a live source's commit of a call on the file's first day, just
     * before the first wave settles it) makes the import's settlements read the stored facts from then on, so that
     * call is counted: the rows are those of the same import and write settled from the stored facts.
     */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void anotherWriterDuringTheImportMakesItsSettlementsReadTheStoredFacts(String kind) throws Exception {
        Path file = tenDemoDays();
        java.time.Instant noon = java.time.Instant.parse("2026-03-02T11:00:00Z");
        io.queuelens.calls.entity.QueueVisit foreign = new io.queuelens.calls.entity.QueueVisit("demo", "pbx2", "99.1", 1,
                "support", "5550100", null, null, noon, noon.plusSeconds(20), noon.plusSeconds(200),
                io.queuelens.calls.entity.Outcome.ANSWERED, 20, 5, 180, 0, "Agent/9001", false, null, "CALLER", null, 1, 0, null);
        String stored = null;
        for (boolean hold : new boolean[]{false, true}) {
            try (TestDatabases.Db db = TestDatabases.open(kind)) {
                DataSource ds = db.dataSource();
                java.util.concurrent.atomic.AtomicBoolean written = new java.util.concurrent.atomic.AtomicBoolean();
                java.util.concurrent.Executor writingFirst = task -> {
                    if (written.compareAndSet(false, true)) {
                        try {
                            io.queuelens.calls.control.FactBatch batch = new io.queuelens.calls.control.FactBatch();
                            batch.visit(foreign);
                            new FactCommitter(ds, "demo", "pbx2", "live", new QueueRollupRefresher("demo",
                                    QueueLogTableIngestionTest.SETTINGS)).commit(batch, List.of(),
                                    io.queuelens.calls.entity.Checkpoint.START, "live:");
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                    io.queuelens.rollups.control.DeferredRollups.OWN_THREAD.execute(task);
                };
                QueueLogFileIngestion ingestion = ingestion(ds, 500).holdFacts(hold).settleOn(writingFirst)
                        .settleWavesEvery(java.time.Duration.ofDays(2));
                ingestion.importFile(file);
                assertThat(written).isTrue();
                assertThat(count(db, "select count(*) from queue_visit where source_id = 'pbx2'")).isOne();
                if (!hold) {
                    stored = allFacts(db);
                    continue;
                }
                assertThat(ingestion.heldFacts().heldTransactions()).isZero();
                assertThat(ingestion.heldFacts().storedTransactions()).isPositive();
                assertThat(allFacts(db)).isEqualTo(stored);
            }
        }
    }

    /**
     * Every stored queue bucket counts the after-call work that matching all stored answered calls with all stored
     * pauses gives (KPI.md: the ACW pause of the same agent starting within acwMatchSeconds of the call's end),
     * although a rebuild reads only the pauses that can match its calls. Ten demo days settled in two-day waves.
     * The demo's pauses start at their call's end, so this does not see a read window cut at the calls' ends:
     * {@link #aPauseStartingSecondsBeforeOrAfterACallsEndIsItsAfterCallWork} does.
     */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void everyQueueBucketCountsTheAfterCallWorkOfAllStoredPauses(String kind) throws Exception {
        Path file = tenDemoDays();
        try (TestDatabases.Db db = TestDatabases.open(kind)) {
            ingestion(db.dataSource(), 500).settleWavesEvery(java.time.Duration.ofDays(2)).importFile(file);
            var settings = QueueLogTableIngestionTest.SETTINGS;
            java.util.function.Function<io.queuelens.calls.entity.QueueVisit, io.queuelens.kpi.entity.KpiSettings> ofVisit =
                    v -> settings.getEffective(v.queue(), io.queuelens.rollups.entity.Buckets.floor(v.enteredAt()));
            List<io.queuelens.calls.entity.QueueVisit> visits;
            List<io.queuelens.calls.entity.AgentPause> pauses = new ArrayList<>();
            try (Connection c = db.dataSource().getConnection()) {
                visits = io.queuelens.calls.control.FactStore.visitsEnteredBetween(c, "demo",
                        java.time.Instant.EPOCH, java.time.Instant.parse("2100-01-01T00:00:00Z"));
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                        "select tenant_id, source_id, agent, queue, reason, start_at, end_at from agent_pause")) {
                    while (rs.next()) {
                        pauses.add(new io.queuelens.calls.entity.AgentPause(rs.getString(1), rs.getString(2),
                                rs.getString(3), rs.getString(4), rs.getString(5), utc(rs, 6), utc(rs, 7)));
                    }
                }
            }
            var acw = io.queuelens.rollups.control.AfterCallWorkMatcher.acwSeconds(visits, pauses, ofVisit);
            TreeMap<String, Long> expected = new TreeMap<>();
            for (var v : visits) {
                expected.merge(v.queue() + "|" + io.queuelens.rollups.entity.Buckets.floor(v.enteredAt()),
                        (long) acw.getOrDefault(v.naturalKey(), 0), Long::sum);
            }
            TreeMap<String, Long> stored = new TreeMap<>();
            try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("select queue, bucket_start, acw from rollup_queue_15m where offered > 0")) {
                while (rs.next()) {
                    stored.put(rs.getString(1) + "|" + utc(rs, 2), rs.getLong(3));
                }
            }
            assertThat(expected.values().stream().mapToLong(Long::longValue).sum()).isPositive();
            assertThat(stored).isEqualTo(expected);
        }
    }

    /**
     * The pauses that can be a call's after-call work lie on both sides of its end: Asterisk may log the PAUSE before
     * the COMPLETEAGENT, and an agent may take seconds to pause. Here the first call's pause starts 3 s before its end,
     * the last call's 4 s after (both within the default 5 s): each call of the bucket gets its pause.
     */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void aPauseStartingSecondsBeforeOrAfterACallsEndIsItsAfterCallWork(String kind) throws Exception {
        long t = 1795309200L; // a bucket start
        Path file = write(List.of(
                t + "|NONE|sales|Agent One|ADDMEMBER|",
                (t + 1) + "|" + t + ".1|sales|NONE|ENTERQUEUE||5551234|1",
                (t + 3) + "|" + t + ".1|sales|Agent One|CONNECT|2|" + t + ".2|1",
                (t + 57) + "|NONE|sales|Agent One|PAUSE|ACW",
                (t + 60) + "|" + t + ".1|sales|Agent One|COMPLETEAGENT|2|57|1",
                (t + 90) + "|NONE|sales|Agent One|UNPAUSE|",
                (t + 100) + "|" + t + ".3|sales|NONE|ENTERQUEUE||5554321|1",
                (t + 102) + "|" + t + ".3|sales|Agent One|CONNECT|2|" + t + ".4|1",
                (t + 200) + "|" + t + ".3|sales|Agent One|COMPLETEAGENT|2|98|1",
                (t + 204) + "|NONE|sales|Agent One|PAUSE|ACW",
                (t + 230) + "|NONE|sales|Agent One|UNPAUSE|",
                (t + 3600) + "|NONE|sales|Agent One|REMOVEMEMBER|"));
        try (TestDatabases.Db db = TestDatabases.open(kind)) {
            ingestion(db.dataSource(), 1000).importFile(file);
            assertThat(db.rows("select queue, answered, acw from rollup_queue_15m where offered > 0"))
                    .isEqualTo("sales|2|" + (33 + 26) + "|\n");
        }
    }

    private static java.time.Instant utc(ResultSet rs, int column) throws SQLException {
        return io.queuelens.schema.control.UtcColumns.instant(rs.getObject(column, java.time.LocalDateTime.class));
    }

    /** Ten demo days (12 agents) as a queue_log file: repeat callers, ACW pauses, sessions over midnight. */
    private Path tenDemoDays() throws Exception {
        return tenDemoDays(java.time.LocalDate.of(2026, 3, 2));
    }

    private Path tenDemoDays(java.time.LocalDate first) throws Exception {
        Path file = dir.resolve("ten-days-" + first + ".queue_log");
        java.time.ZoneId zone = java.time.ZoneId.of("Europe/Berlin");
        java.time.Instant start = first.atStartOfDay(zone).toInstant();
        try (java.io.BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            List<String> rows = new ArrayList<>();
            var sim = io.queuelens.sources.demo.control.ContactCenterSimulation.queueLogOnly(7, start, zone, 12,
                    r -> rows.add(r.toFileLine()));
            sim.advanceTo(start.plus(java.time.Duration.ofDays(10)));
            for (String r : rows) {
                out.write(r);
                out.write('\n');
            }
        }
        return file;
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void theAsterisk22SampleImportsItsAnsweredAndAbandonedVisits(String kind) throws Exception {
        Path sample = SampleCaptures.file("asterisk", "queue_log", "asterisk22_answered_and_abandon.queue_log");
        try (TestDatabases.Db db = TestDatabases.open(kind)) {
            QueueLogFileIngestion ingestion = new QueueLogFileIngestion("t1", "pbx", QueueLogFileIngestion.nameOf(sample),
                    db.dataSource(), new QueueRollupRefresher("t1", QueueLogTableIngestionTest.SETTINGS), 1000);
            IngestResult result = ingestion.importFile(sample);

            assertThat(result.linesRead()).isEqualTo(7);
            assertThat(result.quarantined()).isZero();
            assertThat(result.visits()).isEqualTo(2);
            assertThat(db.rows("select call_id, visit_seq, queue, caller_number, outcome, wait_s, talk_s, agent, entered_at "
                    + "from queue_visit order by call_id")).isEqualTo("""
                    1795308941.1|1|sales|5551234|ANSWERED|0|4|Agent One|2026-11-22 00:55:41|
                    1795308950.7|1|support|5559999|ABANDONED|4|0|null|2026-11-22 00:55:50|
                    """);
            assertThat(count(db, "select sum(offered) from rollup_queue_15m")).isEqualTo(2);
            assertThat(count(db, "select sum(answered) from rollup_queue_15m where queue = 'sales'")).isEqualTo(1);
            // waited 4 s: a short abandon with the default threshold
            assertThat(count(db, "select sum(short_abandoned) from rollup_queue_15m where queue = 'support'")).isEqualTo(1);
            assertThat(db.rows("select reader, position from ingest_checkpoint"))
                    .isEqualTo("queue_log_file:asterisk22_answered_and_abandon.queue_log|" + Files.size(sample) + "|\n");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void anOverLongLineIsQuarantinedCutAndTheNextLinesStillCount(String kind) throws Exception {
        String huge = "1795308941|x|sales|NONE|INFO|" + "y".repeat(3 * QueueLogLines.MAX_LINE_BYTES);
        Path file = dir.resolve("long.log");
        Files.writeString(file, "1795308941|1795308941.1|sales|NONE|ENTERQUEUE||5551234|1\n" + huge + "\r\n"
                + "1795308954|1795308941.1|sales|NONE|ABANDON|1|1|13\n");
        try (TestDatabases.Db db = TestDatabases.open(kind)) {
            QueueLogFileIngestion ingestion = new QueueLogFileIngestion("t1", "pbx", "long.log", db.dataSource(),
                    new QueueRollupRefresher("t1", QueueLogTableIngestionTest.SETTINGS), 2);
            IngestResult result = ingestion.importFile(file);

            assertThat(result.linesRead()).isEqualTo(3);
            assertThat(result.quarantined()).isEqualTo(1);
            assertThat(db.rows("select position, reason, length(raw_input) from quarantined_input"))
                    .isEqualTo("file:long.log:2|line longer than 65536 bytes|2000|\n");
            assertThat(db.rows("select outcome, wait_s from queue_visit")).isEqualTo("ABANDONED|13|\n");
            assertThat(db.rows("select position from ingest_checkpoint")).isEqualTo(Files.size(file) + "|\n");
        }
    }

    // ------------------------------------------------------------------------------------ helpers

    private static String allFacts(TestDatabases.Db db) throws SQLException {
        return db.rows(VISITS) + "--\n" + db.rows(ROLLUPS) + "--\n" + db.rows(SESSIONS) + "--\n" + db.rows(PAUSES)
                + "--\n" + db.rows(AGENT_ROLLUPS) + "--\n" + db.rows(QUIET_QUARTERS) + "--\n" + db.rows(QUARANTINE);
    }

    private static long offsetAfterLine(List<String> lines, int n) {
        long bytes = 0;
        for (int i = 0; i < n; i++) {
            bytes += lines.get(i).getBytes(StandardCharsets.UTF_8).length + 1;
        }
        return bytes;
    }

    private static long count(TestDatabases.Db db, String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void run(TestDatabases.Db db, String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    /** A data source whose n-th commit fails (rolled back), as a process killed before committing. */
    static DataSource failingCommit(DataSource real, int failingCommit) {
        AtomicInteger commits = new AtomicInteger();
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[]{DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(real, method, args);
                    if (!method.getName().equals("getConnection")) {
                        return result;
                    }
                    Connection c = (Connection) result;
                    return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                            (p, m, a) -> {
                                if (m.getName().equals("commit") && commits.incrementAndGet() == failingCommit) {
                                    c.rollback();
                                    throw new SQLException("simulated crash before commit");
                                }
                                return invoke(c, m, a);
                            });
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
