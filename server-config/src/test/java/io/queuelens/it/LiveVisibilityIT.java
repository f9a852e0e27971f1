package io.queuelens.it;

import io.queuelens.it.support.FormLogin;
import io.queuelens.it.support.SharedMariaDbServer;
import io.queuelens.it.support.SharedMariaDbServer.Deployment;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live pushes per visibility: a user limited to one of the demo's queues opens the live tables, and their
 * snapshot and every message on their socket hold only that queue, members of it and its callers; a user
 * who sees every queue gets all of them. Both watch the same tenant at the same time.
 */
@ExtendWith(SharedMariaDbServer.class)
class LiveVisibilityIT {

    private static final String PASSWORD = AccessMatrixIT.PASSWORD;

    @Test
    void aOneQueueUserGetsOnlyThatQueueOnSnapshotAndSocketAndAFullUserGetsAll(Deployment d) throws Exception {
        JsonObject live = json(d.server().get("/api/v1/live?tenant=demo", SharedMariaDbServer.API_TOKEN).body());
        List<String> queues = new ArrayList<>(live.getJsonObject("queues").keySet());
        assertThat(queues).as("the demo has several live queues").hasSizeGreaterThan(1);
        String mine = queues.get(0);
        String s = UUID.randomUUID().toString().substring(0, 8);
        FormLogin limited = login(d, "lv-one-" + s, "{\"demo\": [\"" + mine + "\"]}");
        FormLogin full = login(d, "lv-all-" + s, "{\"demo\": []}");

        HttpResponse<String> limitedPage = limited.get("/live/tables.xhtml?tenant=demo");
        assertThat(limitedPage.statusCode()).isEqualTo(200);
        HttpResponse<String> fullPage = full.get("/live/tables.xhtml?tenant=demo");
        assertThat(fullPage.statusCode()).isEqualTo(200);

        JsonObject limitedState = json(limited.get("/live/snapshot?tenant=demo").body());
        assertOnlyQueue(limitedState, mine);
        assertThat(limitedState.getJsonObject("queues").keySet()).contains(mine);
        JsonObject fullState = json(full.get("/live/snapshot?tenant=demo").body());
        assertThat(fullState.getJsonObject("queues").keySet()).containsAll(queues);
        assertThat(fullState.getJsonObject("members").size()).isGreaterThanOrEqualTo(limitedState.getJsonObject("members").size());

        List<JsonObject> limitedPushes = Collections.synchronizedList(new ArrayList<>());
        List<JsonObject> fullPushes = Collections.synchronizedList(new ArrayList<>());
        WebSocket a = limited.liveSocket(limitedPage.body(), collector(limitedPushes));
        WebSocket b = full.liveSocket(fullPage.body(), collector(fullPushes));
        try {
            // the demo PBX keeps changing: wait for pushes to both, then a little longer for more of them
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while ((limitedPushes.size() < 3 || fullPushes.size() < 3) && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
        } finally {
            a.sendClose(WebSocket.NORMAL_CLOSURE, "done");
            b.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
        assertThat(limitedPushes).as("pushes to the one-queue user").isNotEmpty();
        assertThat(fullPushes).as("pushes to the full user").isNotEmpty();
        synchronized (limitedPushes) {
            limitedPushes.forEach(p -> assertOnlyQueue(p, mine));
        }
        Set<String> fullQueues;
        synchronized (fullPushes) {
            fullQueues = fullPushes.stream().flatMap(p -> p.getJsonObject("queues").keySet().stream()).collect(Collectors.toSet());
        }
        // a push carries changed entries only; the full user's are not cut, so any queue may appear in them
        assertThat(fullQueues).isSubsetOf(allKeys(fullState, queues));
        // a user of every queue and a one-queue user are two audiences: two different states
        assertThat(fullState.getJsonObject("queues").keySet()).isNotEqualTo(limitedState.getJsonObject("queues").keySet());
    }

    /** Queue entries of {@code mine} (or {@code *}, which is then made of it alone), members and callers of it only. */
    private static void assertOnlyQueue(JsonObject state, String mine) {
        assertThat(state.getJsonObject("queues").keySet()).as(state.toString())
                .allSatisfy(k -> assertThat(k.equals(mine) || k.equals("*")).as(k).isTrue());
        for (JsonValue m : state.getJsonObject("members").values()) {
            JsonObject member = m.asJsonObject();
            if (member.containsKey("queues") && member.get("queues") instanceof JsonString q) {
                assertThat(List.of(q.getString().split(","))).as(member.toString()).containsOnly(mine);
            }
            if (member.containsKey("callQueue") && member.get("callQueue") instanceof JsonString q) {
                assertThat(q.getString()).isEqualTo(mine);
            }
        }
        for (JsonValue c : state.getJsonObject("callers").values()) {
            if (c.asJsonObject().containsKey("queue")) {
                assertThat(c.asJsonObject().getString("queue")).isEqualTo(mine);
            }
        }
    }

    private static Set<String> allKeys(JsonObject fullState, List<String> queues) {
        Set<String> keys = new java.util.HashSet<>(fullState.getJsonObject("queues").keySet());
        keys.addAll(queues);
        return keys;
    }

    private static FormLogin login(Deployment d, String name, String grants) throws Exception {
        return FormLogin.firstLogin(d.server(), name, AccessMatrixIT.invite(d, name, "DASHBOARD", grants), PASSWORD);
    }

    /** Collects each push: the socket message is the delta as a JSON string (OmniFaces' encoding). */
    private static WebSocket.Listener collector(List<JsonObject> into) {
        return new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    JsonValue v = Json.createReader(new StringReader(partial.toString())).readValue();
                    partial.setLength(0);
                    String text = v instanceof JsonString js ? js.getString() : v.toString();
                    JsonObject push = json(text);
                    if ("delta".equals(push.getString("type", ""))) {
                        into.add(normalised(push));
                    }
                }
                ws.request(1);
                return null;
            }
        };
    }

    /** A delta with every section present (a delta leaves out sections without changes). */
    private static JsonObject normalised(JsonObject delta) {
        var b = Json.createObjectBuilder(delta);
        for (String section : List.of("queues", "members", "callers")) {
            if (!delta.containsKey(section) || delta.isNull(section)) {
                b.add(section, JsonValue.EMPTY_JSON_OBJECT);
            }
        }
        return b.build();
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }
}
