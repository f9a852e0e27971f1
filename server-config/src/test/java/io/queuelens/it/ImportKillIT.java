package io.queuelens.it;

import io.queuelens.it.support.DemoQueueLogFile;
import io.queuelens.it.support.RunningServer;
import io.queuelens.it.support.ThrowawayMariaDb;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A queue_log import killed with SIGKILL in the middle (server and all) and sent again after the
 * restart ends with exactly the facts of an import that was never interrupted: same visits, agent
 * sessions, pauses, ring-no-answers and quarantined lines, column by column. The two imports go to
 * two sources of the same tenant, so one database holds both to compare.
 */
class ImportKillIT {

    private static final String TOKEN = "kill-" + UUID.randomUUID();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void anImportKilledMidwayAndSentAgainEqualsOneThatRanThrough() throws Exception {
        Path file = DemoQueueLogFile.tenDays(Path.of("target/it/kill-input/queue_log-10-days"));
        try (ThrowawayMariaDb db = ThrowawayMariaDb.create("ql_kill")) {
            RunningServer server = RunningServer.start("kill", Map.of(
                    "QUEUELENS_DB_URL", db.queuelensUrl(),
                    "QUEUELENS_DB_USER", ThrowawayMariaDb.USER,
                    "QUEUELENS_DEMO_BACKFILL_DAYS", "0",
                    "QUEUELENS_API_TOKEN", TOKEN));
            try {
                CompletableFuture<HttpResponse<String>> interrupted = post(server, file, "killed");
                awaitFirstCommit(db, interrupted);
                long visitsAtKill = db.count("select count(*) from queue_visit where source_id = 'killed'");
                server = server.killAndRestart();
                assertThat(interrupted).failsWithin(Duration.ofSeconds(30));

                HttpResponse<String> again = post(server, file, "killed").join();
                assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
                HttpResponse<String> clean = post(server, file, "clean").join();
                assertThat(clean.statusCode()).as(clean.body()).isEqualTo(200);
                assertThat(again.body()).isEqualTo(clean.body()); // the same counts

                long visits = db.count("select count(*) from queue_visit where source_id = 'clean'");
                assertThat(visitsAtKill).as("the kill came in the middle of the import").isPositive().isLessThan(visits);
                for (String facts : List.of(
                        "select call_id, visit_seq, queue, caller_number, caller_name, did, entered_at, connected_at, "
                                + "ended_at, outcome, wait_s, ring_s, talk_s, hold_s, agent, transferred, transfer_target, "
                                + "completed_by, exit_key, original_position, ring_no_answers, next_queue from queue_visit",
                        "select agent, queue, login_at, logout_at from agent_session",
                        "select agent, queue, reason, start_at, end_at from agent_pause",
                        "select call_id, visit_seq, queue, agent, rang_at, ring_ms from ring_no_answer",
                        "select event_time, call_id, queue, agent, verb, data from raw_event",
                        "select raw_input, reason from quarantined_input")) {
                    List<String> killed = rows(db, facts, "killed");
                    assertThat(killed).as(facts).isNotEmpty().isEqualTo(rows(db, facts, "clean"));
                }
            } finally {
                server.close();
            }
        }
    }

    /**
     * An upload cut off midway (the client's stream fails) leaves the committed part's rollups owed; the
     * running server settles them at its next leftover check, without a restart or a second upload.
     */
    @Test
    void anUploadCutOffMidwayIsSettledByTheNextCheckWithoutARestart() throws Exception {
        Path file = DemoQueueLogFile.tenDays(Path.of("target/it/kill-input/queue_log-10-days"));
        try (ThrowawayMariaDb db = ThrowawayMariaDb.create("ql_cut");
             RunningServer server = RunningServer.start("cut", Map.of(
                     "QUEUELENS_DB_URL", db.queuelensUrl(),
                     "QUEUELENS_DB_USER", ThrowawayMariaDb.USER,
                     "QUEUELENS_DEMO_BACKFILL_DAYS", "0",
                     "QUEUELENS_IMPORT_LEFTOVER_CHECK_MINUTES", "1",
                     "QUEUELENS_API_TOKEN", TOKEN))) {
            long cutAt = Files.size(file) * 6 / 10;
            HttpRequest request = HttpRequest.newBuilder(URI.create(server.url(
                            "/api/v1/imports/queue-log?tenant=demo&source=cut&name=big.log")))
                    .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "text/plain")
                    .timeout(Duration.ofMinutes(10))
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new FailingAfter(file, cutAt))).build();
            assertThat(HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString())).failsWithin(Duration.ofMinutes(2));
            awaitCount(db, "select count(*) from audit_log where action = 'import.failed' and target = 'cut/big.log'", 1);

            long visits = db.count("select count(*) from queue_visit where source_id = 'cut'");
            assertThat(visits).as("the part before the cut is stored").isPositive();
            assertThat(db.count("select count(*) from rollup_backlog where source_id = 'cut'"))
                    .as("its rollups are owed after the cut").isEqualTo(1);
            String lastQuarter = "select count(*) from rollup_queue_15m r join (select max(entered_at) t from queue_visit "
                    + "where source_id = 'cut') v on r.bucket_start <= v.t and r.bucket_start > v.t - interval 15 minute";
            assertThat(db.count(lastQuarter)).as("the last stored call's quarter-hour is not rolled up yet").isZero();

            awaitCount(db, "select count(*) from rollup_backlog where source_id = 'cut'", 0);
            assertThat(db.count(lastQuarter)).as("the last stored call's quarter-hour is rolled up").isPositive();
            // the file's days are in September 2026, away from the live demo's calls of today
            assertThat(db.count("select coalesce(sum(offered), 0) from rollup_queue_15m where bucket_start < '2026-11-01'"))
                    .as("every stored visit is offered once").isEqualTo(visits);
        }
    }

    /** The file's bytes up to {@code limit}, then the failure of a client whose upload broke. */
    private static final class FailingAfter extends java.io.FilterInputStream {
        private long left;

        FailingAfter(Path file, long limit) {
            super(open(file));
            this.left = limit;
        }

        private static java.io.InputStream open(Path file) {
            try {
                return Files.newInputStream(file);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public int read() throws java.io.IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws java.io.IOException {
            if (left <= 0) {
                throw new java.io.IOException("upload cut off (test)");
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            left -= Math.max(n, 0);
            return n;
        }
    }

    private static void awaitCount(ThrowawayMariaDb db, String sql, long expected) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        long last;
        while ((last = db.count(sql)) != expected) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(sql + " = " + last + " after 3 minutes, expected " + expected);
            }
            Thread.sleep(250);
        }
    }

    private static CompletableFuture<HttpResponse<String>> post(RunningServer server, Path file, String source)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url("/api/v1/imports/queue-log?tenant=demo&source="
                        + source + "&name=big.log")))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "text/plain")
                .timeout(Duration.ofMinutes(10)).POST(HttpRequest.BodyPublishers.ofFile(file)).build();
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until the import has committed its first batch (its checkpoint exists), but not its last. */
    private static void awaitFirstCommit(ThrowawayMariaDb db, CompletableFuture<HttpResponse<String>> running)
            throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (db.count("select count(*) from ingest_checkpoint where source_id = 'killed'") == 0) {
            if (running.isDone()) {
                throw new AssertionError("the import ended before it could be killed: " + running.join().body());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no commit of the import within 2 minutes");
            }
            Thread.sleep(50);
        }
        assertThat(running).as("still importing when killed: make the file bigger if this fails").isNotDone();
    }

    private static List<String> rows(ThrowawayMariaDb db, String select, String source) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect();
             PreparedStatement ps = c.prepareStatement(select + " where source_id = ?")) {
            ps.setString(1, source);
            try (ResultSet rs = ps.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= columns; i++) {
                        row.append(rs.getString(i)).append('|');
                    }
                    out.add(row.toString());
                }
            }
        }
        out.sort(null); // compared as sorted lists: the order rows were written in does not matter
        return out;
    }
}
