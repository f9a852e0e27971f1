package io.queuelens.it;

import io.queuelens.cli.Main;
import io.queuelens.it.support.DemoQueueLogFile;
import io.queuelens.it.support.SharedMariaDbServer;
import io.queuelens.it.support.SharedMariaDbServer.Deployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bulk import of a queue_log file on the deployed server: over REST and through
 * {@code ./queuelens import-queue-log}, with malformed lines quarantined, not dropped.
 */
@ExtendWith(SharedMariaDbServer.class)
class QueueLogImportIT {

    /** The real Asterisk 22 queue_log capture: under QUEUELENS_SAMPLES, or shared/samples beside the checkout (see .ci/run). */
    static Path sample() {
        String configured = System.getenv("QUEUELENS_SAMPLES");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured, "asterisk/queue_log/asterisk22_answered_and_abandon.queue_log");
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/samples/asterisk/queue_log/asterisk22_answered_and_abandon.queue_log");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("shared/samples not found above " + Path.of("").toAbsolutePath() + " and QUEUELENS_SAMPLES is not set");
    }

    @Test
    void theRealAsteriskSampleImportsOverRestAndABrokenLineIsQuarantined(Deployment d) throws Exception {
        String body = Files.readString(sample()) + "this is not a queue_log line\n";
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(d.server().url("/api/v1/imports/queue-log?tenant=demo&source=sample&name=rest")))
                .header("Authorization", "Bearer " + SharedMariaDbServer.API_TOKEN)
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("\"linesRead\":8").contains("\"visits\":2").contains("\"quarantined\":1");
        assertThat(d.database().count("select count(*) from queue_visit where source_id = 'sample'")).isEqualTo(2);
        assertThat(d.database().count("select count(*) from queue_visit where source_id = 'sample' and outcome = 'ANSWERED'")).isEqualTo(1);
        assertThat(d.database().count("select count(*) from quarantined_input where source_id = 'sample'")).isEqualTo(1);

        HttpResponse<String> noToken = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(d.server().url("/api/v1/imports/queue-log?tenant=demo")))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(noToken.statusCode()).isEqualTo(401);
    }

    @Test
    void theCliStreamsAFileToTheServerAndReImportingChangesNothing(Deployment d) throws Exception {
        Map<String, String> env = Map.of("QUEUELENS_API_TOKEN", SharedMariaDbServer.API_TOKEN);
        for (int round = 0; round < 2; round++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = Main.run(new String[]{"import-queue-log", "--tenant", "demo", "--source", "cli-sample",
                            "--url", d.server().url(""), sample().toString()}, env,
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("7");
            assertThat(d.database().count("select count(*) from queue_visit where source_id = 'cli-sample'")).isEqualTo(2);
        }
    }

    @Test
    void aSecondUploadOfTheSameNameWhileTheFirstRunsIsRefusedWith409(Deployment d) throws Exception {
        Path big = DemoQueueLogFile.tenDays(Path.of("target/it/concurrent-input/queue_log"));
        String path = "/api/v1/imports/queue-log?tenant=demo&source=concurrent&name=same";
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        java.util.concurrent.CompletableFuture<HttpResponse<String>> first = client.sendAsync(
                upload(d, path, HttpRequest.BodyPublishers.ofFile(big)), HttpResponse.BodyHandlers.ofString());

        // Only once the first import is known to run (its first commit of 5,000 lines is in; ten days are
        // about 55,000 lines) is the same name sent again. Sending earlier could make the *first* upload
        // the refused one, when the second happened to reach the import first.
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(120);
        while (d.database().count("select count(*) from ingest_checkpoint where source_id = 'concurrent' "
                + "and reader = 'queue_log_file:same'") == 0) {
            assertThat(first).as("the first import ended before its first commit was seen").isNotDone();
            assertThat(java.time.Instant.now()).as("first commit of the first import").isBefore(deadline);
            Thread.sleep(20);
        }
        HttpResponse<String> second = client.send(upload(d, path, HttpRequest.BodyPublishers.ofString(Files.readString(sample()))),
                HttpResponse.BodyHandlers.ofString());
        assertThat(first).as("still importing when the second upload was answered").isNotDone();
        assertThat(second.statusCode()).as(second.body()).isEqualTo(409);
        assertThat(second.body()).contains("still running").contains("\"parameter\":\"name\"");
        HttpResponse<String> otherName = client.send(upload(d, path.replace("name=same", "name=other"),
                HttpRequest.BodyPublishers.ofString(Files.readString(sample()))), HttpResponse.BodyHandlers.ofString());
        assertThat(otherName.statusCode()).as(otherName.body()).isEqualTo(200);

        HttpResponse<String> done = first.get(5, java.util.concurrent.TimeUnit.MINUTES);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
    }

    private static HttpRequest upload(Deployment d, String path, HttpRequest.BodyPublisher body) {
        return HttpRequest.newBuilder(URI.create(d.server().url(path)))
                .header("Authorization", "Bearer " + SharedMariaDbServer.API_TOKEN).header("Content-Type", "text/plain")
                .POST(body).build();
    }
}
