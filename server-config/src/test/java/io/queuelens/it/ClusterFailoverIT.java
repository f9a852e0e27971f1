package io.queuelens.it;

import io.queuelens.it.support.ClusterOfServers;
import io.queuelens.it.support.RunningServer;
import io.queuelens.it.support.SimulatedPbx;
import io.queuelens.it.support.ThrowawayMariaDb;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cluster failover end to end: two QueueLens servers in cluster mode (TCP discovery on loopback, the
 * default lease timing) on one MariaDB database, the demo off, and one tenant with an Asterisk source
 * whose AMI is a {@link SimulatedPbx} and whose queue_log is a table in a PBX database. Exactly one
 * member runs the source; SIGKILL of that member (no release, no goodbye) must move the source to the
 * other within 10 s, the PBX must never see two logins at once, the survivor's live model must equal
 * the PBX, and the history must hold every call exactly once (lines written before, during and after
 * the takeover: the new holder resumes from the stored checkpoint).
 */
class ClusterFailoverIT {

    /** The bound for a takeover after the holder died. */
    private static final Duration TAKEOVER_BOUND = Duration.ofSeconds(10);
    private static final String QUEUE = "it-cluster-sales";

    private static ClusterOfServers cluster;
    private static ThrowawayMariaDb pbxDb;
    private static SimulatedPbx pbx;
    private static String tenant;
    private static String sourceName;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void startTwoMembersAndAPbx() throws Exception {
        pbx = new SimulatedPbx(21);
        pbxDb = ThrowawayMariaDb.create("ql_cpbx");
        try (Connection c = pbxDb.connect(); Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE queue_log (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, time DATETIME(6) NOT NULL,
                      callid VARCHAR(80) NOT NULL DEFAULT '', queuename VARCHAR(256) NOT NULL DEFAULT '',
                      agent VARCHAR(80) NOT NULL DEFAULT '', event VARCHAR(32) NOT NULL DEFAULT '',
                      data1 VARCHAR(100) NOT NULL DEFAULT '', data2 VARCHAR(100) NOT NULL DEFAULT '',
                      data3 VARCHAR(100) NOT NULL DEFAULT '', data4 VARCHAR(100) NOT NULL DEFAULT '',
                      data5 VARCHAR(100) NOT NULL DEFAULT '')""");
        }
        cluster = ClusterOfServers.start("cluster", 2, Map.of("QUEUELENS_DEMO_ENABLED", "false"));
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            if (pbx != null) {
                pbx.close();
            }
            if (pbxDb != null) {
                pbxDb.close();
            }
        }
    }

    @Test
    void aKilledHolderIsReplacedWithinTheBoundAndThePbxNeverSeesTwoLogins() throws Exception {
        // the two servers form one grid, and the app sees it (Cluster got Payara's Hazelcast instance)
        JsonObject first = cluster.clusterStatus(0);
        JsonObject second = cluster.clusterStatus(1);
        assertThat(first.getBoolean("clustered")).isTrue();
        assertThat(second.getBoolean("clustered")).isTrue();
        Set<String> ids = Set.of(first.getString("memberId"), second.getString("memberId"));
        assertThat(ids).hasSize(2);
        assertThat(cluster.membersSeenBy(0)).isEqualTo(ids);
        assertThat(cluster.membersSeenBy(1)).isEqualTo(ids);

        tenant = "it-cluster-" + Long.toString(System.nanoTime() % 1_000_000, 36);
        try (Connection c = cluster.database().connect(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO tenant (id, name, time_zone, locale, currency, created_at) VALUES ('" + tenant
                    + "', 'Cluster IT', 'UTC', 'en', 'EUR', CURRENT_TIMESTAMP(6))");
        }
        Instant base = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        AtomicInteger calls = new AtomicInteger();
        addCalls(base, calls, 5);
        configureSource();

        // exactly one member runs the tenant's sources, and the PBX sees exactly one login
        int holder = awaitSingleHolder(Duration.ofSeconds(60));
        int survivor = 1 - holder;
        awaitTrue(() -> pbx.loggedIn() == 1, Duration.ofSeconds(60), "the holder's AMI login");
        assertThat(holderInDatabase()).isEqualTo(cluster.memberId(holder));
        awaitVisits(calls.get(), Duration.ofSeconds(60));

        // both members agree for a while: the other never logs in as well
        Pump pump = new Pump();
        pump.start();
        Thread.sleep(5000);
        assertThat(pbx.maxConcurrentLogins()).isEqualTo(1);
        assertThat(cluster.clusterStatus(survivor).getJsonArray("heldTenants").getValuesAs(JsonString.class))
                .extracting(JsonString::getString).doesNotContain(tenant);

        // SIGKILL the holder: no release, no AMI logoff; lines keep arriving during the takeover
        long loginsBefore = pbx.logins();
        long killedAt = System.nanoTime();
        cluster.kill(holder);
        addCalls(base.plusSeconds(3600 / 2), calls, 5);
        awaitTrue(() -> pbx.logins() > loginsBefore && pbx.loggedIn() == 1, TAKEOVER_BOUND.plusSeconds(20),
                "the survivor's AMI login");
        Duration takeover = Duration.ofNanos(System.nanoTime() - killedAt);
        System.out.println("ClusterFailoverIT: AMI takeover " + takeover.toMillis() + " ms after SIGKILL of the holder"
                + " (bound " + TAKEOVER_BOUND.toMillis() + " ms)");
        assertThat(takeover).isLessThan(TAKEOVER_BOUND);
        assertThat(cluster.clusterStatus(survivor).getJsonArray("heldTenants").getValuesAs(JsonString.class))
                .extracting(JsonString::getString).contains(tenant);
        assertThat(holderInDatabase()).isEqualTo(cluster.memberId(survivor));
        assertThat(pbx.maxConcurrentLogins()).as("the PBX never saw two QueueLens logins at once").isEqualTo(1);

        // the survivor's live model is the PBX's truth, after its resync
        Thread.sleep(2000);
        pump.stop();
        awaitModelEquals(cluster.server(survivor));

        // every call exactly once: the first five (read by the dead holder), the five written during the takeover
        // and five more now, read from the checkpoint on
        addCalls(base.plusSeconds(3600 * 3 / 4), calls, 5);
        awaitVisits(calls.get(), Duration.ofSeconds(60));
        Thread.sleep(3 * 2000); // a few more ingestion intervals: nothing may come twice
        assertThat(cluster.database().count("SELECT count(*) FROM queue_visit WHERE tenant_id = '" + tenant + "'"))
                .isEqualTo(calls.get());
        assertThat(pbx.maxConcurrentLogins()).isEqualTo(1);
    }

    /** Adds {@code n} answered calls (ENTERQUEUE, CONNECT, COMPLETECALLER) to the PBX's queue_log. */
    private static void addCalls(Instant from, AtomicInteger calls, int n) throws Exception {
        try (Connection c = pbxDb.connect(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO queue_log (time, callid, queuename, agent, event, data1, data2, data3) VALUES (?,?,?,?,?,?,?,?)")) {
            for (int i = 0; i < n; i++) {
                int call = calls.incrementAndGet();
                Instant t = from.plusSeconds(i * 120L);
                String id = "900." + call;
                line(ps, t, id, "NONE", "ENTERQUEUE", "", "55500" + call, "1");
                line(ps, t.plusSeconds(5), id, "PJSIP/201", "CONNECT", "5", id + "9", "2");
                line(ps, t.plusSeconds(65), id, "PJSIP/201", "COMPLETECALLER", "5", "60", "1");
            }
            ps.executeBatch();
        }
    }

    private static void line(PreparedStatement ps, Instant time, String callId, String agent, String event, String d1,
                             String d2, String d3) throws Exception {
        ps.setObject(1, LocalDateTime.ofInstant(time, ZoneOffset.UTC));
        ps.setString(2, callId);
        ps.setString(3, QUEUE);
        ps.setString(4, agent);
        ps.setString(5, event);
        ps.setString(6, d1);
        ps.setString(7, d2);
        ps.setString(8, d3);
        ps.addBatch();
    }

    /** The tenant's Asterisk source: queue_log table in the PBX database, AMI on the simulated PBX. */
    private void configureSource() throws Exception {
        String user = "qlcpbx_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String password = "Pbx-" + UUID.randomUUID();
        try (Connection c = pbxDb.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + password + "'");
            s.execute("GRANT SELECT ON " + pbxDb.name() + ".* TO '" + user + "'@'%'");
        }
        sourceName = "cpbx";
        String body = "{\"name\":\"" + sourceName + "\",\"displayName\":\"Cluster IT PBX\",\"mode\":\"TABLE\",\"dbUrl\":\""
                + "jdbc:mariadb://127.0.0.1:3306/" + pbxDb.name() + "\",\"dbUser\":\"" + user + "\",\"dbPassword\":\""
                + password + "\",\"queueLogTable\":\"queue_log\",\"amiHost\":\"127.0.0.1\",\"amiPort\":" + pbx.port()
                + ",\"amiUser\":\"" + SimulatedPbx.USER + "\",\"amiSecret\":\"" + pbx.secret() + "\",\"timeZone\":\"UTC\"}";
        HttpResponse<String> created = send(cluster.server(0), "POST", "/api/v1/sources/asterisk?tenant=" + tenant, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    /** Waits until exactly one member lists the tenant as held, and returns its index. */
    private int awaitSingleHolder(Duration within) throws Exception {
        Instant deadline = Instant.now().plus(within);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            List<Integer> holders = new ArrayList<>();
            StringBuilder seen = new StringBuilder();
            for (int i = 0; i < 2; i++) {
                JsonObject s = cluster.clusterStatus(i);
                seen.append(i).append(": ").append(s.getJsonArray("heldTenants")).append("; ");
                if (s.getJsonArray("heldTenants").getValuesAs(JsonString.class).stream()
                        .anyMatch(v -> v.getString().equals(tenant))) {
                    holders.add(i);
                }
            }
            assertThat(holders).as("never two holders at once: " + seen).hasSizeLessThan(2);
            if (holders.size() == 1) {
                return holders.get(0);
            }
            last = seen.toString();
            Thread.sleep(200);
        }
        throw new AssertionError("no member took tenant " + tenant + " within " + within.toSeconds() + " s: " + last);
    }

    private static String holderInDatabase() throws Exception {
        try (Connection c = cluster.database().connect();
             PreparedStatement ps = c.prepareStatement("SELECT holder FROM tenant_lease WHERE tenant_id = ?")) {
            ps.setString(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static void awaitVisits(int count, Duration within) throws Exception {
        String sql = "SELECT count(*) FROM queue_visit WHERE tenant_id = '" + tenant + "'";
        Instant deadline = Instant.now().plus(within);
        long last = -1;
        while (Instant.now().isBefore(deadline)) {
            last = cluster.database().count(sql);
            if (last >= count) {
                assertThat(last).as("no call stored twice").isEqualTo(count);
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("expected " + count + " visits, the database has " + last);
    }

    private static void awaitTrue(BooleanSupplier condition, Duration within, String what) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(what + " did not happen within " + within.toSeconds() + " s");
    }

    private void awaitModelEquals(RunningServer server) throws Exception {
        SimulatedPbx.Truth truth = pbx.truth();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(45));
        SimulatedPbx.Truth last = null;
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> r = send(server, "GET", "/api/v1/live?tenant=" + tenant, null);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            last = modelTruth(Json.createReader(new StringReader(r.body())).readObject());
            // the history's queue (from the queue_log lines above) is on the page too, with nobody waiting:
            // the AMI side knows only the PBX's live queues
            last.waiting().entrySet().removeIf(q -> !truth.waiting().containsKey(q.getKey()) && q.getValue().isEmpty());
            if (truth.equals(last)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the survivor's live model never equalled the PBX.\nPBX:   " + truth + "\nmodel: " + last);
    }

    /** The snapshot folded like {@link SimulatedPbx#truth()}: waiting uniqueids per queue, member states and queues. */
    private static SimulatedPbx.Truth modelTruth(JsonObject snapshot) {
        Map<String, List<String>> waiting = new TreeMap<>();
        snapshot.getJsonObject("queues").forEach((name, q) -> {
            List<String> ids = new ArrayList<>();
            for (JsonValue w : q.asJsonObject().getJsonArray("waiting")) {
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
                qs.add(((JsonString) q).getString());
            }
            qs.sort(null);
            queues.put(iface, qs);
        });
        return new SimulatedPbx.Truth(waiting, states, queues);
    }

    private HttpResponse<String> send(RunningServer server, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url(path)))
                .header("Authorization", "Bearer " + ClusterOfServers.API_TOKEN).timeout(Duration.ofSeconds(30));
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Moves the PBX's time on in the background (5 simulated seconds every 50 ms), so the live model has work. */
    private static final class Pump {
        private final AtomicBoolean running = new AtomicBoolean();
        private Thread thread;

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
            }, "it-cluster-pbx-pump");
            thread.start();
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join();
        }
    }
}
