package io.queuelens.it;

import io.queuelens.it.support.SharedMariaDbServer;
import io.queuelens.it.support.SharedMariaDbServer.Deployment;
import io.queuelens.sources.genesys.control.GenesysConversations;
import io.queuelens.sources.genesys.control.GenesysNotificationStandIn;
import io.queuelens.sources.genesys.control.GenesysStandIn;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Genesys Cloud org (the loopback stand-ins for its REST API and notification socket) configured for
 * a tenant of its own over REST: the connection test passes with the right secret and names the failing
 * step and kind with a wrong one or an unknown host; a day of conversation details imported twice gives
 * the summary report's hand-computed figures once, and the day's cross-check against the aggregates shows
 * no mismatch; the secret is nowhere in the database; and the enabled org's notification socket carries a
 * caller entering a queue into the tenant's live snapshot.
 */
@ExtendWith(SharedMariaDbServer.class)
class GenesysSourceIT {

    static final String SECRET = "Gen-" + UUID.randomUUID();

    @Test
    void anOrgIsConfiguredTestedAndADayImportedTwiceCountsOnce(Deployment d) throws Exception {
        String s = UUID.randomUUID().toString().substring(0, 8);
        String tenant = "gen-" + s;
        HttpResponse<String> t = AccessMatrixIT.tokenCall(d, "POST", "/api/v1/tenants", "{\"id\": \"" + tenant
                + "\", \"name\": \"Genesys " + s + "\", \"timeZone\": \"UTC\", \"locale\": \"en\", \"currency\": \"EUR\"}");
        assertThat(t.statusCode()).as(t.body()).isEqualTo(201);
        LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(3);
        Instant dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant();

        try (GenesysNotificationStandIn ws = new GenesysNotificationStandIn(1000);
             GenesysStandIn org = new GenesysStandIn("it-client", SECRET)) {
            org.notifications(ws).queue("q1", "Sales", "u1", "u2").queue("q2", "Support", "u2");
            // 12 calls into q1: 4 abandoned, 6 answered there, 2 answered and transferred on to q2 where they are answered
            for (int i = 0; i < 12; i++) {
                Instant at = dayStart.plus(Duration.ofMinutes(37L + i * 113L));
                GenesysConversations c = GenesysConversations.call("it-" + s + "-" + i, at, "+49171000" + i);
                if (i % 3 == 2) {
                    c.queue("q1", at.plusSeconds(2), at.plusSeconds(40), "peer");
                } else if (i % 4 == 0) {
                    c.queue("q1", at.plusSeconds(2), at.plusSeconds(22), "transfer")
                            .agent("u1", "q1", at.plusSeconds(18), at.plusSeconds(22), at.plusSeconds(82), 0, 10, "transfer")
                            .queue("q2", at.plusSeconds(83), at.plusSeconds(93), "transfer")
                            .agent("u2", "q2", at.plusSeconds(90), at.plusSeconds(93), at.plusSeconds(153), 0, 0, "peer");
                } else {
                    c.queue("q1", at.plusSeconds(2), at.plusSeconds(12), "transfer")
                            .agent("u2", "q1", at.plusSeconds(10), at.plusSeconds(12), at.plusSeconds(192), 30, 20, "client");
                }
                org.conversation(c.build());
            }
            org.aggregates(Json.createArrayBuilder().add(aggregate("q1", 12, 8)).add(aggregate("q2", 2, 2)).build());

            String settings = "{\"name\":\"gc-" + s + "\",\"displayName\":\"Genesys IT\",\"region\":\"mypurecloud.ie\","
                    + "\"baseUrl\":\"" + org.baseUrl() + "\",\"clientId\":\"it-client\",\"clientSecret\":\"" + SECRET + "\"}";
            HttpResponse<String> bad = call(d, "POST", "/api/v1/genesys/orgs?tenant=" + tenant,
                    settings.replace("mypurecloud.ie", "example.com"));
            assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
            assertThat(json(bad.body()).getString("parameter")).isEqualTo("region");

            HttpResponse<String> created = call(d, "POST", "/api/v1/genesys/orgs?tenant=" + tenant, settings);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(created.body()).doesNotContain(SECRET).doesNotContain("v1:");
            long id = json(created.body()).getJsonNumber("id").longValue();
            String orgPath = "/api/v1/genesys/orgs/" + id;
            try {
                assertThat(d.database().count("select count(*) from genesys_source where client_secret like 'v1:%' and tenant_id = '"
                        + tenant + "'")).isEqualTo(1);
                assertThat(d.database().count("select count(*) from genesys_source where client_secret like '%" + SECRET + "%'"))
                        .isZero();

                // test connection: the stored settings work; a wrong secret is AUTH at the token step; an unknown host is DNS
                JsonObject good = json(call(d, "POST", orgPath + "/test?tenant=" + tenant, "{}").body());
                assertThat(good.getBoolean("ok")).as(good.toString()).isTrue();
                assertThat(good.getJsonArray("steps")).hasSize(3);
                JsonObject wrong = json(call(d, "POST", orgPath + "/test?tenant=" + tenant, "{\"clientSecret\":\"wrong\"}").body());
                assertThat(wrong.getBoolean("ok")).isFalse();
                JsonObject step = wrong.getJsonArray("steps").getJsonObject(0);
                assertThat(step.getString("step")).isEqualTo("token");
                assertThat(step.getString("failure")).isEqualTo("AUTH");
                assertThat(step.getString("message")).contains("invalid_client");
                JsonObject dns = json(call(d, "POST", orgPath + "/test?tenant=" + tenant,
                        "{\"baseUrl\":\"http://no-such-genesys-host.invalid\"}").body());
                assertThat(dns.getJsonArray("steps").getJsonObject(0).getString("failure")).as(dns.toString())
                        .isIn("DNS", "CONNECTION");

                for (int run = 0; run < 2; run++) { // the second read replaces the first
                    HttpResponse<String> imported = call(d, "POST", orgPath + "/import?tenant=" + tenant + "&day=" + day, null);
                    assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
                    assertThat(json(imported.body()).getInt("visits")).isEqualTo(14);
                }
                assertThat(d.database().count("select count(*) from queue_visit where tenant_id = '" + tenant + "'")).isEqualTo(14);

                HttpResponse<String> summary = d.server().get("/api/v1/reports/summary?tenant=" + tenant + "&from=" + dayStart
                        + "&to=" + dayStart.plus(Duration.ofDays(1)) + "&tz=UTC&groupBy=queue", SharedMariaDbServer.API_TOKEN);
                assertThat(summary.statusCode()).as(summary.body()).isEqualTo(200);
                JsonObject total = json(summary.body()).getJsonObject("total");
                assertThat(total.getJsonNumber("offered").longValue()).as(summary.body()).isEqualTo(14);
                assertThat(total.getJsonNumber("answered").longValue()).isEqualTo(10);
                assertThat(total.getJsonNumber("abandoned").longValue()).isEqualTo(4);

                JsonArray mismatches = Json.createReader(new StringReader(call(d, "GET", "/api/v1/genesys/orgs/crosscheck?tenant="
                        + tenant + "&from=" + day + "&mismatchesOnly=true", null).body())).readArray();
                assertThat(mismatches).isEmpty();
                JsonArray checks = Json.createReader(new StringReader(call(d, "GET", "/api/v1/genesys/orgs/crosscheck?tenant="
                        + tenant + "&from=" + day, null).body())).readArray();
                assertThat(checks).hasSize(2);

                JsonArray stats = Json.createReader(new StringReader(call(d, "GET", "/api/v1/genesys/orgs/api-calls?tenant="
                        + tenant, null).body())).readArray();
                assertThat(stats).hasSize(1);
                assertThat(stats.getJsonObject(0).getJsonNumber("calls").longValue()).isPositive();
                assertThat(stats.toString()).doesNotContain(SECRET).doesNotContain("access_token");

                // live: the enabled org's notification socket carries a caller entering q1 into the tenant's snapshot
                Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
                String live = "";
                boolean seen = false;
                while (!seen && Instant.now().isBefore(deadline)) {
                    if (!ws.openChannels().isEmpty()) {
                        ws.publish("v2.routing.queues.q1.conversations", waitingConversation("live-" + s, "q1", Instant.now()));
                    }
                    Thread.sleep(1000);
                    live = call(d, "GET", "/api/v1/live?tenant=" + tenant, null).body();
                    JsonObject queues = json(live).getJsonObject("queues");
                    seen = queues != null && queues.containsKey("q1")
                            && queues.getJsonObject("q1").getJsonArray("waiting").size() == 1;
                }
                assertThat(seen).as("the live snapshot never showed the caller waiting in q1: " + live).isTrue();
                assertThat(json(live).getJsonObject("queues").getJsonObject("q1").getJsonArray("waiting").getJsonObject(0)
                        .toString()).contains("live-" + s);
            } finally {
                assertThat(call(d, "DELETE", orgPath + "?tenant=" + tenant, null).statusCode()).isEqualTo(204);
            }
        }
    }

    static JsonObject aggregate(String queue, long offered, long answered) {
        return Json.createObjectBuilder()
                .add("group", Json.createObjectBuilder().add("queueId", queue).add("mediaType", "voice"))
                .add("data", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("interval", "2026-03-02T09:00:00.000Z/2026-03-02T09:30:00.000Z")
                        .add("metrics", Json.createArrayBuilder()
                                .add(Json.createObjectBuilder().add("metric", "nOffered")
                                        .add("stats", Json.createObjectBuilder().add("count", offered)))
                                .add(Json.createObjectBuilder().add("metric", "tAnswered")
                                        .add("stats", Json.createObjectBuilder().add("count", answered))))))
                .build();
    }

    /** A conversations-topic notification: a customer queued in {@code queue} since {@code since}. */
    static JsonObject waitingConversation(String id, String queue, Instant since) {
        return Json.createObjectBuilder().add("id", id).add("participants", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("purpose", "customer").add("address", "tel:+1555000")
                        .add("calls", Json.createArrayBuilder().add(Json.createObjectBuilder().add("state", "connected"))))
                .add(Json.createObjectBuilder().add("purpose", "acd").add("queueId", queue)
                        .add("connectedTime", since.toString())
                        .add("calls", Json.createArrayBuilder().add(Json.createObjectBuilder().add("state", "connected")))))
                .build();
    }

    private static HttpResponse<String> call(Deployment d, String method, String path, String body) throws Exception {
        return AccessMatrixIT.tokenCall(d, method, path, body);
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }
}
