package io.queuelens.it;

import io.queuelens.it.support.SharedMariaDbServer;
import io.queuelens.it.support.SharedMariaDbServer.Deployment;
import io.queuelens.it.support.SimulatedPbx;
import io.queuelens.sources.demo.entity.AmiMessage;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live model's faults (issue "Live", bad input and faults) against a real AMI peer: the demo's AMI
 * server and contact-center simulation in the test JVM, configured as a tenant's Asterisk source over
 * REST. Each test has a tenant, a PBX and a source of its own.
 */
@ExtendWith(SharedMariaDbServer.class)
class LiveFaultsIT {

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
    }

    @Test
    void aKilledPeerComesBackAndTheModelResyncsToThePbxsState(Deployment d) throws Exception {
        String tenant = tenant(d, "kill");
        SimulatedPbx pbx = pbx(11);
        Pump pump = new Pump(pbx);
        String source = configure(d, tenant, pbx.port(), pbx.secret());
        awaitSource(d, tenant, source, s -> s.getString("state").equals("CONNECTED"));

        pump.start();
        awaitSnapshot(d, tenant, s -> s.getJsonObject("members").size() > 5 && waitingTotal(s) > 0, "members and callers");
        long offeredBefore = offeredToday(snapshot(d, tenant));
        assertThat(offeredBefore).isPositive();
        pbx.kill(); // mid-stream: the simulation goes on, the app hears nothing of it
        awaitSource(d, tenant, source, s -> s.getString("state").equals("RECONNECTING"));
        assertThat(snapshot(d, tenant).getBoolean("connected")).isFalse();
        Thread.sleep(3000);
        pump.stop();
        SimulatedPbx.Truth truth = pbx.truth();
        assertThat(truth).as("the PBX changed while the app was away").isNotEqualTo(modelTruth(snapshot(d, tenant)));

        pbx.revive();
        JsonObject resynced = awaitModelEquals(d, tenant, pbx);
        assertThat(resynced.getBoolean("connected")).isTrue();
        // today's figures are the model's own count, not the PBX's state: a reconnect keeps them
        assertThat(offeredToday(resynced)).isGreaterThanOrEqualTo(offeredBefore);
        JsonObject status = awaitSource(d, tenant, source, s -> s.getJsonObject("counters").getInt("reconnects") >= 1);
        assertThat(status.getJsonObject("counters").getInt("resyncs")).isGreaterThanOrEqualTo(2);

        // and events after the resync keep it equal
        pump.start();
        Thread.sleep(3000);
        pump.stop();
        awaitModelEquals(d, tenant, pbx);
        assertThat(status.getJsonObject("counters").getInt("eventsMalformed")).isZero();
    }

    @Test
    void aStalledPeerIsDetectedByThePingTimeoutAndReconnected(Deployment d) throws Exception {
        String tenant = tenant(d, "stall");
        SimulatedPbx pbx = pbx(12);
        int relay = pbx.relay();
        String source = configure(d, tenant, relay, pbx.secret());
        awaitSource(d, tenant, source, s -> s.getString("state").equals("CONNECTED"));
        pbx.advance(Duration.ofMinutes(10));
        awaitModelEquals(d, tenant, pbx);

        Instant frozenAt = Instant.now();
        pbx.freezeRelay(); // the TCP connection stays open, not a byte passes
        pbx.advance(Duration.ofMinutes(5));
        // ping every 10 s, 5 s to answer (the defaults): noticed within about 16 s
        JsonObject stalled = awaitSource(d, tenant, source, s -> s.getJsonObject("counters").getInt("pingTimeouts") >= 1);
        assertThat(Duration.between(frozenAt, Instant.now())).isLessThan(Duration.ofSeconds(30));
        assertThat(stalled.getString("detail") + stalled.getString("state")).isNotBlank();
        // a new connection through the relay (not frozen) logs in and resyncs
        awaitSource(d, tenant, source, s -> s.getString("state").equals("CONNECTED")
                && s.getJsonObject("counters").getInt("reconnects") >= 1);
        assertThat(pbx.relayedConnections()).isGreaterThanOrEqualTo(2);
        awaitModelEquals(d, tenant, pbx);
    }

    @Test
    void malformedFramesAreCountedAndSkipped(Deployment d) throws Exception {
        String tenant = tenant(d, "bad");
        SimulatedPbx pbx = pbx(13);
        String source = configure(d, tenant, pbx.port(), pbx.secret());
        awaitSource(d, tenant, source, s -> s.getString("state").equals("CONNECTED"));
        awaitSnapshot(d, tenant, s -> s.getBoolean("connected"), "connected");

        // a join without a queue, one whose position is not a number, a leave without a uniqueid,
        // a device state that is no state: each unusable, none may break the connection or the model
        pbx.send(AmiMessage.event("QueueCallerJoin").add("Privilege", "agent,all").add("Uniqueid", "900.1")
                .add("Position", 1).add("Count", 1).build());
        pbx.send(AmiMessage.event("QueueCallerJoin").add("Privilege", "agent,all").add("Queue", "sales")
                .add("Uniqueid", "900.2").add("Position", "first!").add("Count", 1).build());
        pbx.send(AmiMessage.event("QueueCallerLeave").add("Privilege", "agent,all").add("Queue", "sales").build());
        pbx.send(AmiMessage.event("DeviceStateChange").add("Privilege", "call,all").add("Device", "PJSIP/201")
                .add("State", "HAPPY").build());
        // and then a good one, which must still be applied
        pbx.send(AmiMessage.event("QueueCallerJoin").add("Privilege", "agent,all").add("Queue", "sales")
                .add("Channel", "PJSIP/trunk-0001").add("Uniqueid", "900.3").add("CallerIDNum", "5550003")
                .add("Position", 1).add("Count", 1).build());

        JsonObject s = awaitSnapshot(d, tenant, snap -> snap.getJsonObject("queues").containsKey("sales")
                && snap.getJsonObject("queues").getJsonObject("sales").getJsonArray("waiting").size() == 1, "the good join");
        JsonObject caller = s.getJsonObject("queues").getJsonObject("sales").getJsonArray("waiting").getJsonObject(0);
        assertThat(caller.getString("uniqueId")).isEqualTo("900.3");
        assertThat(caller.getString("callerNumber")).isEqualTo("5550003");
        JsonObject status = awaitSource(d, tenant, source, st -> st.getJsonObject("counters").getInt("eventsMalformed") >= 4);
        assertThat(status.getJsonObject("counters").getInt("eventsMalformed")).isEqualTo(4);
        assertThat(status.getString("state")).isEqualTo("CONNECTED");
        assertThat(status.getJsonObject("counters").getInt("reconnects")).isZero();

        // the snapshot is for administrators of a known tenant only
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(d.server().url("/api/v1/live?tenant=" + tenant)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(send("GET", d, "/api/v1/live?tenant=no-such-tenant", null).statusCode()).isEqualTo(404);
        assertThat(send("GET", d, "/api/v1/live?tenant=Bad%20Id", null).statusCode()).isEqualTo(400);
        JsonObject model = json(send("GET", d, "/api/v1/live/model?tenant=" + tenant, null).body());
        assertThat(model.getInt("resyncs")).isGreaterThanOrEqualTo(1);
        assertThat(model.getInt("backlog")).isZero();

        // the counters are application metrics too
        String metrics = d.server().get("/metrics?scope=application").body();
        assertThat(metrics).contains("queuelens_source_counter").contains("eventsMalformed")
                .contains("queuelens_live_backlog");
    }

    // ---- helpers

    private SimulatedPbx pbx(long seed) throws Exception {
        SimulatedPbx pbx = new SimulatedPbx(seed);
        cleanup.add(pbx);
        return pbx;
    }

    /** A tenant of its own for each test, so its queues and members meet nobody else's. */
    private static String tenant(Deployment d, String what) throws Exception {
        String id = "it-live-" + what + "-" + Long.toString(System.nanoTime() % 1_000_000, 36);
        try (Connection c = d.database().connect(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO tenant (id, name, time_zone, locale, currency, created_at) VALUES ('" + id
                    + "', 'Live IT', 'UTC', 'en', 'EUR', CURRENT_TIMESTAMP(6))");
        }
        return id;
    }

    /** An Asterisk source with AMI settings (and an empty queue_log file, the history side is not tested here). */
    private String configure(Deployment d, String tenant, int port, String secret) throws Exception {
        // inside the folder the shared server lets FILE sources read (queuelens.sources.file-roots)
        Path queueLog = Files.createTempFile(Files.createDirectories(d.server().dataDir().resolveSibling("pbx-files")),
                "it-live", ".queue_log");
        cleanup.add(() -> Files.deleteIfExists(queueLog));
        String name = "pbx" + Long.toString(System.nanoTime() % 100_000, 36);
        String body = "{\"name\":\"" + name + "\",\"displayName\":\"Live IT PBX\",\"mode\":\"FILE\",\"queueLogFile\":\""
                + queueLog.toAbsolutePath() + "\",\"amiHost\":\"127.0.0.1\",\"amiPort\":" + port + ",\"amiUser\":\""
                + SimulatedPbx.USER + "\",\"amiSecret\":\"" + secret + "\",\"timeZone\":\"UTC\"}";
        HttpResponse<String> created = send("POST", d, "/api/v1/sources/asterisk?tenant=" + tenant, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = json(created.body()).getJsonNumber("id").longValue();
        cleanup.add(() -> send("POST", d, "/api/v1/sources/asterisk/" + id + "/disable?tenant=" + tenant, ""));
        return name + "-ami";
    }

    /** Moves the PBX's time on in the background: 5 simulated seconds every 50 ms. */
    private static final class Pump {
        private final SimulatedPbx pbx;
        private final AtomicBoolean running = new AtomicBoolean();
        private Thread thread;

        Pump(SimulatedPbx pbx) {
            this.pbx = pbx;
        }

        void start() {
            running.set(true);
            thread = new Thread(() -> {
                while (running.get()) {
                    pbx.advance(Duration.ofSeconds(5));
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "it-pbx-pump");
            thread.start();
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join();
        }
    }

    private JsonObject awaitModelEquals(Deployment d, String tenant, SimulatedPbx pbx) throws Exception {
        SimulatedPbx.Truth truth = pbx.truth();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(45));
        JsonObject last = null;
        while (Instant.now().isBefore(deadline)) {
            last = snapshot(d, tenant);
            if (truth.equals(modelTruth(last))) {
                return last;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the live model never equalled the PBX.\nPBX:   " + truth + "\nmodel: "
                + (last == null ? null : modelTruth(last)));
    }

    /** The snapshot folded like {@link SimulatedPbx#truth()}: waiting uniqueids per queue, member states and queues. */
    private static SimulatedPbx.Truth modelTruth(JsonObject snapshot) {
        Map<String, List<String>> waiting = new TreeMap<>();
        snapshot.getJsonObject("queues").forEach((name, q) -> {
            JsonObject queue = q.asJsonObject();
            List<String> ids = new ArrayList<>();
            for (JsonValue w : queue.getJsonArray("waiting")) {
                ids.add(w.asJsonObject().getString("uniqueId"));
            }
            waiting.put(name, ids);
        });
        Map<String, String> states = new TreeMap<>();
        Map<String, List<String>> queues = new TreeMap<>();
        snapshot.getJsonObject("members").forEach((iface, m) -> {
            states.put(iface, m.asJsonObject().getString("state"));
            List<String> qs = new ArrayList<>();
            for (JsonValue q : m.asJsonObject().getJsonArray("queues")) {
                qs.add(((jakarta.json.JsonString) q).getString());
            }
            qs.sort(null);
            queues.put(iface, qs);
        });
        return new SimulatedPbx.Truth(waiting, states, queues);
    }

    private static long offeredToday(JsonObject snapshot) {
        long n = 0;
        for (JsonValue q : snapshot.getJsonObject("queues").values()) {
            n += q.asJsonObject().getJsonObject("today").getJsonNumber("offered").longValue();
        }
        return n;
    }

    private static int waitingTotal(JsonObject snapshot) {
        int n = 0;
        for (JsonValue q : snapshot.getJsonObject("queues").values()) {
            n += q.asJsonObject().getJsonArray("waiting").size();
        }
        return n;
    }

    private JsonObject snapshot(Deployment d, String tenant) throws Exception {
        HttpResponse<String> r = send("GET", d, "/api/v1/live?tenant=" + tenant, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r.body());
    }

    private JsonObject awaitSnapshot(Deployment d, String tenant, Predicate<JsonObject> until, String what) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(45));
        JsonObject last = null;
        while (Instant.now().isBefore(deadline)) {
            last = snapshot(d, tenant);
            if (until.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the live snapshot never showed " + what + ": " + last);
    }

    private JsonObject awaitSource(Deployment d, String tenant, String source, Predicate<JsonObject> until) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        JsonObject last = null;
        while (Instant.now().isBefore(deadline)) {
            JsonArray all = Json.createReader(new StringReader(send("GET", d, "/api/v1/sources", null).body())).readArray();
            for (JsonValue v : all) {
                JsonObject s = v.asJsonObject();
                if (s.getString("tenant").equals(tenant) && s.getString("name").equals(source)) {
                    last = s;
                }
            }
            if (last != null && until.test(last)) {
                return last;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("source " + tenant + "/" + source + " never reached the expected state: " + last);
    }

    private HttpResponse<String> send(String method, Deployment d, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(d.server().url(path)))
                .header("Authorization", "Bearer " + SharedMariaDbServer.API_TOKEN);
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }
}
