package io.queuelens.it;

import io.queuelens.it.support.PayoutFixture;
import io.queuelens.it.support.RunningServer;
import io.queuelens.it.support.ThrowawayMariaDb;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.queuelens.it.support.PayoutFixture.call;
import static io.queuelens.it.support.PayoutFixture.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly-once payouts across a kill: a payout job killed with SIGKILL (server and all) after some of
 * its chunks committed is marked failed and restarted from its checkpoint once at the next start; it
 * ends with exactly the agent-days and lines, to the cent, of an uninterrupted run of the same day
 * (the next revision), with no agent-day or line twice. The killed execution then refuses a manual
 * restart (409: it was restarted once already).
 */
class PayoutsKillIT {

    private static final String TOKEN = "pkill-" + UUID.randomUUID();
    private static final LocalDate DAY = LocalDate.of(2026, 10, 6);
    private static final int AGENTS = 250;

    @Test
    void aPayoutJobKilledMidwayEndsAsAnUninterruptedRunWithoutDuplicates() throws Exception {
        try (ThrowawayMariaDb db = ThrowawayMariaDb.create("ql_pkill")) {
            RunningServer server = RunningServer.start("payouts-kill", Map.of(
                    "QUEUELENS_DB_URL", db.queuelensUrl(),
                    "QUEUELENS_DB_USER", ThrowawayMariaDb.USER,
                    "QUEUELENS_DEMO_ENABLED", "false",
                    "QUEUELENS_API_TOKEN", TOKEN,
                    // 250 agent-days of 60 ms: ~15 s, chunks of 100 commit at 100 and 200
                    "QUEUELENS_PAYOUTS_ITEM_DELAY_MS", "60"));
            try {
                String tenant = "kill-" + UUID.randomUUID().toString().substring(0, 6);
                PayoutFixture.tenant(db, tenant);
                for (int i = 0; i < AGENTS; i++) {
                    PayoutFixture.rollups(db, tenant, String.format("SIP/%04d", i), DAY, 1 + i % 4, 900_000,
                            1_000L * (i % 300) + 333, i % 7, i % 3);
                }
                PayoutFixture.oneCardForAll(server, TOKEN, tenant, agents());

                long killed = recompute(server, tenant);
                String written = "select count(*) from payout_agent_day where tenant_id = '" + tenant + "' and revision = 1";
                Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
                while (db.count(written) < 100) {
                    assertThat(Instant.now()).as("the first chunk commits").isBefore(deadline);
                    Thread.sleep(100);
                }
                server = server.killAndRestart();

                // recovery restarts the killed execution once, shortly after the start
                JsonObject first = PayoutFixture.awaitRun(server, TOKEN, tenant, killed,
                        r -> r.containsKey("restartedAs") && !r.isNull("restartedAs"), Duration.ofMinutes(3));
                assertThat(first.getString("status")).isEqualTo("FAILED");

                long restarted = first.getJsonNumber("restartedAs").longValue();
                JsonObject second = PayoutFixture.awaitRun(server, TOKEN, tenant, restarted, PayoutFixture::finished,
                        Duration.ofMinutes(3));
                assertThat(second.getString("status")).as(second.toString()).isEqualTo("COMPLETED");
                // the restart read and wrote only what the killed run had not committed (chunks of 100)
                long rest = second.getJsonNumber("written").longValue();
                assertThat(second.getJsonNumber("read").longValue()).isEqualTo(rest);
                assertThat(AGENTS - rest).as("the killed run had committed, a whole number of chunks").isIn(100L, 200L);
                assertThat(second.getInt("progressPercent")).isEqualTo(100);

                HttpResponse<String> again = call(server, TOKEN, "POST", "/api/v1/jobs/" + killed + "/restart", null);
                assertThat(again.statusCode()).as(again.body()).isEqualTo(409);

                long clean = recompute(server, tenant);
                JsonObject cleanRun = PayoutFixture.awaitRun(server, TOKEN, tenant, clean, PayoutFixture::finished,
                        Duration.ofMinutes(3));
                assertThat(cleanRun.getString("status")).isEqualTo("COMPLETED");
                assertThat(cleanRun.getJsonNumber("written").longValue()).isEqualTo(AGENTS);

                String days = "select agent, currency, total from payout_agent_day where tenant_id = '" + tenant
                        + "' and revision = %d order by agent";
                String lines = "select agent, seq, component, detail, quantity, unit, rate, amount from payout_line where tenant_id = '"
                        + tenant + "' and revision = %d order by agent, seq";
                assertThat(db.rows(days.formatted(1))).hasSize(AGENTS).isEqualTo(db.rows(days.formatted(2)));
                List<String> killedLines = db.rows(lines.formatted(1));
                assertThat(killedLines).isNotEmpty().isEqualTo(db.rows(lines.formatted(2)));
                assertThat(db.count("select count(distinct agent, seq) from payout_line where tenant_id = '" + tenant
                        + "' and revision = 1")).isEqualTo(killedLines.size());
                assertThat(db.count("select sum(total) from payout_agent_day where tenant_id = '" + tenant + "' and revision = 1"))
                        .isPositive();
            } finally {
                server.close();
            }
        }
    }

    private static List<String> agents() {
        List<String> agents = new ArrayList<>();
        for (int i = 0; i < AGENTS; i++) {
            agents.add(String.format("SIP/%04d", i));
        }
        return agents;
    }

    private static long recompute(RunningServer server, String tenant) throws Exception {
        HttpResponse<String> r = call(server, TOKEN, "POST", "/api/v1/payouts?tenant=" + tenant + "&from=" + DAY + "&to=" + DAY, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return object(r).getJsonNumber("executionId").longValue();
    }

}
