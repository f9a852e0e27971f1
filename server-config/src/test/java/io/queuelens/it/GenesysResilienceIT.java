package io.queuelens.it;

import io.queuelens.it.support.SharedMariaDbServer;
import io.queuelens.it.support.SharedMariaDbServer.Deployment;
import io.queuelens.sources.genesys.control.GenesysConversations;
import io.queuelens.sources.genesys.control.GenesysNotificationStandIn;
import io.queuelens.sources.genesys.control.GenesysStandIn;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Genesys org that misbehaves, on the shared server: a storm of 429s on the conversation-details
 * endpoint slows a day's import down to the Retry-After without losing a conversation (the facts equal
 * those of an undisturbed import, the org received one retry per 429, each after the Retry-After, and the
 * API-call statistics count the 429s); and a notification socket that the service closes (announced,
 * unannounced, or by falling silent) is replaced by a new channel, resubscribed and resynced from the
 * observations, so the live snapshot shows what changed in the org while nobody listened.
 */
@ExtendWith(SharedMariaDbServer.class)
class GenesysResilienceIT {

    static final String DETAILS = "/api/v2/analytics/conversations/details/query";
    static final int STORM = 6;

    @Test
    void aStormOf429sSlowsTheImportDownWithoutLosingAConversation(Deployment d) throws Exception {
        GenesysOrgFixture f = new GenesysOrgFixture(d, "gen429");
        // four days back: the org's own periodic read (from its checkpoint minus two hours) never touches the morning read here
        LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(4);
        Instant dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        // the details queries of the day's first ten hours carry this in their interval; only they get the storm
        String morning = "\"interval\":\"" + day + "T0";

        try (GenesysNotificationStandIn ws = new GenesysNotificationStandIn(1000);
             GenesysStandIn org = new GenesysStandIn("it-client", GenesysSourceIT.SECRET)) {
            org.notifications(ws).queue("q1", "Sales", "u1", "u2").queue("q2", "Support", "u2");
            // 30 calls in the day's first six hours: answered, abandoned, and answered after a transfer to q2
            for (int i = 0; i < 30; i++) {
                Instant at = dayStart.plus(Duration.ofMinutes(3L + i * 11L));
                GenesysConversations c = GenesysConversations.call("storm-" + f.suffix + "-" + i, at, "+4930100" + i);
                if (i % 5 == 1) {
                    c.queue("q1", at.plusSeconds(2), at.plusSeconds(30 + i), "peer");
                } else if (i % 5 == 2) {
                    c.queue("q1", at.plusSeconds(2), at.plusSeconds(20), "transfer")
                            .agent("u1", "q1", at.plusSeconds(15), at.plusSeconds(20), at.plusSeconds(80), 0, 5, "transfer")
                            .queue("q2", at.plusSeconds(81), at.plusSeconds(95), "transfer")
                            .agent("u2", "q2", at.plusSeconds(90), at.plusSeconds(95), at.plusSeconds(200 + i), 0, 0, "peer");
                } else {
                    c.queue("q1", at.plusSeconds(2), at.plusSeconds(10 + i), "transfer")
                            .agent(i % 2 == 0 ? "u1" : "u2", "q1", at.plusSeconds(8 + i), at.plusSeconds(10 + i),
                                    at.plusSeconds(120 + 3L * i), 10, 5, "client");
                }
                org.conversation(c.build());
            }
            f.createOrg(org);
            try {
                // the import goes through the running org's client, whose statistics the api-calls endpoint shows
                GenesysOrgFixture.await("the org to run", Duration.ofSeconds(60),
                        () -> GenesysOrgFixture.array(f.call("GET", "/api/v1/genesys/orgs/api-calls?tenant=" + f.tenant, null)
                                .body()).size() == 1, f::source);

                org.tooManyRequestsOn(DETAILS, morning, STORM, "1");
                int before = org.received().size();
                long started = System.nanoTime();
                JsonObject stormy = importDay(f, day);
                long tookMillis = (System.nanoTime() - started) / 1_000_000;
                List<GenesysStandIn.Received> stormRequests = morningDetails(org.received().subList(before, org.received().size()), morning);
                List<String> stormFacts = facts(d, f.tenant);

                int between = org.received().size();
                JsonObject calm = importDay(f, day); // no storm left: the undisturbed read of the same day
                List<GenesysStandIn.Received> calmRequests = morningDetails(org.received().subList(between, org.received().size()), morning);
                List<String> calmFacts = facts(d, f.tenant);

                // no data lost: the same conversations, visits and facts (the second read would add what the first missed)
                assertThat(stormy.getInt("conversations")).isEqualTo(30).isEqualTo(calm.getInt("conversations"));
                assertThat(stormy.getInt("visits")).isEqualTo(calm.getInt("visits")).isEqualTo(36);
                assertThat(stormy.getInt("skipped")).isZero();
                assertThat(stormFacts).hasSize(36).isEqualTo(calmFacts);

                // the client waited: one retry per 429, each no sooner than the Retry-After, and no more requests than the calm read
                assertThat(stormRequests.stream().filter(r -> r.status() == 429)).hasSize(STORM);
                assertThat(stormRequests.stream().filter(r -> r.status() == 200).count()).isEqualTo(calmRequests.size());
                assertThat(calmRequests).allMatch(r -> r.status() == 200);
                for (int i = 0; i < stormRequests.size() - 1; i++) {
                    if (stormRequests.get(i).status() == 429) {
                        Duration gap = Duration.between(stormRequests.get(i).at(), stormRequests.get(i + 1).at());
                        assertThat(gap).as("request %d came %s after a 429 with Retry-After: 1", i + 1, gap)
                                .isGreaterThanOrEqualTo(Duration.ofMillis(900));
                    }
                }
                assertThat(tookMillis).as("the import took %d ms through %d 429s", tookMillis, STORM)
                        .isGreaterThanOrEqualTo(STORM * 900L);

                // the API-call statistics and the source's counters show the 429s
                JsonObject stats = GenesysOrgFixture.array(f.call("GET", "/api/v1/genesys/orgs/api-calls?tenant=" + f.tenant,
                        null).body()).getJsonObject(0);
                assertThat(stats.getJsonNumber("rateLimited").longValue()).as(stats.toString()).isGreaterThanOrEqualTo(STORM);
                assertThat(stats.getJsonArray("recent").stream().map(JsonValue::asJsonObject)
                        .filter(c -> c.getInt("status") == 429 && c.getString("endpoint").endsWith("/conversations/details/query")))
                        .hasSizeGreaterThanOrEqualTo(STORM);
                assertThat(f.counter("api429s")).isGreaterThanOrEqualTo(STORM);

                // and the summary report counts the day's calls once, its rows named as the org's queue list names them
                String summaryPath = "/api/v1/reports/summary?tenant=" + f.tenant + "&from=" + dayStart
                        + "&to=" + dayStart.plus(Duration.ofDays(1)) + "&tz=UTC&groupBy=queue";
                GenesysOrgFixture.await("the queue list's names in the report", Duration.ofSeconds(60),
                        () -> summaryNames(d, summaryPath).equals(Map.of("q1", "Sales", "q2", "Support")),
                        () -> summaryNames(d, summaryPath));
                HttpResponse<String> summary = d.server().get(summaryPath, SharedMariaDbServer.API_TOKEN);
                assertThat(summary.statusCode()).as(summary.body()).isEqualTo(200);
                JsonObject total = GenesysOrgFixture.json(summary.body()).getJsonObject("total");
                assertThat(total.getJsonNumber("offered").longValue()).as(summary.body()).isEqualTo(36);
                assertThat(total.getJsonNumber("abandoned").longValue()).isEqualTo(6);
            } finally {
                f.deleteOrg();
            }
        }
    }

    /**
     * The service announces that it closes the socket and closes it. The org changed meanwhile without a
     * notification (one caller left q1, another is waiting there, an agent went off queue on a break): the
     * client makes a new channel, subscribes it and resyncs, and the live snapshot equals the org again.
     */
    @Test
    void anAnnouncedClosingIsFollowedByANewChannelAndTheOrgsTruth(Deployment d) throws Exception {
        withConnectedOrg(d, "genclose", (f, ws, org) -> {
            String first = ws.openChannels().get(0);
            String gone = "gone-" + f.suffix;
            publishUntilSeen(f, ws, gone, "q1");
            assertThat(f.member("u1").getString("state")).isEqualTo("AVAILABLE");
            long reconnects = f.counter("reconnects");
            long resyncs = f.counter("resyncs");

            // what happens while the socket goes away, and is never notified
            String fresh = "fresh-" + f.suffix;
            org.observations(GenesysOrgFixture.observations(Map.of("q1", List.of(fresh)), Instant.now().minusSeconds(25)));
            org.user("u1", "User u1", "OFF_QUEUE", "Break");
            ws.closeSockets(true);

            GenesysOrgFixture.await("the snapshot to show the org's truth after the new channel", Duration.ofSeconds(60),
                    () -> f.counter("reconnects") > reconnects && f.waiting("q1").equals(List.of(fresh))
                            && "PAUSED".equals(f.member("u1").getString("state")), f::live);
            assertThat(f.member("u1").getString("pauseReason")).isEqualTo("Break");
            assertThat(f.member("u2").getString("state")).isEqualTo("AVAILABLE");
            assertThat(f.counter("socketClosings")).isGreaterThanOrEqualTo(1);
            assertThat(f.counter("resyncs")).isGreaterThan(resyncs);
            assertThat(f.source().getString("state")).isEqualTo("CONNECTED");

            // the new channel has the subscriptions: a notification on it reaches the snapshot
            List<String> open = ws.openChannels();
            assertThat(open).hasSize(1).doesNotContain(first);
            assertThat(ws.topics(open.get(0))).contains("v2.routing.queues.q1.conversations",
                    "v2.routing.queues.q2.conversations", "v2.users.u1.routingStatus", "v2.users.u2.presence");
            String later = "later-" + f.suffix;
            publishUntilSeen(f, ws, later, "q2");
            assertThat(f.waiting("q1")).containsExactly(fresh);
        });
    }

    /**
     * The socket closes without warning, later it falls silent (no heartbeats): each time a new channel
     * follows (after the backoff, after the heartbeat timeout the shared server sets to 10 s) and the
     * resync brings the callers that came and went meanwhile into the snapshot.
     */
    @Test
    void anUnannouncedCloseAndASilentSocketAreReplacedAndResynced(Deployment d) throws Exception {
        withConnectedOrg(d, "gensilent", (f, ws, org) -> {
            String caller = "early-" + f.suffix;
            publishUntilSeen(f, ws, caller, "q1");
            long reconnects = f.counter("reconnects");

            // closed without a socket_closing: the caller left meanwhile, unnotified
            org.observations(GenesysOrgFixture.observations(Map.of(), Instant.now()));
            ws.closeSockets(false);
            GenesysOrgFixture.await("a new channel and the caller gone", Duration.ofSeconds(60),
                    () -> f.counter("reconnects") > reconnects && f.waiting("q1").isEmpty() && f.connected(), f::live);
            long afterClose = f.counter("reconnects");

            // silent: the socket stays open but nothing comes; a caller queues in q2 meanwhile
            int accepted = ws.socketsAccepted();
            String waiting = "quiet-" + f.suffix;
            org.observations(GenesysOrgFixture.observations(Map.of("q2", List.of(waiting)), Instant.now().minusSeconds(5)));
            ws.silent(true);
            GenesysOrgFixture.await("a new socket after the silence", Duration.ofSeconds(60),
                    () -> ws.socketsAccepted() > accepted, f::source);
            ws.silent(false); // the new socket hears heartbeats again
            GenesysOrgFixture.await("the caller of the silence in the snapshot", Duration.ofSeconds(30),
                    () -> f.counter("reconnects") > afterClose && f.waiting("q2").equals(List.of(waiting)), f::live);
            assertThat(f.counter("silences")).isGreaterThanOrEqualTo(1);
            assertThat(f.waiting("q1")).isEmpty();
            // and the socket stays: heartbeats keep it alive past another timeout
            long settled = f.counter("reconnects");
            Thread.sleep(12_000);
            assertThat(f.counter("reconnects")).isEqualTo(settled);
            assertThat(f.source().getString("state")).isEqualTo("CONNECTED");
        });
    }

    /** What a socket test does with its org, once the org's notification channel is open and resynced. */
    @FunctionalInterface
    private interface ConnectedOrgTest {
        void run(GenesysOrgFixture f, GenesysNotificationStandIn ws, GenesysStandIn org) throws Exception;
    }

    /**
     * An org of a tenant of its own (queues q1 "Sales" with users u1 and u2, q2 "Support" with u2) whose
     * notifications come from a stand-in with 1 s heartbeats; the test runs once its channel is open and
     * resynced, and the org is deleted afterwards.
     */
    private static void withConnectedOrg(Deployment d, String name, ConnectedOrgTest test) throws Exception {
        GenesysOrgFixture f = new GenesysOrgFixture(d, name);
        try (GenesysNotificationStandIn ws = new GenesysNotificationStandIn(1000);
             GenesysStandIn org = new GenesysStandIn("it-client", GenesysSourceIT.SECRET)) {
            org.notifications(ws).queue("q1", "Sales", "u1", "u2").queue("q2", "Support", "u2");
            f.createOrg(org);
            try {
                GenesysOrgFixture.await("the org's channel to be open and resynced", Duration.ofSeconds(90), f::connected, f::source);
                test.run(f, ws, org);
            } finally {
                f.deleteOrg();
            }
        }
    }

    /** Publishes a caller waiting in the queue (again, until a channel carries it) and waits for it in the snapshot. */
    static void publishUntilSeen(GenesysOrgFixture f, GenesysNotificationStandIn ws, String conversation, String queue)
            throws Exception {
        Instant since = Instant.now();
        GenesysOrgFixture.await(conversation + " waiting in " + queue, Duration.ofSeconds(60), () -> {
            if (!f.waiting(queue).contains(conversation)) {
                ws.publish("v2.routing.queues." + queue + ".conversations",
                        GenesysSourceIT.waitingConversation(conversation, queue, since));
                Thread.sleep(500);
            }
            return f.waiting(queue).contains(conversation);
        }, f::live);
    }

    /** queue -> displayName of the summary report's rows. */
    private static Map<String, String> summaryNames(Deployment d, String path) throws Exception {
        HttpResponse<String> r = d.server().get(path, SharedMariaDbServer.API_TOKEN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Map<String, String> names = new java.util.TreeMap<>();
        GenesysOrgFixture.json(r.body()).getJsonArray("rows").forEach(v -> names.put(v.asJsonObject().getString("queue"),
                v.asJsonObject().getString("displayName")));
        return names;
    }

    private static JsonObject importDay(GenesysOrgFixture f, LocalDate day) throws Exception {
        HttpResponse<String> r = f.call("POST", f.orgPath() + "/import?tenant=" + f.tenant + "&day=" + day, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return GenesysOrgFixture.json(r.body());
    }

    private static List<GenesysStandIn.Received> morningDetails(List<GenesysStandIn.Received> all, String marker) {
        return all.stream().filter(r -> r.path().equals(DETAILS) && r.body().contains(marker)).toList();
    }

    /** Every visit of the tenant with what the reports read from it, in one order. */
    private static List<String> facts(Deployment d, String tenant) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = d.database().connect();
             PreparedStatement s = c.prepareStatement("select call_id, visit_seq, queue, outcome, entered_at, connected_at,"
                     + " ended_at, wait_s, ring_s, talk_s, hold_s, agent, transferred, next_queue from queue_visit"
                     + " where tenant_id = ? order by call_id, visit_seq")) {
            s.setString(1, tenant);
            try (ResultSet r = s.executeQuery()) {
                int n = r.getMetaData().getColumnCount();
                while (r.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= n; i++) {
                        row.append(i > 1 ? "|" : "").append(r.getString(i));
                    }
                    rows.add(row.toString());
                }
            }
        }
        return rows;
    }
}
