package io.queuelens.it;

import io.queuelens.it.support.SharedMariaDbServer;
import io.queuelens.it.support.SharedMariaDbServer.Deployment;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The History path on the deployed server: the demo's queue_log rows become facts and rollups in
 * MariaDB, and the summary report over REST agrees with the facts in the database.
 */
@ExtendWith(SharedMariaDbServer.class)
class HistoryApiIT {

    @Test
    void theApiAnswers401WithoutCredentialsAndServesTheAdminToken(Deployment d) throws Exception {
        assertThat(d.server().get("/api/v1/sources").statusCode()).isEqualTo(401);
        assertThat(d.server().get("/api/v1/sources", "wrong-token").statusCode()).isEqualTo(401);
        HttpResponse<String> sources = d.server().get("/api/v1/sources", SharedMariaDbServer.API_TOKEN);
        assertThat(sources.statusCode()).isEqualTo(200);
        assertThat(sources.body()).contains("\"tenant\":\"demo\"").contains("\"kind\":\"DEMO\"");
    }

    @Test
    void theApiIsDescribedByOpenApiForAuthenticatedCallers(Deployment d) throws Exception {
        assertThat(d.server().get("/openapi").statusCode()).as("no anonymous API map").isIn(302, 401);
        HttpResponse<String> doc = d.server().get("/openapi", SharedMariaDbServer.API_TOKEN);
        assertThat(doc.statusCode()).isEqualTo(200);
        assertThat(doc.body()).contains("title: QueueLens API").contains("scheme: bearer")
                .contains("/api/v1/reports/summary:").contains("/api/v1/reports/agents:").contains("/api/v1/calls:")
                .contains("/api/v1/imports/queue-log:").contains("/api/v1/quarantine:").contains("/api/v1/settings/kpi:");
    }

    @Test
    void theSummaryReportAgreesWithTheFactsInTheDatabase(Deployment d) throws Exception {
        Instant to = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(2));
        Instant from = to.minus(Duration.ofDays(5));
        awaitFacts(d);
        // Stop comparing a moving target: compare what the report covers with the facts committed before it.
        String inRange = "select count(*) from queue_visit where tenant_id = 'demo' and entered_at >= '" + sql(from)
                + "' and entered_at < '" + sql(to) + "'";
        long factsBefore = d.database().count(inRange);
        HttpResponse<String> r = d.server().get("/api/v1/reports/summary?tenant=demo&from=" + from + "&to=" + to
                + "&tz=UTC&groupBy=queue", SharedMariaDbServer.API_TOKEN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject report = Json.createReader(new StringReader(r.body())).readObject();
        long offered = report.getJsonObject("total").getJsonNumber("offered").longValue();
        long factsAfter = d.database().count(inRange);
        assertThat(offered).isPositive().isBetween(factsBefore, factsAfter);
        assertThat(report.getJsonArray("rows")).isNotEmpty();
        assertThat(report.getJsonArray("rows").getJsonObject(0).containsKey("serviceLevel")).isTrue();
        assertThat(d.database().count("select count(*) from quarantined_input")).isZero();

        HttpResponse<String> bad = d.server().get("/api/v1/reports/summary?tenant=demo&from=yesterday&to=" + to,
                SharedMariaDbServer.API_TOKEN);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("from");
    }

    private static String sql(Instant t) {
        return t.toString().replace("T", " ").replace("Z", "");
    }

    private static void awaitFacts(Deployment d) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (d.database().count("select count(*) from rollup_queue_15m") == 0) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no rollups 120 s after start; log: " + d.server().dataDir().resolve("logs/server.log"));
            }
            Thread.sleep(1000);
        }
    }
}
