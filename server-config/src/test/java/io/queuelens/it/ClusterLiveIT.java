package io.queuelens.it;

import io.queuelens.it.support.AdminLogin;
import io.queuelens.it.support.ClusterOfServers;
import io.queuelens.it.support.HeadlessChromium;
import io.queuelens.it.support.RunningServer;
import io.queuelens.it.support.SimulatedPbx;
import io.queuelens.sources.demo.entity.AmiMessage;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

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
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9, the live picture across a cluster: two servers on one MariaDB; a tenant's Asterisk source (a
 * {@link SimulatedPbx}) runs on the member holding the tenant, and the other member, which has no connection to
 * the PBX, shows the same live picture: its live REST follows the holder's within a second or two of a change
 * at the PBX, and a wallboard opened in a browser on it shows the change.
 */
class ClusterLiveIT {

    private static final Path FILES = Path.of(System.getProperty("queuelens.it.dir", "target/it"))
            .toAbsolutePath().resolve("cluster-live-files");

    private static ClusterOfServers cluster;
    private static SimulatedPbx pbx;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(FILES);
        pbx = new SimulatedPbx(91);
        pbx.advance(Duration.ofMinutes(10)); // agents log in, callers queue; the PBX then stands still but for our frames
        cluster = ClusterOfServers.start("cluster-live", 2, Map.of(
                "QUEUELENS_DEMO_ENABLED", "false",
                "QUEUELENS_SOURCES_FILE_ROOTS", FILES.toString()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        if (pbx != null) {
            pbx.close();
        }
    }

    @Test
    void theMemberWithoutTheSourceFollowsTheHoldersLivePictureInRestAndBrowser() throws Exception {
        String tenant = "it-cluster-live-" + Long.toString(System.nanoTime() % 1_000_000, 36);
        try (Connection c = cluster.database().connect(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO tenant (id, name, time_zone, locale, currency, created_at) VALUES ('" + tenant
                    + "', 'Cluster live IT', 'UTC', 'en', 'EUR', CURRENT_TIMESTAMP(6))");
        }
        // the members' tenant leases decide which member runs the source: the status must say which it holds
        assertThat(cluster.clusterStatus(0)).as("cluster status of member 0").containsKey("heldTenants");
        int holderIndex = awaitHolder(tenant);
        RunningServer holder = cluster.server(holderIndex);
        RunningServer follower = cluster.server(1 - holderIndex);
        assertThat(heldTenants(1 - holderIndex)).doesNotContain(tenant);

        configureSource(holder, tenant);
        JsonObject onHolder = awaitSnapshot(holder, tenant, Duration.ofSeconds(90),
                s -> s.getBoolean("connected") && s.getJsonObject("queues").containsKey("sales")
                        && !s.getJsonObject("members").isEmpty(), "the PBX's queues and members on the holder");

        // the follower, with no connection to the PBX, shows the same picture under versions of its own
        JsonObject onFollower = awaitSamePicture(holder, follower, tenant);
        assertThat(onFollower.getJsonObject("members").keySet()).isEqualTo(onHolder.getJsonObject("members").keySet());
        assertThat(onFollower.getJsonObject("members")).isNotEmpty();

        // a caller joins at the PBX: the follower's REST shows it within a second or two
        int before = waiting(onFollower, "sales");
        Instant joined = Instant.now();
        join("9001.1", "+15550001");
        awaitSnapshot(follower, tenant, Duration.ofSeconds(20), s -> waiting(s, "sales") == before + 1, "the new caller");
        Duration took = Duration.between(joined, Instant.now());
        assertThat(took).as("PBX -> holder -> grid -> follower's REST").isLessThan(Duration.ofSeconds(3));
        assertThat(waiting(snapshot(holder, tenant), "sales")).isEqualTo(before + 1);

        // a browser on the follower's wallboard sees the next caller arrive
        ChromeDriver browser = HeadlessChromium.start();
        try {
            AdminLogin.logIn(browser, cluster.server(0)); // the first member printed the admin password
            AdminLogin.logIn(browser, follower);
            browser.get(follower.url("/live/wallboard.xhtml?tenant=" + tenant));
            WebDriverWait wait = HeadlessChromium.waitFor(browser, Duration.ofSeconds(60));
            wait.until(ExpectedConditions.attributeToBe(By.id("live"), "data-state", "live"));
            By salesWaiting = By.cssSelector("section.ql-card[data-group='sales'] [data-fig=waiting] .ql-fig-value");
            wait.until(ExpectedConditions.textToBe(salesWaiting, Integer.toString(before + 1)));

            Instant second = Instant.now();
            join("9001.2", "+15550002");
            HeadlessChromium.waitFor(browser, Duration.ofSeconds(20))
                    .until(ExpectedConditions.textToBe(salesWaiting, Integer.toString(before + 2)));
            assertThat(Duration.between(second, Instant.now())).as("PBX -> follower's browser").isLessThan(Duration.ofSeconds(5));
            assertThat(browser.findElement(By.id("live-status")).getText()).isEqualTo("Live");
        } finally {
            browser.quit();
        }
    }

    /** A caller joins sales at the PBX (a frame only: the PBX's own simulation does not move meanwhile). */
    private static void join(String uniqueId, String number) {
        pbx.send(AmiMessage.event("QueueCallerJoin").add("Privilege", "agent,all").add("Queue", "sales")
                .add("Channel", "PJSIP/trunk-" + uniqueId).add("Uniqueid", uniqueId).add("CallerIDNum", number)
                .add("Position", 99).add("Count", 99).build());
    }

    /** Which member took the new tenant's lease (the leases decide, not the test). */
    private int awaitHolder(String tenant) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            for (int i = 0; i < 2; i++) {
                if (heldTenants(i).contains(tenant)) {
                    return i;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no member took the lease of " + tenant + ": " + cluster.clusterStatus(0) + " / "
                + cluster.clusterStatus(1));
    }

    private java.util.Set<String> heldTenants(int member) throws Exception {
        JsonObject status = cluster.clusterStatus(member);
        JsonArray held = status.containsKey("heldTenants") ? status.getJsonArray("heldTenants") : JsonValue.EMPTY_JSON_ARRAY;
        return held.getValuesAs(JsonString.class).stream().map(JsonString::getString)
                .collect(java.util.stream.Collectors.toSet());
    }

    /** The tenant's Asterisk source on the PBX, configured through the holder (an empty queue_log: history is not tested). */
    private void configureSource(RunningServer server, String tenant) throws Exception {
        Path queueLog = Files.createTempFile(FILES, "cluster-live", ".queue_log");
        String body = "{\"name\":\"pbx\",\"displayName\":\"Cluster IT PBX\",\"mode\":\"FILE\",\"queueLogFile\":\""
                + queueLog.toAbsolutePath() + "\",\"amiHost\":\"127.0.0.1\",\"amiPort\":" + pbx.port() + ",\"amiUser\":\""
                + SimulatedPbx.USER + "\",\"amiSecret\":\"" + pbx.secret() + "\",\"timeZone\":\"UTC\"}";
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(server.url("/api/v1/sources/asterisk?tenant=" + tenant)))
                .header("Authorization", "Bearer " + ClusterOfServers.API_TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    /** What both members must agree on: waiting callers per queue and member states (not versions or times). */
    private static Map<String, Object> picture(JsonObject snapshot) {
        Map<String, Object> p = new java.util.TreeMap<>();
        snapshot.getJsonObject("queues").forEach((name, q) -> p.put("queue " + name,
                q.asJsonObject().getJsonArray("waiting").stream().map(w -> w.asJsonObject().getString("uniqueId")).toList()));
        snapshot.getJsonObject("members").forEach((iface, m) -> p.put("member " + iface, m.asJsonObject().getString("state")));
        return p;
    }

    private static int waiting(JsonObject snapshot, String queue) {
        JsonObject q = snapshot.getJsonObject("queues").getJsonObject(queue);
        return q == null ? -1 : q.getJsonArray("waiting").size();
    }

    private JsonObject snapshot(RunningServer server, String tenant) throws Exception {
        HttpResponse<String> r = server.get("/api/v1/live?tenant=" + tenant, ClusterOfServers.API_TOKEN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.createReader(new StringReader(r.body())).readObject();
    }

    /** The follower's snapshot once it shows what the holder's shows (the holder's may still be resyncing at first). */
    private JsonObject awaitSamePicture(RunningServer holder, RunningServer follower, String tenant) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        JsonObject onHolder = null;
        JsonObject onFollower = null;
        while (Instant.now().isBefore(deadline)) {
            onHolder = snapshot(holder, tenant);
            onFollower = snapshot(follower, tenant);
            if (onFollower.getBoolean("connected") && picture(onFollower).equals(picture(onHolder))) {
                return onFollower;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the follower never showed the holder's picture.\nholder:   "
                + (onHolder == null ? null : picture(onHolder)) + "\nfollower: " + (onFollower == null ? null : picture(onFollower)));
    }

    private JsonObject awaitSnapshot(RunningServer server, String tenant, Duration within, Predicate<JsonObject> until,
                                     String what) throws Exception {
        Instant deadline = Instant.now().plus(within);
        JsonObject last = null;
        while (Instant.now().isBefore(deadline)) {
            last = snapshot(server, tenant);
            if (until.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the live snapshot of " + server.url("") + " never showed " + what + ": " + last);
    }
}
