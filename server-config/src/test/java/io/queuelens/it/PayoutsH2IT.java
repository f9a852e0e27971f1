package io.queuelens.it;

import io.queuelens.it.support.PayoutFixture;
import io.queuelens.it.support.RunningServer;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

import static io.queuelens.it.support.PayoutFixture.call;
import static io.queuelens.it.support.PayoutFixture.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The payout job on the embedded default (H2 file): a recompute of the demo's yesterday completes with
 * one agent-day per demo agent with activity, and after a restart the job history still knows the
 * execution, because JBatch's repository lives in the app's H2 file, not in Payara's temporary one.
 */
class PayoutsH2IT {

    private static final String TOKEN = "h2-" + UUID.randomUUID();

    @Test
    void aPayoutRunOnH2CompletesAndItsHistorySurvivesARestart() throws Exception {
        RunningServer server = RunningServer.start("payouts-h2", Map.of(
                "QUEUELENS_DEMO_BACKFILL_DAYS", "2",
                "QUEUELENS_API_TOKEN", TOKEN));
        try {
            LocalDate yesterday = LocalDate.now(ZoneId.of("Europe/Berlin")).minusDays(1);
            String agents = "/api/v1/reports/agents?tenant=demo&from=" + yesterday + "&to=" + yesterday.plusDays(1);
            Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
            jakarta.json.JsonArray rows;
            while (true) {
                HttpResponse<String> r = call(server, TOKEN, "GET", agents, null);
                if (r.statusCode() == 200 && !object(r).getJsonArray("rows").isEmpty()) {
                    rows = object(r).getJsonArray("rows");
                    break;
                }
                assertThat(Instant.now()).as("the demo's history of yesterday is ingested; " + r.body()).isBefore(deadline);
                Thread.sleep(2000);
            }
            StringBuilder names = new StringBuilder();
            for (int i = 0; i < rows.size(); i++) {
                names.append(i == 0 ? "" : ", ").append('"').append(rows.getJsonObject(i).getString("agent")).append('"');
            }
            HttpResponse<String> group = call(server, TOKEN, "POST", "/api/v1/agent-groups?tenant=demo",
                    "{\"name\": \"h2-all\", \"agents\": [" + names + "]}");
            assertThat(group.statusCode()).as(group.body()).isEqualTo(201);
            HttpResponse<String> card = call(server, TOKEN, "POST", "/api/v1/rate-cards?tenant=demo", "{\"name\": \"h2\", \"groupId\": "
                    + object(group).getJsonNumber("id") + ", \"validFrom\": \"2020-01-01\", \"perAnswered\": 0.10,"
                    + " \"perTalkMinute\": 0.05, \"talkRounding\": \"PER_STARTED_MINUTE\"}");
            assertThat(card.statusCode()).as(card.body()).isEqualTo(201);
            HttpResponse<String> r = call(server, TOKEN, "POST", "/api/v1/payouts?tenant=demo&from=" + yesterday + "&to="
                    + yesterday, null);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            long execution = object(r).getJsonNumber("executionId").longValue();
            JsonObject run = PayoutFixture.awaitRun(server, TOKEN, "demo", execution, PayoutFixture::finished, Duration.ofMinutes(3));
            assertThat(run.getString("status")).as(run.toString()).isEqualTo("COMPLETED");
            long written = run.getJsonNumber("written").longValue();
            assertThat(written).isPositive().isEqualTo(run.getJsonNumber("read").longValue());
            HttpResponse<String> period = call(server, TOKEN, "GET", "/api/v1/payouts?tenant=demo&from=" + yesterday + "&to="
                    + yesterday, null);
            assertThat(object(period).getJsonArray("agentDays")).hasSize((int) written);
            assertThat(object(period).getJsonNumber("total").bigDecimalValue()).isPositive();
            String first = object(period).getJsonArray("agentDays").getJsonObject(0).getString("agent");
            HttpResponse<String> lines = call(server, TOKEN, "GET", "/api/v1/payouts/lines?tenant=demo&day=" + yesterday + "&agent="
                    + java.net.URLEncoder.encode(first, java.nio.charset.StandardCharsets.UTF_8) + "&revision=1", null);
            assertThat(lines.body()).contains("per started minute");

            server = server.restart();
            JsonObject after = PayoutFixture.run(server, TOKEN, "demo", execution);
            assertThat(after).as("the execution is still in the job repository after a restart").isNotNull();
            assertThat(after.getString("status")).isEqualTo("COMPLETED");
            assertThat(after.getJsonNumber("written").longValue()).isEqualTo(written);
        } finally {
            server.close();
        }
    }
}
