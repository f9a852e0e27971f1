package io.queuelens.it;

import io.queuelens.it.support.SharedMariaDbServer;
import io.queuelens.it.support.SharedMariaDbServer.Deployment;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent report and the call list over REST on the deployed server with MariaDB: the demo's agents
 * get rollups in the facts' transaction, the report agrees with the facts, and the call list pages
 * through the visits without repeating or skipping one.
 */
@ExtendWith(SharedMariaDbServer.class)
class AgentsApiIT {

    private static final String TOKEN = SharedMariaDbServer.API_TOKEN;

    @Test
    void theAgentReportAgreesWithTheFactsInTheDatabase(Deployment d) throws Exception {
        Instant to = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(2));
        Instant from = to.minus(Duration.ofDays(5));
        awaitAgentRollups(d);
        String answeredInRange = "select count(*) from queue_visit where tenant_id = 'demo' and outcome = 'ANSWERED' "
                + "and agent is not null and connected_at >= '" + sql(from) + "' and connected_at < '" + sql(to) + "'";
        long before = d.database().count(answeredInRange);
        HttpResponse<String> r = d.server().get("/api/v1/reports/agents?tenant=demo&from=" + from + "&to=" + to
                + "&tz=UTC", TOKEN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        long after = d.database().count(answeredInRange);
        JsonObject report = json(r);
        JsonArray rows = report.getJsonArray("rows");
        assertThat(rows).isNotEmpty();
        JsonObject total = report.getJsonObject("total");
        assertThat(total.getJsonNumber("answered").longValue()).isPositive().isBetween(before, after);
        assertThat(total.getJsonNumber("loggedIn").doubleValue()).isPositive();
        JsonObject first = rows.getJsonObject(0);
        for (String figure : List.of("agent", "loggedIn", "paused", "pausedByReason", "billablePaused",
                "nonBillablePaused", "ready", "answered", "talk", "hold", "acw", "ringNoAnswer", "occupancy", "utilization")) {
            assertThat(first.containsKey(figure)).as(figure).isTrue();
        }
        long rowsAnswered = 0;
        for (int i = 0; i < rows.size(); i++) {
            rowsAnswered += rows.getJsonObject(i).getJsonNumber("answered").longValue();
        }
        assertThat(rowsAnswered).isEqualTo(total.getJsonNumber("answered").longValue());
        assertThat(report.getJsonObject("settings").getJsonObject("formulas").getString("occupancy")).contains("occupancy");

        // one agent, per day: the days add up to that agent's row
        String agent = first.getString("agent");
        HttpResponse<String> days = d.server().get("/api/v1/reports/agents?tenant=demo&from=" + from + "&to=" + to
                + "&tz=UTC&groupBy=interval&interval=P1D&agents=" + URLEncoder.encode(agent, StandardCharsets.UTF_8), TOKEN);
        assertThat(days.statusCode()).as(days.body()).isEqualTo(200);
        JsonArray dayRows = json(days).getJsonArray("rows");
        assertThat(dayRows).hasSize(5);
        assertThat(dayRows.getJsonObject(0).getString("start")).isEqualTo(from.toString().replace(":00Z", "Z"));
    }

    @Test
    void badAgentRequestsAre400WithTheParameterAndUnknownTenants404(Deployment d) throws Exception {
        HttpResponse<String> badInterval = d.server().get("/api/v1/reports/agents?tenant=demo&from=2026-11-20&to=2026-11-21"
                + "&groupBy=interval&interval=PT2H", TOKEN);
        assertThat(badInterval.statusCode()).isEqualTo(400);
        assertThat(json(badInterval).getString("parameter")).isEqualTo("interval");
        HttpResponse<String> badGroup = d.server().get("/api/v1/reports/agents?tenant=demo&from=2026-11-20&to=2026-11-21"
                + "&groupBy=queue", TOKEN);
        assertThat(json(badGroup).getString("parameter")).isEqualTo("groupBy");
        HttpResponse<String> unknown = d.server().get("/api/v1/reports/agents?tenant=nobody&from=2026-11-20&to=2026-11-21", TOKEN);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(d.server().get("/api/v1/reports/agents?tenant=demo&from=2026-11-20&to=2026-11-21").statusCode())
                .isEqualTo(401);
        assertThat(d.server().get("/api/v1/calls?tenant=demo&from=2026-11-20&to=2026-11-21").statusCode())
                .isEqualTo(401);
    }

    @Test
    void theCallListPagesThroughEveryVisitOnceWithItsTotal(Deployment d) throws Exception {
        awaitAgentRollups(d);
        // Ingestion reads the demo's history oldest first: two hours are complete once visits three hours later exist.
        Instant from = firstVisit(d).truncatedTo(ChronoUnit.HOURS);
        Instant to = from.plus(Duration.ofHours(2));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (d.database().count("select count(*) from queue_visit where tenant_id = 'demo' and entered_at >= '"
                + sql(from.plus(Duration.ofHours(3))) + "'") == 0) {
            assertThat(Instant.now()).as("ingestion passes " + from.plus(Duration.ofHours(3))).isBefore(deadline);
            Thread.sleep(1000);
        }
        String inRange = "select count(*) from queue_visit where tenant_id = 'demo' and entered_at >= '" + sql(from)
                + "' and entered_at < '" + sql(to) + "'";
        // ingestion may still add visits of the range: retry until a pass saw a stable count
        for (int attempt = 0; ; attempt++) {
            long before = d.database().count(inRange);
            List<String> keys = new ArrayList<>();
            long total = -1;
            Instant previousEntered = null;
            for (int page = 0; ; page++) {
                HttpResponse<String> r = d.server().get("/api/v1/calls?tenant=demo&tz=UTC&from=" + from + "&to=" + to
                        + "&size=97&page=" + page + "&sort=enteredAt,desc", TOKEN);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                JsonObject p = json(r);
                total = p.getJsonNumber("total").longValue();
                JsonArray items = p.getJsonArray("items");
                if (items.isEmpty()) {
                    assertThat((long) page).isEqualTo(p.getJsonNumber("totalPages").longValue());
                    break;
                }
                for (int i = 0; i < items.size(); i++) {
                    JsonObject v = items.getJsonObject(i);
                    keys.add(v.getString("sourceId") + "|" + v.getString("callId") + "|" + v.getInt("visitSeq"));
                    Instant entered = java.time.OffsetDateTime.parse(v.getString("enteredAt")).toInstant();
                    if (previousEntered != null) {
                        assertThat(entered).as("newest first").isBeforeOrEqualTo(previousEntered);
                    }
                    previousEntered = entered;
                }
            }
            long after = d.database().count(inRange);
            if (before == after || attempt == 5) {
                assertThat(before).isEqualTo(after);
                assertThat(keys).hasSize((int) total);
                assertThat(new HashSet<>(keys)).hasSize(keys.size());
                assertThat(total).isEqualTo(before).isPositive();
                break;
            }
        }

        HttpResponse<String> answered = d.server().get("/api/v1/calls?tenant=demo&tz=Europe/Berlin&from=" + from + "&to="
                + to + "&outcome=ANSWERED&size=1000&sort=talk,desc", TOKEN);
        assertThat(answered.statusCode()).isEqualTo(200);
        JsonArray items = json(answered).getJsonArray("items");
        Set<String> outcomes = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            outcomes.add(items.getJsonObject(i).getString("outcome"));
        }
        assertThat(outcomes).containsOnly("ANSWERED");

        for (String[] bad : new String[][]{{"size=5000", "size"}, {"page=-1", "page"}, {"sort=price", "sort"},
                {"outcome=HUNG_UP", "outcome"}, {"tz=Mars/Base", "tz"}}) {
            HttpResponse<String> r = d.server().get("/api/v1/calls?tenant=demo&from=2026-11-20&to=2026-11-21&" + bad[0], TOKEN);
            assertThat(r.statusCode()).as(bad[0]).isEqualTo(400);
            assertThat(json(r).getString("parameter")).as(bad[0]).isEqualTo(bad[1]);
        }
        assertThat(d.server().get("/api/v1/calls?tenant=nobody&from=2026-11-20&to=2026-11-21", TOKEN).statusCode())
                .isEqualTo(404);
    }

    private static JsonObject json(HttpResponse<String> r) {
        return Json.createReader(new StringReader(r.body())).readObject();
    }

    private static String sql(Instant t) {
        return t.toString().replace("T", " ").replace("Z", "");
    }

    private static Instant firstVisit(Deployment d) throws Exception {
        try (java.sql.Connection c = d.database().connect(); java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("select min(entered_at) from queue_visit where tenant_id = 'demo'")) {
            rs.next();
            return rs.getObject(1, java.time.LocalDateTime.class).toInstant(java.time.ZoneOffset.UTC);
        }
    }

    private static void awaitAgentRollups(Deployment d) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (d.database().count("select (select count(*) from rollup_agent_15m) + (select count(*) from rollup_agent_quiet)") == 0) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no agent rollups 120 s after start; log: "
                        + d.server().dataDir().resolve("logs/server.log"));
            }
            Thread.sleep(1000);
        }
    }
}
