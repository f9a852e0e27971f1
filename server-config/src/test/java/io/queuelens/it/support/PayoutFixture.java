package io.queuelens.it.support;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rows for payout ITs written straight into the app database: a tenant of its own (UTC, EUR), agent
 * rollups (the source of the agent report's figures) and answered visits of one day. And the REST
 * calls the payout ITs make with the server token.
 */
public final class PayoutFixture {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private PayoutFixture() {
    }

    public static void tenant(ThrowawayMariaDb db, String tenant) throws SQLException {
        tenant(db, tenant, "UTC");
    }

    /** A tenant in the given time zone (its nightly payouts are due by its local clock). */
    public static void tenant(ThrowawayMariaDb db, String tenant, String zone) throws SQLException {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO tenant (id, name, time_zone, locale, currency, created_at) VALUES (?, ?, ?, 'en', 'EUR', NOW(6))")) {
            ps.setString(1, tenant);
            ps.setString(2, "Payouts " + tenant);
            ps.setString(3, zone);
            ps.executeUpdate();
        }
    }

    /** One agent group of all the agents and one rate card for it, valid since 2026-01-01, through the REST API. */
    public static void oneCardForAll(RunningServer server, String token, String tenant, java.util.List<String> agents)
            throws Exception {
        String list = agents.stream().map(a -> "\"" + a + "\"").collect(java.util.stream.Collectors.joining(", "));
        HttpResponse<String> card = call(server, token, "POST", "/api/v1/agent-groups?tenant=" + tenant,
                "{\"name\": \"all\", \"agents\": [" + list + "]}");
        assertThat(card.statusCode()).as(card.body()).isEqualTo(201);
        long group = object(card).getJsonNumber("id").longValue();
        HttpResponse<String> rates = call(server, token, "POST", "/api/v1/rate-cards?tenant=" + tenant,
                "{\"name\": \"all\", \"groupId\": " + group + ", \"validFrom\": \"2026-01-01\", \"perAnswered\": 0.37,"
                        + " \"perTalkMinute\": 0.0725, \"perReadyHour\": 9.8, \"perRingNoAnswer\": 0.15,"
                        + " \"answeredTarget\": 5, \"answeredBonus\": 1.25}");
        assertThat(rates.statusCode()).as(rates.body()).isEqualTo(201);
    }

    /** {@code buckets} 15-minute buckets from 08:00 UTC of {@code day}, each with the given per-bucket figures. */
    public static void rollups(ThrowawayMariaDb db, String tenant, String agent, LocalDate day, int buckets, long loggedInMs,
                               long talkMs, long answered, long ringNoAnswer) throws SQLException {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("INSERT INTO rollup_agent_15m (tenant_id, "
                + "agent, bucket_start, logged_in_ms, paused_ms, talk_ms, hold_ms, acw_ms, answered, ring_no_answer, "
                + "paused_ms_by_reason) VALUES (?, ?, ?, ?, 0, ?, 0, 0, ?, ?, '')")) {
            for (int i = 0; i < buckets; i++) {
                ps.setString(1, tenant);
                ps.setString(2, agent);
                ps.setObject(3, day.atTime(8, 0).plusMinutes(15L * i));
                ps.setLong(4, loggedInMs);
                ps.setLong(5, talkMs);
                ps.setLong(6, answered);
                ps.setLong(7, ringNoAnswer);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public static HttpResponse<String> call(RunningServer server, String token, String method, String path, String json)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url(path))).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static JsonObject object(HttpResponse<String> r) {
        return Json.createReader(new StringReader(r.body())).readObject();
    }

    public static JsonArray array(HttpResponse<String> r) {
        return Json.createReader(new StringReader(r.body())).readArray();
    }

    /** The job history row of an execution. */
    public static JsonObject run(RunningServer server, String token, String tenant, long executionId) throws Exception {
        HttpResponse<String> r = call(server, token, "GET", "/api/v1/jobs?tenant=" + tenant, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        for (JsonStructure s : array(r).getValuesAs(JsonObject.class)) {
            JsonObject o = (JsonObject) s;
            if (o.getJsonNumber("executionId").longValue() == executionId) {
                return o;
            }
        }
        return null;
    }

    /** An execution that ended, well or not. */
    public static boolean finished(JsonObject run) {
        return java.util.Set.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED").contains(run.getString("status"));
    }

    /** Waits until the execution's history row satisfies {@code done}; returns it. */
    public static JsonObject awaitRun(RunningServer server, String token, String tenant, long executionId,
                                      Predicate<JsonObject> done, Duration within) throws Exception {
        Instant deadline = Instant.now().plus(within);
        while (true) {
            JsonObject run = run(server, token, tenant, executionId);
            if (run != null && done.test(run)) {
                return run;
            }
            assertThat(Instant.now()).as("execution " + executionId + " reaches the state; last seen " + run).isBefore(deadline);
            Thread.sleep(500);
        }
    }
}
