package io.queuelens.it;

import io.queuelens.it.support.ClusterOfServers;
import io.queuelens.it.support.PayoutFixture;
import io.queuelens.it.support.RunningServer;
import io.queuelens.it.support.ThrowawayMariaDb;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.queuelens.it.support.PayoutFixture.call;
import static io.queuelens.it.support.PayoutFixture.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9's scheduled work on two cluster members (real Payara Micro servers, one grid, one MariaDB):
 * both members' nightly payout schedulers look every 5 s, yet a tenant's day is launched exactly once;
 * while one member runs the job the other never restarts it; SIGKILL of the member running it makes the
 * survivor restart it exactly once, and the day's payouts equal an uninterrupted computation's.
 *
 * <p>The tenant is set up in a time zone whose clock is before the nightly time (12:00), so no member
 * launches it half set up, then moved to one whose clock is past it: the next look of each member finds
 * it due.
 */
class ClusterJobsIT {

    private static final int AGENTS = 250;
    private static final LocalTime NIGHTLY = LocalTime.NOON;

    @Test
    void scheduledPayoutsRunOnceAcrossTheClusterAndASurvivorFinishesThemAfterAKill() throws Exception {
        try (ClusterOfServers cluster = ClusterOfServers.start("cluster-jobs", 2, Map.of(
                "QUEUELENS_DEMO_ENABLED", "false",
                "QUEUELENS_PAYOUTS_NIGHTLY_TIME", NIGHTLY.toString(),
                "QUEUELENS_PAYOUTS_NIGHTLY_CHECK_SECONDS", "5",
                "QUEUELENS_JOBS_RECOVERY_CHECK_MS", "1000",
                // 250 agent-days of 60 ms: ~15 s, chunks of 100 commit at 100 and 200
                "QUEUELENS_PAYOUTS_ITEM_DELAY_MS", "60"))) {
            ThrowawayMariaDb db = cluster.database();
            String token = ClusterOfServers.API_TOKEN;
            String[] members = {cluster.memberId(0), cluster.memberId(1)};

            ZoneOffset notDue = offsetWhere(t -> t.toLocalTime().isBefore(LocalTime.of(11, 30)), -12, 14);
            // the rollups lie 08:00-09:00 UTC of the day: inside that local day for offsets -8 to +14
            ZoneOffset due = offsetWhere(t -> !t.toLocalTime().isBefore(NIGHTLY), -8, 14);
            LocalDate day = ZonedDateTime.now(due).toLocalDate().minusDays(1);
            String tenant = "cjobs-" + UUID.randomUUID().toString().substring(0, 6);
            PayoutFixture.tenant(db, tenant, notDue.getId());
            List<String> agents = new ArrayList<>();
            for (int i = 0; i < AGENTS; i++) {
                agents.add(String.format("SIP/%04d", i));
                PayoutFixture.rollups(db, tenant, agents.get(i), day, 1 + i % 4, 900_000, 1_000L * (i % 300) + 333, i % 7, i % 3);
            }
            PayoutFixture.oneCardForAll(cluster.server(0), token, tenant, agents);
            try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("UPDATE tenant SET time_zone = ? WHERE id = ?")) {
                ps.setString(1, due.getId());
                ps.setString(2, tenant);
                ps.executeUpdate();
            }

            // one launch, on whichever member looked first
            String launches = "select count(*) from job_launch where job_name = 'payouts-nightly' and tenant_id = '" + tenant + "'";
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (db.count(launches + " and execution_id is not null") == 0) {
                assertThat(Instant.now()).as("a member launches the due nightly payouts").isBefore(deadline);
                Thread.sleep(200);
            }
            long launchId = db.count("select id from job_launch where job_name = 'payouts-nightly' and tenant_id = '" + tenant + "'");
            long killed = db.count("select execution_id from job_launch where id = " + launchId);
            String runner = text(db, "select running_on from job_launch where id = " + launchId);
            int holder = List.of(members).indexOf(runner);
            assertThat(holder).as("the launch names a live member: " + runner).isNotNegative();
            int survivor = 1 - holder;

            String written = "select count(*) from payout_agent_day where tenant_id = '" + tenant + "' and revision = 1";
            deadline = Instant.now().plus(Duration.ofMinutes(2));
            while (db.count(written) < 100) {
                assertThat(Instant.now()).as("the first chunk commits").isBefore(deadline);
                Thread.sleep(100);
            }
            // meanwhile both schedulers looked several times and the survivor's recovery every second
            assertThat(db.count(launches)).as("launched once across the cluster").isEqualTo(1);
            String restarts = "select count(*) from job_restart where launch_id = " + launchId;
            assertThat(db.count(restarts)).as("a live member's job is never restarted").isZero();

            cluster.kill(holder);
            Instant killedAt = Instant.now();
            RunningServer alive = cluster.server(survivor);
            JsonObject first = PayoutFixture.awaitRun(alive, token, tenant, killed,
                    r -> r.containsKey("restartedAs") && !r.isNull("restartedAs"), Duration.ofMinutes(2));
            Duration takeover = Duration.between(killedAt, Instant.now());
            assertThat(first.getString("status")).isEqualTo("FAILED");
            long restarted = first.getJsonNumber("restartedAs").longValue();
            JsonObject second = PayoutFixture.awaitRun(alive, token, tenant, restarted, PayoutFixture::finished,
                    Duration.ofMinutes(2));
            assertThat(second.getString("status")).as(second.toString()).isEqualTo("COMPLETED");
            System.out.printf("ClusterJobsIT: execution %d killed with member %d after >= 100 of %d agent-days; "
                            + "member %d restarted it as %d %.1f s later, which wrote %d%n", killed, holder, AGENTS, survivor,
                    restarted, takeover.toMillis() / 1000.0, second.getJsonNumber("written").longValue());

            assertThat(text(db, "select running_on from job_launch where id = " + launchId)).isEqualTo(members[survivor]);
            assertThat(db.count(restarts)).as("restarted exactly once").isEqualTo(1);
            assertThat(db.count("select count(*) from audit_log where action = 'job.recovered' and tenant_id = '" + tenant + "'"))
                    .isEqualTo(1);
            Thread.sleep(6_000); // the survivor's scheduler looks again: the day stays launched once
            assertThat(db.count(launches)).isEqualTo(1);

            // exactly-once totals: equal to an uninterrupted recomputation of the day (revision 2)
            HttpResponse<String> r = call(alive, token, "POST", "/api/v1/payouts?tenant=" + tenant + "&from=" + day + "&to=" + day, null);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            JsonObject clean = PayoutFixture.awaitRun(alive, token, tenant, object(r).getJsonNumber("executionId").longValue(),
                    PayoutFixture::finished, Duration.ofMinutes(2));
            assertThat(clean.getString("status")).isEqualTo("COMPLETED");
            String days = "select agent, currency, total from payout_agent_day where tenant_id = '" + tenant
                    + "' and revision = %d order by agent";
            String lines = "select agent, seq, component, detail, quantity, unit, rate, amount from payout_line where tenant_id = '"
                    + tenant + "' and revision = %d order by agent, seq";
            assertThat(db.rows(days.formatted(1))).hasSize(AGENTS).isEqualTo(db.rows(days.formatted(2)));
            assertThat(db.rows(lines.formatted(1))).isNotEmpty().isEqualTo(db.rows(lines.formatted(2)));
        }
    }

    /** A whole-hour UTC offset in [from, to] whose clock now satisfies {@code test}. */
    private static ZoneOffset offsetWhere(java.util.function.Predicate<ZonedDateTime> test, int from, int to) {
        for (int h = from; h <= to; h++) {
            ZoneOffset o = ZoneOffset.ofHours(h);
            if (test.test(ZonedDateTime.now(o))) {
                return o;
            }
        }
        throw new AssertionError("no UTC offset from " + from + " to " + to + " fits now (" + Instant.now() + ")");
    }

    private static String text(ThrowawayMariaDb db, String sql) throws Exception {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
