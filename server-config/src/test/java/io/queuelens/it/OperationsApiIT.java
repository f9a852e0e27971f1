package io.queuelens.it;

import io.queuelens.it.support.SharedMariaDbServer;
import io.queuelens.it.support.SharedMariaDbServer.Deployment;
import io.queuelens.it.support.SimulatedPbx;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operations figures over REST, in /metrics and /health, the self-check, and the JSON log file,
 * against the shared server with an Asterisk source of this test's own (the loopback AMI server).
 */
@ExtendWith(SharedMariaDbServer.class)
class OperationsApiIT {

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
    }

    @Test
    void statusMetricsHealthAndSelfCheck(Deployment d) throws Exception {
        String tenant = OpsFixture.tenant(d, "api");
        SimulatedPbx pbx = new SimulatedPbx(21);
        cleanup.add(pbx);
        String source = OpsFixture.configure(d, http, cleanup, tenant, pbx.port(), pbx.secret());
        JsonObject row = awaitSource(d, tenant, source, s -> s.getString("state").equals("CONNECTED"));
        assertThat(row.getString("kind")).isEqualTo("ASTERISK");
        assertThat(row.getBoolean("ready")).isTrue();
        assertThat(row.containsKey("reconnects")).isTrue();
        assertThat(row.containsKey("apiCalls") && !row.isNull("apiCalls")).as("an AMI source makes no API calls").isFalse();

        JsonObject status = status(d);
        assertThat(status.getJsonObject("app").getString("version")).matches("\\d+\\.\\d+.*");
        assertThat(status.getJsonObject("app").getJsonNumber("uptimeSeconds").longValue()).isPositive();
        JsonObject db = status.getJsonObject("database");
        assertThat(db.getString("via")).isEqualTo("database-processlist");
        assertThat(db.getJsonNumber("open").longValue()).isPositive();
        assertThat(db.getJsonNumber("max").longValue()).isEqualTo(32);
        JsonObject memory = status.getJsonObject("memory");
        assertThat(memory.getJsonNumber("heapUsedBytes").longValue()).isPositive();
        assertThat(memory.getJsonNumber("rssBytes").longValue()).isGreaterThan(memory.getJsonNumber("heapUsedBytes").longValue() / 2);
        assertThat(memory.getJsonArray("trend")).isNotEmpty();
        assertThat(status.getJsonObject("jobs").getJsonNumber("running").longValue()).isGreaterThanOrEqualTo(0);
        assertThat(status.getJsonObject("mailOutbox").getJsonNumber("pending").longValue()).isGreaterThanOrEqualTo(0);
        // the tenant's live model (made when the source connected) is a bounded cache with its limit
        assertThat(status.getJsonArray("caches").stream().map(JsonValue::asJsonObject)
                .filter(c -> c.getString("tenant").equals(tenant)).findFirst()).hasValueSatisfying(c -> {
                    assertThat(c.getString("name")).isEqualTo("live-calls");
                    assertThat(c.getJsonNumber("limit").longValue()).isEqualTo(50000);
                });

        // ADMIN only
        assertThat(http.send(HttpRequest.newBuilder(URI.create(d.server().url("/api/v1/ops/status"))).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);

        String metrics = d.server().get("/metrics?scope=application").body();
        assertThat(metrics).contains("queuelens_ops_heap_used_bytes").contains("queuelens_ops_rss_bytes")
                .contains("queuelens_ops_db_connections_open").contains("queuelens_ops_jobs_failed")
                .contains("queuelens_ops_quarantined_lines").contains("queuelens_ops_uptime_seconds")
                .contains("queuelens_source_ready{").contains("tenant=\"" + tenant + "\"");
        String health = d.server().get("/health").body();
        assertThat(health).contains("\"disk\"").contains("\"smtp\"").contains("\"heap\"");
        // the SMTP check reads the settings on the health endpoint's thread: that must work there
        assertThat(health).doesNotContain("mail settings unreadable");

        HttpResponse<String> checked = send("POST", d, "/api/v1/ops/self-check");
        assertThat(checked.statusCode()).as(checked.body()).isEqualTo(200);
        List<JsonObject> checks = Json.createReader(new StringReader(checked.body())).readObject().getJsonArray("checks")
                .stream().map(JsonValue::asJsonObject).toList();
        assertThat(check(checks, "database", null).getString("status")).isEqualTo("OK");
        JsonObject schema = check(checks, "schema", null);
        assertThat(schema.getString("status")).as(schema.toString()).isEqualTo("OK");
        assertThat(schema.getString("detail")).contains("0 pending");
        JsonObject mine = check(checks, "source", tenant + "/" + source.replace("-ami", ""));
        assertThat(mine.getString("status")).as(mine.toString()).isEqualTo("OK");
        assertThat(check(checks, "disk", null).getString("detail")).contains("MB free");
        assertThat(checks).anyMatch(c -> c.getString("check").equals("keyfile"));
        assertThat(checks).anyMatch(c -> c.getString("check").equals("smtp"));

        // the source's PBX is gone: the self-check says so, with a hint
        pbx.kill();
        awaitSource(d, tenant, source, s -> !s.getString("state").equals("CONNECTED"));
        checks = Json.createReader(new StringReader(send("POST", d, "/api/v1/ops/self-check").body())).readObject()
                .getJsonArray("checks").stream().map(JsonValue::asJsonObject).toList();
        JsonObject failed = check(checks, "source", tenant + "/" + source.replace("-ami", ""));
        assertThat(failed.getString("status")).isEqualTo("FAIL");
        assertThat(failed.getString("hintKey")).isEqualTo("ops.fix.source");
        assertThat(failed.getString("hint")).contains("Sources");
        // liveness does not care about a source
        assertThat(d.server().get("/health/live").statusCode()).isEqualTo(200);
        assertThat(d.server().get("/health/ready").body()).contains(tenant + "/" + source);

        // the JSON log: one object per line, the server's records in it
        Path log = SharedMariaDbServer.JSON_LOG.resolveSibling(SharedMariaDbServer.JSON_LOG.getFileName() + ".0");
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            JsonObject o = Json.createReader(new StringReader(line)).readObject();
            assertThat(o.getString("time")).isNotBlank();
            assertThat(o.getString("level")).isNotBlank();
        }
        assertThat(lines).anyMatch(l -> l.contains("\"logger\":\"io.queuelens."));
    }

    private static JsonObject check(List<JsonObject> checks, String check, String subject) {
        return checks.stream().filter(c -> c.getString("check").equals(check)
                        && (subject == null || (c.containsKey("subject") && !c.isNull("subject") && subject.equals(c.getString("subject")))))
                .findFirst().orElseThrow(() -> new AssertionError("no " + check + " " + subject + " in " + checks));
    }

    private JsonObject status(Deployment d) throws Exception {
        HttpResponse<String> r = send("GET", d, "/api/v1/ops/status");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.createReader(new StringReader(r.body())).readObject();
    }

    private JsonObject awaitSource(Deployment d, String tenant, String source, Predicate<JsonObject> until) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        JsonObject last = null;
        while (Instant.now().isBefore(deadline)) {
            for (JsonValue v : status(d).getJsonArray("sources")) {
                JsonObject s = v.asJsonObject();
                if (s.getString("tenant").equals(tenant) && s.getString("name").equals(source)) {
                    last = s;
                }
            }
            if (last != null && until.test(last)) {
                return last;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("source " + tenant + "/" + source + " never reached the expected state: " + last);
    }

    private HttpResponse<String> send(String method, Deployment d, String path) throws Exception {
        return OpsFixture.send(http, method, d, path, null);
    }
}
