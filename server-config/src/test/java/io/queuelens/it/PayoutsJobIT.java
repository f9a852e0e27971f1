package io.queuelens.it;

import io.queuelens.it.support.PayoutFixture;
import io.queuelens.it.support.SharedMariaDbServer;
import io.queuelens.it.support.SharedMariaDbServer.Deployment;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static io.queuelens.it.support.PayoutFixture.call;
import static io.queuelens.it.support.PayoutFixture.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The payout job on the deployed server with MariaDB, through JobOperator (the job history reads its
 * executions and step metrics): a recompute of a day completes with one item read and written per
 * agent-day, the totals match a hand computation to the cent, a lock refuses a recompute (409) until an
 * ADMIN unlocks, the next recompute is a new revision with the same totals while the first stays,
 * and a completed execution cannot be restarted (409).
 */
@ExtendWith(SharedMariaDbServer.class)
class PayoutsJobIT {

    private static final String TOKEN = SharedMariaDbServer.API_TOKEN;
    private static final LocalDate DAY = LocalDate.of(2026, 10, 5);

    @Test
    void aRecomputedDayCompletesWithHandComputedTotalsAndRevisions(Deployment d) throws Exception {
        String tenant = "pay-" + UUID.randomUUID().toString().substring(0, 8);
        PayoutFixture.tenant(d.database(), tenant);
        // alice: 4 buckets x (15 min logged in, 5 min talk, 2 answered, 1 ring-no-answer) = 1 h ready, 20 min talk, 8, 4
        PayoutFixture.rollups(d.database(), tenant, "alice", DAY, 4, 900_000, 300_000, 2, 1);
        // bob: 2 buckets of the same = 0.5 h ready, 10 min talk, 4 answered, 2 ring-no-answers
        PayoutFixture.rollups(d.database(), tenant, "bob", DAY, 2, 900_000, 300_000, 2, 1);
        // carol (group card): 1 bucket, 3 answered
        PayoutFixture.rollups(d.database(), tenant, "carol", DAY, 1, 900_000, 0, 3, 0);
        // dave: no card
        PayoutFixture.rollups(d.database(), tenant, "dave", DAY, 1, 900_000, 0, 1, 0);
        // activity on the next day belongs to another agent-day
        PayoutFixture.rollups(d.database(), tenant, "alice", DAY.plusDays(1), 1, 900_000, 0, 9, 0);

        String card = "{\"name\": \"%s\", \"agent\": \"%s\", \"validFrom\": \"2026-10-01\", \"perAnswered\": 0.50,"
                + " \"perTalkMinute\": 0.10, \"talkRounding\": \"PER_SECOND\", \"perReadyHour\": 10, \"perRingNoAnswer\": 0.25}";
        for (String agent : new String[] {"alice", "bob"}) {
            HttpResponse<String> r = call(d.server(), TOKEN, "POST", "/api/v1/rate-cards?tenant=" + tenant,
                    card.formatted("std " + agent, agent));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        }
        HttpResponse<String> overlap = call(d.server(), TOKEN, "POST", "/api/v1/rate-cards?tenant=" + tenant,
                card.formatted("again", "alice"));
        assertThat(overlap.statusCode()).as(overlap.body()).isEqualTo(400);
        assertThat(object(overlap).getString("parameter")).isEqualTo("validFrom");
        HttpResponse<String> bad = call(d.server(), TOKEN, "POST", "/api/v1/rate-cards?tenant=" + tenant,
                "{\"name\": \"\", \"agent\": \"x\", \"validFrom\": \"5.10.2026\", \"perAnswered\": -1}");
        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
        assertThat(object(bad).getString("parameter")).isEqualTo("validFrom");

        HttpResponse<String> group = call(d.server(), TOKEN, "POST", "/api/v1/agent-groups?tenant=" + tenant,
                "{\"name\": \"night\", \"agents\": [\"carol\"]}");
        assertThat(group.statusCode()).as(group.body()).isEqualTo(201);
        long groupId = object(group).getJsonNumber("id").longValue();
        HttpResponse<String> groupCard = call(d.server(), TOKEN, "POST", "/api/v1/rate-cards?tenant=" + tenant,
                "{\"name\": \"night shift\", \"groupId\": " + groupId + ", \"validFrom\": \"2026-10-01\", \"validTo\": \"2026-10-31\","
                        + " \"perAnswered\": 1.00}");
        assertThat(groupCard.statusCode()).as(groupCard.body()).isEqualTo(201);

        long execution = recompute(d, tenant);
        JsonObject run = PayoutFixture.awaitRun(d.server(), TOKEN, tenant, execution,
                PayoutFixture::finished, Duration.ofMinutes(2));
        assertThat(run.getString("status")).as(run.toString()).isEqualTo("COMPLETED");
        assertThat(run.getJsonNumber("read").longValue()).isEqualTo(4);
        assertThat(run.getJsonNumber("written").longValue()).isEqualTo(4);
        assertThat(run.getJsonNumber("skipped").longValue()).isZero();

        // alice: 8 x 0.50 + 20 min x 0.10 + 1 h x 10 - 4 x 0.25 = 4.00 + 2.00 + 10.00 - 1.00 = 15.00
        // bob:   4 x 0.50 + 10 min x 0.10 + 0.5 h x 10 - 2 x 0.25 = 2.00 + 1.00 + 5.00 - 0.50 = 7.50
        // carol: 3 x 1.00 = 3.00; dave: no card = 0.00; all: 25.50
        Map<String, String> expected = Map.of("alice", "15.00", "bob", "7.50", "carol", "3.00", "dave", "0.00");
        JsonObject period = period(d, tenant);
        assertThat(totals(period)).isEqualTo(expected);
        assertThat(period.getJsonNumber("total").bigDecimalValue()).isEqualByComparingTo("25.50");

        HttpResponse<String> lines = call(d.server(), TOKEN, "GET", "/api/v1/payouts/lines?tenant=" + tenant + "&day=" + DAY
                + "&agent=alice&revision=1", null);
        assertThat(lines.statusCode()).as(lines.body()).isEqualTo(200);
        JsonArray aliceLines = object(lines).getJsonArray("lines");
        assertThat(aliceLines).hasSize(4);
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < aliceLines.size(); i++) {
            sum = sum.add(aliceLines.getJsonObject(i).getJsonNumber("amount").bigDecimalValue());
        }
        assertThat(sum).isEqualByComparingTo("15.00");

        // a completed execution is not restartable
        HttpResponse<String> restart = call(d.server(), TOKEN, "POST", "/api/v1/jobs/" + execution + "/restart", null);
        assertThat(restart.statusCode()).as(restart.body()).isEqualTo(409);
        assertThat(call(d.server(), TOKEN, "POST", "/api/v1/jobs/987654321/restart", null).statusCode()).isEqualTo(404);

        // approve: locked days refuse a recompute until an ADMIN unlocks them
        HttpResponse<String> lock = call(d.server(), TOKEN, "POST", "/api/v1/payouts/lock?tenant=" + tenant + "&from=" + DAY
                + "&to=" + DAY, null);
        assertThat(lock.statusCode()).as(lock.body()).isEqualTo(200);
        HttpResponse<String> refused = call(d.server(), TOKEN, "POST", "/api/v1/payouts?tenant=" + tenant + "&from=" + DAY
                + "&to=" + DAY, null);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(call(d.server(), TOKEN, "DELETE", "/api/v1/payouts/lock?tenant=" + tenant + "&from=" + DAY + "&to=" + DAY,
                null).statusCode()).isEqualTo(200);

        long second = recompute(d, tenant);
        JsonObject secondRun = PayoutFixture.awaitRun(d.server(), TOKEN, tenant, second,
                PayoutFixture::finished, Duration.ofMinutes(2));
        assertThat(secondRun.getString("status")).isEqualTo("COMPLETED");
        JsonObject again = period(d, tenant);
        assertThat(totals(again)).isEqualTo(expected);
        assertThat(again.getJsonArray("agentDays").getJsonObject(0).getInt("revision")).isEqualTo(2);
        assertThat(again.getJsonArray("agentDays").getJsonObject(0).getInt("revisions")).isEqualTo(2);
        assertThat(d.database().count("select count(*) from payout_agent_day where tenant_id = '" + tenant + "' and revision = 1"))
                .as("the first revision stays").isEqualTo(4);
        assertThat(d.database().count("select count(*) from audit_log where tenant_id = '" + tenant
                + "' and action in ('payouts.recomputed', 'payouts.locked', 'payouts.unlocked', 'ratecard.created')")).isEqualTo(7);
    }

    @Test
    void aManagerSeesAndTouchesOnlyTheJobsAndPayoutsOfTheirTenants(Deployment d) throws Exception {
        String tenant = "pay-" + UUID.randomUUID().toString().substring(0, 8);
        PayoutFixture.tenant(d.database(), tenant);
        PayoutFixture.rollups(d.database(), tenant, "erin", DAY, 2, 900_000, 0, 1, 0);
        long execution = recompute(d, tenant);
        PayoutFixture.awaitRun(d.server(), TOKEN, tenant, execution, PayoutFixture::finished, Duration.ofMinutes(2));

        String name = "pay-mgr-" + UUID.randomUUID().toString().substring(0, 8);
        String oneTime = AccessMatrixIT.invite(d, name, "MANAGER", "{\"demo\": []}");
        io.queuelens.it.support.FormLogin manager = io.queuelens.it.support.FormLogin.firstLogin(d.server(), name, oneTime,
                AccessMatrixIT.PASSWORD);
        HttpResponse<String> history = manager.get("/api/v1/jobs");
        assertThat(history.statusCode()).as(history.body()).isEqualTo(200);
        assertThat(history.body()).doesNotContain(tenant);
        assertThat(manager.get("/api/v1/jobs?tenant=" + tenant).statusCode()).isEqualTo(403);
        assertThat(manager.get("/api/v1/payouts?tenant=" + tenant + "&from=" + DAY + "&to=" + DAY).statusCode()).isEqualTo(403);
        assertThat(manager.send("POST", "/api/v1/jobs/" + execution + "/restart", null).statusCode())
                .as("another tenant's execution is as unknown").isEqualTo(404);
        assertThat(manager.send("POST", "/api/v1/payouts?tenant=" + tenant + "&from=" + DAY + "&to=" + DAY, null).statusCode())
                .isEqualTo(403);
        assertThat(manager.send("DELETE", "/api/v1/payouts/lock?tenant=demo&from=" + DAY + "&to=" + DAY, null).statusCode())
                .as("unlocking is for ADMIN").isEqualTo(403);
        assertThat(manager.get("/admin/jobs.xhtml").body()).doesNotContain(tenant);
    }

    @Test
    void badPeriodsAre400AndTodayCannotBeComputed(Deployment d) throws Exception {
        HttpResponse<String> reversed = call(d.server(), TOKEN, "GET", "/api/v1/payouts?tenant=demo&from=2026-10-05&to=2026-10-01", null);
        assertThat(reversed.statusCode()).isEqualTo(400);
        assertThat(object(reversed).getString("parameter")).isEqualTo("to");
        HttpResponse<String> notADay = call(d.server(), TOKEN, "GET", "/api/v1/payouts?tenant=demo&from=yesterday&to=2026-10-01", null);
        assertThat(object(notADay).getString("parameter")).isEqualTo("from");
        String today = LocalDate.now().plusDays(1).toString();
        HttpResponse<String> future = call(d.server(), TOKEN, "POST", "/api/v1/payouts?tenant=demo&from=" + today + "&to=" + today, null);
        assertThat(future.statusCode()).as(future.body()).isEqualTo(400);
    }

    private static long recompute(Deployment d, String tenant) throws Exception {
        HttpResponse<String> r = call(d.server(), TOKEN, "POST", "/api/v1/payouts?tenant=" + tenant + "&from=" + DAY + "&to=" + DAY, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return object(r).getJsonNumber("executionId").longValue();
    }

    private static JsonObject period(Deployment d, String tenant) throws Exception {
        HttpResponse<String> r = call(d.server(), TOKEN, "GET", "/api/v1/payouts?tenant=" + tenant + "&from=" + DAY + "&to=" + DAY, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return object(r);
    }

    private static Map<String, String> totals(JsonObject period) {
        Map<String, String> out = new HashMap<>();
        JsonArray days = period.getJsonArray("agentDays");
        for (int i = 0; i < days.size(); i++) {
            JsonObject o = days.getJsonObject(i);
            out.put(o.getString("agent"), o.getJsonNumber("total").bigDecimalValue().setScale(2).toPlainString());
        }
        return out;
    }
}
