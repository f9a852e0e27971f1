package io.queuelens.sources.genesys.control;

import io.queuelens.kpi.entity.KpiSettings;
import io.queuelens.live.control.LiveModel;
import io.queuelens.live.entity.LiveSnapshot;
import io.queuelens.live.entity.MemberState;
import io.queuelens.live.entity.WaitingCaller;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import org.asteriskjava.manager.event.ManagerEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One org's live session end to end inside one JVM: an in-memory org answers the REST calls (queues in
 * pages, members, observations, channels), the WebSocket stand-in carries the notifications, and a real
 * live model folds what the session translates.
 */
class GenesysLiveSessionTest {

    /** The org's truth: who waits where, who talks to whom, who is in which state; served as REST answers. */
    static final class Org implements GenesysLiveSession.Rest {
        final GenesysNotificationStandIn ws;
        final Map<String, List<String>> queueMembers = new ConcurrentHashMap<>();
        final Map<String, String> routing = new ConcurrentHashMap<>();
        final Map<String, String> presence = new ConcurrentHashMap<>();
        /** conversation id -> queue id, waiting since */
        final Map<String, Object[]> waiting = new ConcurrentHashMap<>();
        final List<String> calls = new CopyOnWriteArrayList<>();

        Org(GenesysNotificationStandIn ws) {
            this.ws = ws;
        }

        @Override
        public JsonObject get(String pathAndQuery) {
            calls.add("GET " + pathAndQuery);
            int page = Integer.parseInt(pathAndQuery.replaceAll(".*pageNumber=(\\d+).*", "$1"));
            List<JsonObject> all = new ArrayList<>();
            if (pathAndQuery.startsWith("/api/v2/routing/queues?")) {
                queueMembers.keySet().stream().sorted().forEach(q ->
                        all.add(Json.createObjectBuilder().add("id", q).add("name", "Queue " + q).build()));
            } else {
                String q = pathAndQuery.replaceAll("/api/v2/routing/queues/([^/]+)/members.*", "$1");
                for (String u : queueMembers.getOrDefault(q, List.of())) {
                    all.add(Json.createObjectBuilder().add("id", u).add("name", "User " + u).add("joined", true)
                            .add("routingStatus", Json.createObjectBuilder().add("status", routing.get(u)))
                            .add("user", Json.createObjectBuilder().add("id", u).add("presence", Json.createObjectBuilder()
                                    .add("presenceDefinition", Json.createObjectBuilder().add("systemPresence", presence.get(u)))))
                            .build());
                }
            }
            int size = 2; // small pages so that paging is exercised
            int pageCount = Math.max(1, (all.size() + size - 1) / size);
            JsonArrayBuilder entities = Json.createArrayBuilder();
            all.subList(Math.min(all.size(), (page - 1) * size), Math.min(all.size(), page * size)).forEach(entities::add);
            return Json.createObjectBuilder().add("entities", entities).add("pageNumber", page)
                    .add("pageCount", pageCount).add("total", all.size()).build();
        }

        @Override
        public JsonObject post(String path, JsonStructure body) {
            calls.add("POST " + path);
            if (path.equals("/api/v2/notifications/channels")) {
                String id = ws.newChannel();
                return Json.createObjectBuilder().add("id", id).add("connectUri", ws.connectUri(id).toString())
                        .add("expires", Instant.now().plus(Duration.ofHours(24)).toString()).build();
            }
            JsonArrayBuilder results = Json.createArrayBuilder();
            for (JsonValue p : body.asJsonObject().getJsonObject("filter").getJsonArray("predicates")) {
                String q = p.asJsonObject().getString("value");
                JsonArrayBuilder obs = Json.createArrayBuilder();
                waiting.forEach((conv, w) -> {
                    if (w[0].equals(q)) {
                        obs.add(Json.createObjectBuilder().add("conversationId", conv)
                                .add("observationDate", w[1].toString()).add("ani", "+1555" + conv));
                    }
                });
                results.add(Json.createObjectBuilder().add("group", Json.createObjectBuilder().add("queueId", q)
                                .add("mediaType", "voice"))
                        .add("data", Json.createArrayBuilder().add(Json.createObjectBuilder().add("metric", "oWaiting")
                                .add("stats", Json.createObjectBuilder().add("count", 0)).add("observations", obs))));
            }
            return Json.createObjectBuilder().add("results", results).build();
        }

        @Override
        public void put(String path, JsonStructure body) {
            calls.add("PUT " + path);
            String channel = path.replaceAll(".*/channels/([^/]+)/subscriptions", "$1");
            List<String> topics = new ArrayList<>();
            body.asJsonArray().forEach(t -> topics.add(t.asJsonObject().getString("id")));
            ws.subscribe(channel, topics);
        }
    }

    GenesysNotificationStandIn ws;
    Org org;
    ScheduledExecutorService scheduler;
    GenesysLiveSession session;
    final List<Map<String, String>> queueNames = new java.util.concurrent.CopyOnWriteArrayList<>();
    final LiveModel model = new LiveModel("t1", ZoneId.of("UTC"), (q, at) -> KpiSettings.DEFAULTS, 1000, Instant.now());

    @BeforeEach
    void start() throws Exception {
        ws = new GenesysNotificationStandIn(200);
        org = new Org(ws);
        org.queueMembers.put("q1", List.of("u1", "u2", "u3"));
        org.queueMembers.put("q2", List.of("u3"));
        org.queueMembers.put("q3", List.of());
        org.routing.putAll(Map.of("u1", "IDLE", "u2", "OFF_QUEUE", "u3", "IDLE"));
        org.presence.putAll(Map.of("u1", "On Queue", "u2", "Away", "u3", "On Queue"));
        org.waiting.put("c1", new Object[]{"q1", Instant.now().minusSeconds(40)});
        scheduler = Executors.newSingleThreadScheduledExecutor();
        GenesysLiveSession.Feed feed = new GenesysLiveSession.Feed() {
            @Override
            public void accept(ManagerEvent event) {
                synchronized (model) {
                    model.apply("org1", event, Instant.now());
                }
            }

            @Override
            public void connected(boolean up) {
                synchronized (model) {
                    model.connected(up);
                }
            }

            @Override
            public void queueNames(Map<String, String> names) {
                queueNames.add(names);
            }
        };
        session = new GenesysLiveSession("t1", "org1-live", org, feed, Function.identity(),
                new GenesysNotificationChannel.Settings(Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ZERO,
                        Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofSeconds(5)),
                scheduler, HttpClient.newHttpClient());
        session.start();
    }

    @AfterEach
    void stop() throws Exception {
        session.close();
        scheduler.shutdownNow();
        ws.close();
    }

    LiveSnapshot snapshot() {
        synchronized (model) {
            return model.snapshot(1);
        }
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(20);
        }
    }

    static JsonObject waitingConversation(String id, String queue, Instant since) {
        return Json.createObjectBuilder().add("id", id).add("participants", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("purpose", "customer").add("address", "tel:+1555" + id)
                        .add("calls", Json.createArrayBuilder().add(Json.createObjectBuilder().add("state", "connected"))))
                .add(Json.createObjectBuilder().add("purpose", "acd").add("queueId", queue)
                        .add("connectedTime", since.toString())
                        .add("calls", Json.createArrayBuilder().add(Json.createObjectBuilder().add("state", "connected")))))
                .build();
    }

    @Test
    void subscribesEveryQueueAndMemberAndStartsFromTheObservations() throws Exception {
        await("resynced", () -> model.resyncsCompleted() == 1 && session.source().status().ready());
        String channel = session.source().channel().id();
        assertThat(ws.topics(channel)).containsExactlyInAnyOrder(
                "v2.routing.queues.q1.conversations", "v2.routing.queues.q2.conversations",
                "v2.routing.queues.q3.conversations",
                "v2.users.u1.presence", "v2.users.u1.routingStatus", "v2.users.u2.presence",
                "v2.users.u2.routingStatus", "v2.users.u3.presence", "v2.users.u3.routingStatus");
        assertThat(org.calls).contains("GET /api/v2/routing/queues?pageSize=100&pageNumber=2"); // 3 queues, pages of 2
        LiveSnapshot s = snapshot();
        assertThat(s.queues()).containsOnlyKeys("q1", "q2", "q3");
        assertThat(s.queues().get("q1").waiting()).extracting(WaitingCaller::uniqueId).containsExactly("c1");
        assertThat(s.members().get("u1").state()).isEqualTo(MemberState.AVAILABLE);
        assertThat(s.members().get("u2").state()).isEqualTo(MemberState.PAUSED);
        assertThat(s.members().get("u2").pauseReason()).isEqualTo("Away");
        assertThat(s.members().get("u3").queues()).containsExactlyInAnyOrder("q1", "q2");
        assertThat(s.queues().get("q1").available()).isEqualTo(2);
        assertThat(s.connected()).isTrue();
        // the queue list's names go to the display names (every page of the list)
        assertThat(queueNames).isNotEmpty();
        assertThat(queueNames.get(0)).containsExactlyInAnyOrderEntriesOf(
                Map.of("q1", "Queue q1", "q2", "Queue q2", "q3", "Queue q3"));
    }

    @Test
    void followsNotificationsAndAfterASocketClosingResyncsToTheOrgsTruth() throws Exception {
        await("resynced", () -> model.resyncsCompleted() == 1);
        ws.publish("v2.routing.queues.q2.conversations", waitingConversation("c2", "q2", Instant.now()));
        ws.publish("v2.users.u2.routingStatus", Json.createObjectBuilder().add("routingStatus",
                Json.createObjectBuilder().add("status", "IDLE")).build());
        await("caller and agent followed", () -> snapshot().queues().get("q2").waiting().size() == 1
                && snapshot().members().get("u2").state() == MemberState.AVAILABLE);
        assertThat(snapshot().queues().get("q2").today().offered()).isEqualTo(1);

        // while the socket is being replaced the org changes: c1 is gone, c2 and c3 wait, u1 went off queue
        String first = session.source().channel().id();
        org.waiting.remove("c1");
        org.waiting.put("c2", new Object[]{"q2", Instant.now().minusSeconds(5)});
        org.waiting.put("c3", new Object[]{"q1", Instant.now().minusSeconds(2)});
        org.routing.put("u1", "OFF_QUEUE");
        org.routing.put("u2", "IDLE");
        ws.closeSockets(true);

        await("resynced on a new channel", () -> model.resyncsCompleted() == 2 && session.source().channel() != null
                && !session.source().channel().id().equals(first));
        LiveSnapshot s = snapshot();
        assertThat(s.queues().get("q1").waiting()).extracting(WaitingCaller::uniqueId).containsExactly("c3");
        assertThat(s.queues().get("q2").waiting()).extracting(WaitingCaller::uniqueId).containsExactly("c2");
        assertThat(s.members().get("u1").state()).isEqualTo(MemberState.PAUSED);
        assertThat(s.members().get("u2").state()).isEqualTo(MemberState.AVAILABLE);
        assertThat(ws.topics(session.source().channel().id())).hasSize(9);
        assertThat(session.source().status().counters()).containsEntry("reconnects", 1L).containsEntry("socketClosings", 1L)
                .containsEntry("resyncs", 2L).containsEntry("queues", 3L);
    }

    @Test
    void aLaterResyncFollowsNewMembersAndSubscribesThem() throws Exception {
        await("resynced", () -> model.resyncsCompleted() == 1);
        String channel = session.source().channel().id();
        org.queueMembers.put("q2", List.of("u3", "u4"));
        org.routing.put("u4", "IDLE");
        org.presence.put("u4", "On Queue");
        session.requestResync();
        await("the new member", () -> model.resyncsCompleted() == 2 && snapshot().members().containsKey("u4"));
        assertThat(snapshot().members().get("u4").state()).isEqualTo(MemberState.AVAILABLE);
        assertThat(session.source().channel().id()).isEqualTo(channel);
        assertThat(ws.topics(channel)).contains("v2.users.u4.presence", "v2.users.u4.routingStatus").hasSize(11);
        ws.publish("v2.users.u4.routingStatus", Json.createObjectBuilder().add("routingStatus",
                Json.createObjectBuilder().add("status", "INTERACTING")).build());
        await("the new member's notification", () -> snapshot().members().get("u4").state() == MemberState.ON_CALL);
    }
}
