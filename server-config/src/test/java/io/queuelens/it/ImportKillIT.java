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
