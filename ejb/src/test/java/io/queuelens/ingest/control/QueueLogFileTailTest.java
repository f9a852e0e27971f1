package io.queuelens.ingest.control;

import io.queuelens.rollups.control.QueueRollupRefresher;
import io.queuelens.sources.demo.entity.QueueLogRow;
import io.queuelens.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.sql.DataSource;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live queue_log tail: appended lines, a partial last line, rename and copytruncate rotation,
 * a restart in the middle, and in the end exactly the facts a one-shot import of all the lines gives.
 */
class QueueLogFileTailTest {

    private static final String VISITS = "select * from queue_visit order by call_id, visit_seq";
    private static final String ROLLUPS = "select * from rollup_queue_15m order by queue, bucket_start";
    private static final String SESSIONS = "select * from agent_session order by agent, queue, login_at";
    private static final String PAUSES = "select * from agent_pause order by agent, queue, start_at";
    private static final String QUARANTINE = "select raw_input, reason from quarantined_input order by raw_input";
    private static final String RAW = "select event_time, call_id, queue, agent, verb, data from raw_event order by event_time, call_id, verb";

    private static final String ENTER = "1795308941|1795308941.1|sales|NONE|ENTERQUEUE||5551234|1\n";
    private static final String CONNECT = "1795308945|1795308941.1|sales|PJSIP/101|CONNECT|4|1795308945.2|3\n";
    private static final String COMPLETE = "1795308949|1795308941.1|sales|PJSIP/101|COMPLETECALLER|4|4|1\n";
    private static final String ENTER2 = "1795308950|1795308950.7|support|NONE|ENTERQUEUE||5559999|1\n";
    private static final String ABANDON2 = "1795308954|1795308950.7|support|NONE|ABANDON|1|1|4\n";

    @TempDir
    Path dir;

    private QueueLogFileTail tail(DataSource ds, Path file) {
        return new QueueLogFileTail("t1", "pbx", file, ds, new QueueRollupRefresher("t1", QueueLogTableIngestionTest.SETTINGS));
    }

    private static IngestResult drain(QueueLogFileTail tail, int batch) throws Exception {
        IngestResult total = IngestResult.NONE;
        IngestResult r;
        int guard = 0;
        do {
            r = tail.step(batch);
            total = total.plus(r);
            assertThat(++guard).as("steps").isLessThan(100_000);
        } while (!r.caughtUp());
        return total;
    }

    private static void append(Path file, String text) throws Exception {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void appendedLinesAreReadAndAPartialLastLineWaitsForItsNewline(String kind) throws Exception {
        Path file = dir.resolve("queue_log");
        try (TestDatabases.Db db = TestDatabases.open(kind)) {
            QueueLogFileTail tail = tail(db.dataSource(), file);
            assertThat(tail.step(100)).isEqualTo(IngestResult.NONE); // no file yet: waits
            assertThat(tail.detail()).contains("does not exist");

            append(file, ENTER + CONNECT + COMPLETE.substring(0, 20));
            assertThat(drain(tail, 100).linesRead()).isEqualTo(2);
            assertThat(db.rows("select outcome, talk_s from queue_visit")).isEqualTo("ANSWERED|0|\n"); // talking: no talk time yet
            assertThat(position(db)).startsWith("1|" + (ENTER + CONNECT).length() + "|2|");

            assertThat(drain(tail, 100).linesRead()).isZero(); // still no newline: nothing consumed
            append(file, COMPLETE.substring(20));
            assertThat(drain(tail, 100).linesRead()).isEqualTo(1);
            assertThat(db.rows("select outcome, talk_s from queue_visit")).isEqualTo("ANSWERED|4|\n");
            assertThat(position(db)).startsWith("1|" + Files.size(file) + "|3|");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void renameRotationFinishesTheOldFileThenReadsTheNewOneAsTheNextGeneration(String kind) throws Exception {
        Path file = dir.resolve("queue_log");
        try (TestDatabases.Db db = TestDatabases.open(kind)) {
            QueueLogFileTail tail = tail(db.dataSource(), file);
            append(file, ENTER + CONNECT);
            drain(tail, 100);
            // appended but not yet read when logrotate renames the file...
            append(file, COMPLETE);
            Files.move(file, dir.resolve("queue_log.1"));
            Files.writeString(dir.resolve("queue_log.2.gz"), "not a log"); // older, compressed: ignored
            // ...and the PBX keeps writing to the renamed file until it reopens its log: the new file is empty
            Files.createFile(file);
            append(dir.resolve("queue_log.1"), ENTER2.substring(0, 10));
            assertThat(drain(tail, 100).linesRead()).isEqualTo(1); // COMPLETE, from queue_log.1; the partial line waits
            assertThat(position(db)).startsWith("1|");

            append(dir.resolve("queue_log.1"), ENTER2.substring(10));
            append(file, ABANDON2 + "garbage\n");
            IngestResult r = drain(tail, 1);
            assertThat(r.linesRead()).isEqualTo(3); // ENTER2 (the rest of generation 1), then ABANDON2 and garbage
            assertThat(position(db)).startsWith("2|" + Files.size(file) + "|2|");
            assertThat(db.rows("select call_id, outcome from queue_visit order by call_id"))
                    .isEqualTo("1795308941.1|ANSWERED|\n1795308950.7|ABANDONED|\n");
            assertThat(db.rows("select position, raw_input from quarantined_input")).isEqualTo("tail:g2:2|garbage|\n");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void copyTruncateReadsTheRestFromTheCopyAndQuarantineKeysOfTwoGenerationsDoNotCollide(String kind) throws Exception {
        Path file = dir.resolve("queue_log");
        try (TestDatabases.Db db = TestDatabases.open(kind)) {
            QueueLogFileTail tail = tail(db.dataSource(), file);
            append(file, "broken line one\n" + ENTER);
            drain(tail, 100);
            append(file, CONNECT + COMPLETE);
            Files.copy(file, dir.resolve("queue_log-20261122"), StandardCopyOption.COPY_ATTRIBUTES);
            try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
                c.truncate(0);
            }
            append(file, "broken line two\n" + ENTER2 + ABANDON2);

            assertThat(drain(tail, 2).linesRead()).isEqualTo(5);
            assertThat(position(db)).startsWith("2|" + Files.size(file) + "|3|");
            assertThat(db.rows("select position, raw_input from quarantined_input order by position"))
                    .isEqualTo("tail:g1:1|broken line one|\ntail:g2:1|broken line two|\n");
            assertThat(db.rows("select call_id, outcome, talk_s from queue_visit order by call_id"))
                    .isEqualTo("1795308941.1|ANSWERED|4|\n1795308950.7|ABANDONED|0|\n");
        }
    }

    @Test
    void aTruncatedFileWithoutCopyStartsTheNextGenerationAndSaysWhatWasLost() throws Exception {
        Path file = dir.resolve("queue_log");
        try (TestDatabases.Db db = TestDatabases.open("h2")) {
            QueueLogFileTail tail = tail(db.dataSource(), file);
            append(file, ENTER + CONNECT);
            drain(tail, 100);
            Files.writeString(file, ENTER2); // truncated and rewritten: shorter than the offset, other first line
            assertThat(drain(tail, 100).linesRead()).isEqualTo(1);
            assertThat(position(db)).startsWith("2|" + ENTER2.length() + "|1|");
            assertThat(tail.detail()).contains("generation 2");

            // and a same-length rewrite: same inode, another first line
            Files.writeString(file, ENTER + ENTER2);
            Files.writeString(file, ABANDON2 + ABANDON2.replace("1795308954", "1795308955"));
            assertThat(drain(tail, 100).linesRead()).isEqualTo(2);
            assertThat(position(db)).startsWith("3|");
        }
    }

    /**
     * A simulated day (with malformed lines) written in uneven pieces, rotated twice (once by rename, once
     * by copytruncate), read in small batches by tails that are thrown away and restarted: the facts equal
     * those of a one-shot import of the same lines.
     */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void rotationsAndRestartsGiveTheFactsOfAOneShotImport(String kind) throws Exception {
        List<String> lines = new ArrayList<>();
        for (QueueLogRow row : QueueLogTableIngestionTest.simulatedDay()) {
            lines.add(row.toFileLine());
        }
        lines.add(100, "not a queue_log line");
        lines.add(2_000, "not a queue_log line");
        String all = String.join("\n", lines) + "\n";
        Path concatenated = dir.resolve("all.log");
        Files.writeString(concatenated, all);
        String expected;
        try (TestDatabases.Db reference = TestDatabases.open(kind)) {
            new QueueLogFileIngestion("t1", "pbx", "all", reference.dataSource(),
                    new QueueRollupRefresher("t1", QueueLogTableIngestionTest.SETTINGS), 5000).importFile(concatenated);
            expected = allFacts(reference);
        }
        assertThat(expected).contains("ANSWERED").contains("not a queue_log line");

        Path live = Files.createDirectories(dir.resolve("asterisk")).resolve("queue_log");
        byte[] bytes = all.getBytes(StandardCharsets.UTF_8);
        int third = bytes.length / 3;
        try (TestDatabases.Db db = TestDatabases.open(kind)) {
            QueueLogFileTail tail = tail(db.dataSource(), live);
            int at = 0;
            int piece = 0;
            long read = 0;
            boolean renamed = false;
            boolean truncated = false;
            while (at < bytes.length) {
                int len = Math.min(bytes.length - at, 1 + (piece * 7919) % 40_000); // uneven, cuts lines anywhere
                append(live, ""); // creates it the first time
                Files.write(live, java.util.Arrays.copyOfRange(bytes, at, at + len), StandardOpenOption.APPEND);
                at += len;
                piece++;
                if (!renamed && at > third) {
                    // rename rotation just after a newline: logrotate with 'create', the PBX reopens at once
                    int cut = all.indexOf('\n', at) + 1;
                    Files.write(live, java.util.Arrays.copyOfRange(bytes, at, cut), StandardOpenOption.APPEND);
                    at = cut;
                    Files.move(live, live.resolveSibling("queue_log.1"), StandardCopyOption.REPLACE_EXISTING);
                    Files.createFile(live);
                    renamed = true;
                } else if (!truncated && at > 2 * third) {
                    int cut = all.indexOf('\n', at) + 1;
                    Files.write(live, java.util.Arrays.copyOfRange(bytes, at, cut), StandardOpenOption.APPEND);
                    at = cut;
                    Files.copy(live, live.resolveSibling("queue_log.1"), StandardCopyOption.REPLACE_EXISTING);
                    try (FileChannel c = FileChannel.open(live, StandardOpenOption.WRITE)) {
                        c.truncate(0);
                    }
                    truncated = true;
                }
                if (piece % 3 == 0) {
                    tail = tail(db.dataSource(), live); // a server restart: resumes from the checkpoint alone
                }
                read += drain(tail, 257).linesRead();
            }
            read += drain(tail, 257).linesRead();
            assertThat(renamed && truncated).isTrue();
            assertThat(read).isEqualTo(lines.size());
            assertThat(position(db)).startsWith("3|");
            assertThat(allFacts(db)).isEqualTo(expected);
            assertThat(count(db, "select count(*) from quarantined_input")).isEqualTo(2);
        }
    }

    // ------------------------------------------------------------------------------------ helpers

    private static String position(TestDatabases.Db db) throws SQLException {
        return db.rows("select position from ingest_checkpoint where reader = 'queue_log_tail'").replace("|\n", "");
    }

    private static String allFacts(TestDatabases.Db db) throws SQLException {
        return db.rows(VISITS) + "--\n" + db.rows(ROLLUPS) + "--\n" + db.rows(SESSIONS) + "--\n" + db.rows(PAUSES)
                + "--\n" + db.rows(QUARANTINE) + "--\n" + db.rows(RAW);
    }

    private static long count(TestDatabases.Db db, String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
