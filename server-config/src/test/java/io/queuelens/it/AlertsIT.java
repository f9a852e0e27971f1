package io.queuelens.it;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.queuelens.it.support.AdminLogin;
import io.queuelens.it.support.FormLogin;
import io.queuelens.it.support.HeadlessChromium;
import io.queuelens.it.support.SharedMariaDbServer;
import io.queuelens.it.support.SharedMariaDbServer.Deployment;
import io.queuelens.it.support.SimulatedPbx;
import io.queuelens.sources.demo.entity.AmiMessage;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Alerts end to end on the deployed server (MariaDB): a tenant of its own whose Asterisk source is the simulated
 * PBX in this JVM, so the test controls the figure exactly (callers join and leave a queue nobody else uses). A
 * rule "waiting > 1, clear at 0" with an e-mail channel (GreenMail) and a signed generic webhook (a JDK HttpServer
 * on loopback): two callers join, and the browser logged in on the tenant's wallboard shows the toast, the webhook
 * gets a POST whose signature verifies with the channel's secret, GreenMail gets the mail; the admin acknowledges it
 * on the alerts page; the callers leave, and the incident is resolved only below the clear threshold (the webhook
 * and the page hear that too).
 */
@ExtendWith(SharedMariaDbServer.class)
class AlertsIT {

    private static final String QUEUE = "alertq";
    private static final String SECRET = "it-webhook-secret-7";

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    record Hook(String body, Map<String, List<String>> headers) {
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
    }

    @Test
    void aQueueOverThresholdReachesBrowserMailAndSignedWebhookAndResolvesBelowTheClearThreshold(Deployment d) throws Exception {
        String tenant = tenant(d);
        SimulatedPbx pbx = new SimulatedPbx(21);
        cleanup.add(pbx);
        String source = configure(d, tenant, pbx.port(), pbx.secret());
        awaitSource(d, tenant, source);

        // the receivers
        BlockingQueue<Hook> hooks = new LinkedBlockingQueue<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", ex -> {
            hooks.add(new Hook(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), ex.getRequestHeaders()));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        receiver.start();
        cleanup.add(() -> receiver.stop(0));
        int smtpPort = MailIT.freePort();
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", "smtp"));
        smtp.start();
        cleanup.add(smtp::stop);
        assertThat(call(d, "PUT", "/api/v1/mail/settings?tenant=" + tenant, MailIT.settings(smtpPort, "NONE", null, null))
                .statusCode()).isEqualTo(200);

        // channels and the rule, over REST; bad fields are named
        HttpResponse<String> badChannel = call(d, "POST", "/api/v1/alerts/channels?tenant=" + tenant,
                "{\"name\":\"x\",\"kind\":\"WEBHOOK_GENERIC\",\"target\":\"ftp://nowhere\"}");
        assertThat(badChannel.statusCode()).isEqualTo(400);
        assertThat(badChannel.body()).contains("\"parameter\":\"target\"").contains("\"secret\"");
        long hook = id(call(d, "POST", "/api/v1/alerts/channels?tenant=" + tenant, "{\"name\":\"ops hook\",\"kind\":\"WEBHOOK_GENERIC\","
                + "\"target\":\"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook\",\"secret\":\"" + SECRET + "\"}"), 201);
        long mail = id(call(d, "POST", "/api/v1/alerts/channels?tenant=" + tenant,
                "{\"name\":\"supervisors\",\"kind\":\"EMAIL\",\"target\":\"sup@example.com\"}"), 201);
        HttpResponse<String> channels = call(d, "GET", "/api/v1/alerts/channels?tenant=" + tenant, null);
        assertThat(channels.body()).contains("\"secretSet\":true").doesNotContain(SECRET);
        HttpResponse<String> badRule = call(d, "POST", "/api/v1/alerts/rules?tenant=" + tenant, "{\"name\":\"q\",\"figure\":\"WAITING\","
                + "\"scopeKind\":\"QUEUE\",\"scopeIds\":[\"" + QUEUE + "\"],\"comparison\":\">\",\"threshold\":1,\"clearThreshold\":3,"
                + "\"severity\":\"CRITICAL\"}");
        assertThat(badRule.statusCode()).isEqualTo(400);
        assertThat(badRule.body()).contains("clearAbove");
        long rule = id(call(d, "POST", "/api/v1/alerts/rules?tenant=" + tenant, "{\"name\":\"Queue backing up\",\"figure\":\"WAITING\","
                + "\"scopeKind\":\"QUEUE\",\"scopeIds\":[\"" + QUEUE + "\"],\"comparison\":\">\",\"threshold\":1,\"clearThreshold\":0,"
                + "\"minDurationSeconds\":0,\"severity\":\"CRITICAL\",\"channelIds\":[" + hook + "," + mail + "]}"), 201);
        assertThat(rule).isPositive();

        // two REPORTS users on a report page: one sees the alert's queue, the other only another queue of the tenant
        String u = Long.toString(System.nanoTime() % 1_000_000, 36);
        FormLogin mine = FormLogin.firstLogin(d.server(), "al-mine-" + u, AccessMatrixIT.invite(d, "al-mine-" + u, "REPORTS",
                "{\"" + tenant + "\": [\"" + QUEUE + "\"]}"), "Alerts-IT-Password-1");
        FormLogin other = FormLogin.firstLogin(d.server(), "al-other-" + u, AccessMatrixIT.invite(d, "al-other-" + u, "REPORTS",
                "{\"" + tenant + "\": [\"otherq\"]}"), "Alerts-IT-Password-1");
        List<String> toMine = new CopyOnWriteArrayList<>();
        List<String> toOther = new CopyOnWriteArrayList<>();
        java.net.http.WebSocket mineSocket = mine.pushSocket("alerts", mine.get("/reports/summary.xhtml?tenant=" + tenant).body(),
                collector(toMine));
        java.net.http.WebSocket otherSocket = other.pushSocket("alerts", other.get("/reports/summary.xhtml?tenant=" + tenant).body(),
                collector(toOther));
        cleanup.add(mineSocket::abort);
        cleanup.add(otherSocket::abort);

        ChromeDriver browser = HeadlessChromium.start();
        cleanup.add(browser::quit);
        AdminLogin.logIn(browser, d.server());
        // the toast comes on any page of the layout: here the tenant's wallboard
        browser.get(d.server().url("/live/wallboard.xhtml?tenant=" + tenant));
        WebDriverWait wait = HeadlessChromium.waitFor(browser, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("ql-toasts")));
        Thread.sleep(2000); // the alerts socket opens after the page loaded

        // one caller: not over the threshold
        join("700.1");
        awaitWaiting(d, tenant, 1);
        Thread.sleep(500);
        assertThat(hooks).isEmpty();
        join("700.2");

        Hook fired = hooks.poll(20, TimeUnit.SECONDS);
        assertThat(fired).as("webhook of the firing").isNotNull();
        JsonObject body = Json.createReader(new StringReader(fired.body())).readObject();
        assertThat(body.getString("event")).isEqualTo("alert.firing");
        assertThat(body.getString("scope")).isEqualTo("queue:" + QUEUE);
        assertThat(body.getJsonNumber("value").doubleValue()).isEqualTo(2.0);
        String signature = fired.headers().get("X-queuelens-signature").get(0);
        assertThat(signature).isEqualTo("sha256=" + hmac(fired.body(), SECRET)).isNotEqualTo("sha256=" + hmac(fired.body(), "wrong"));
        assertThat(Long.parseLong(fired.headers().get("X-queuelens-timestamp").get(0)))
                .isBetween(Instant.now().getEpochSecond() - 60, Instant.now().getEpochSecond() + 5);
        long incident = body.getJsonNumber("incidentId").longValue();

        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".ql-toast[data-kind='FIRING']")));
        String toast = browser.findElement(By.cssSelector(".ql-toast[data-kind='FIRING']")).getText();
        assertThat(toast).contains("Queue backing up").contains(QUEUE);

        // the toast went to the user who sees the queue, not to the one who sees another queue of the tenant
        Instant until = Instant.now().plusSeconds(10);
        while (toMine.isEmpty() && Instant.now().isBefore(until)) {
            Thread.sleep(100);
        }
        assertThat(toMine).hasSize(1);
        assertThat(toMine.get(0)).contains("FIRING").contains("Queue backing up");
        assertThat(toOther).isEmpty();
        assertThat(Json.createReader(new StringReader(mine.get("/api/v1/alerts?tenant=" + tenant).body())).readArray()).hasSize(1);
        assertThat(Json.createReader(new StringReader(other.get("/api/v1/alerts?tenant=" + tenant).body())).readArray()).isEmpty();
        assertThat(mine.send("POST", "/api/v1/alerts/" + incident + "/acknowledge?tenant=" + tenant, null).statusCode())
                .as("REPORTS reads, does not acknowledge").isEqualTo(403);

        assertThat(smtp.waitForIncomingEmail(20_000, 1)).as("the alert mail").isTrue();
        MimeMessage m = smtp.getReceivedMessages()[0];
        assertThat(m.getSubject()).contains("Queue backing up");
        assertThat(m.getAllRecipients()[0].toString()).isEqualTo("sup@example.com");

        JsonArray firing = Json.createReader(new StringReader(call(d, "GET", "/api/v1/alerts?tenant=" + tenant + "&state=firing", null)
                .body())).readArray();
        assertThat(firing).hasSize(1);
        assertThat(firing.getJsonObject(0).getJsonNumber("id").longValue()).isEqualTo(incident);
        assertThat(call(d, "GET", "/api/v1/alerts?tenant=" + tenant + "&state=burning", null).statusCode()).isEqualTo(400);

        // acknowledged on the alerts page by the admin
        browser.get(d.server().url("/alerts/alerts.xhtml?tenant=" + tenant));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("activeForm:active"), "Queue backing up"));
        browser.findElement(By.cssSelector("[id$=':ack']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("activeForm:active"), "Acknowledged"));
        JsonArray acked = Json.createReader(new StringReader(call(d, "GET", "/api/v1/alerts?tenant=" + tenant + "&state=acknowledged",
                null).body())).readArray();
        assertThat(acked).hasSize(1);
        assertThat(acked.getJsonObject(0).getString("acknowledgedBy")).isEqualTo(AdminLogin.USER);
        assertThat(call(d, "POST", "/api/v1/alerts/" + incident + "/acknowledge?tenant=" + tenant, null).statusCode())
                .as("acknowledged already").isEqualTo(409);
        // the rule editor: the stored rule, its preview over yesterday (waiting callers are not in the rollups: said so),
        // and a field message for a bad value
        browser.findElement(By.cssSelector("[id$=':editRule']")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("ruleForm:name"), "value", "Queue backing up"));
        browser.findElement(By.id("ruleForm:previewRule")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("previewUnsupported")));
        browser.findElement(By.id("ruleForm:clearThreshold")).clear();
        browser.findElement(By.id("ruleForm:clearThreshold")).sendKeys("5");
        browser.findElement(By.id("ruleForm:saveRule")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ruleForm"), "at or below the threshold"));
        JsonObject preview = Json.createReader(new StringReader(call(d, "POST", "/api/v1/alerts/rules/preview?tenant=" + tenant,
                "{\"name\":\"p\",\"figure\":\"SERVICE_LEVEL_30M\",\"scopeKind\":\"QUEUE\",\"scopeIds\":[\"" + QUEUE + "\"],"
                        + "\"comparison\":\"<\",\"threshold\":80,\"severity\":\"INFO\"}").body())).readObject();
        assertThat(preview.getBoolean("supported")).isTrue();
        assertThat(preview.getBoolean("approximate")).isFalse();
        assertThat(preview.getJsonArray("firings")).as("no calls yesterday: no service level, no firing").isEmpty();
        browser.get(d.server().url("/alerts/alerts.xhtml?tenant=" + tenant));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("ql-toasts")));
        Thread.sleep(2000); // this page's alerts socket opens

        // a third caller: the same incident, no second notice
        join("700.3");
        awaitWaiting(d, tenant, 3);
        assertThat(hooks.poll(1, TimeUnit.SECONDS)).isNull();

        // down to one: above the clear threshold, still firing; down to none: resolved
        leave("700.1");
        leave("700.2");
        awaitWaiting(d, tenant, 1);
        assertThat(hooks.poll(1, TimeUnit.SECONDS)).isNull();
        leave("700.3");
        Hook resolved = hooks.poll(20, TimeUnit.SECONDS);
        assertThat(resolved).as("webhook of the resolution").isNotNull();
        assertThat(resolved.body()).contains("\"event\":\"alert.resolved\"").contains("\"incidentId\":" + incident);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".ql-toast[data-kind='RESOLVED']")));
        JsonArray done = Json.createReader(new StringReader(call(d, "GET", "/api/v1/alerts?tenant=" + tenant + "&state=resolved", null)
                .body())).readArray();
        assertThat(done).hasSize(1);
        assertThat(done.getJsonObject(0).getJsonNumber("peak").doubleValue()).isEqualTo(3.0);
        assertThat(call(d, "POST", "/api/v1/alerts/" + incident + "/acknowledge?tenant=" + tenant, null).statusCode()).isEqualTo(409);

        JsonArray log = Json.createReader(new StringReader(call(d, "GET", "/api/v1/alerts/" + incident + "/deliveries?tenant=" + tenant,
                null).body())).readArray();
        assertThat(log.stream().map(v -> v.asJsonObject().getString("status")).toList()).containsOnly("SENT");
        assertThat(log).hasSize(4); // firing and resolution, to each channel

        // another tenant's incident is not found
        assertThat(call(d, "POST", "/api/v1/alerts/" + incident + "/acknowledge?tenant=demo", null).statusCode()).isEqualTo(404);
        // and the page lists it in the history
        browser.navigate().refresh();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("history"), "Queue backing up"));
    }

    private static java.net.http.WebSocket.Listener collector(List<String> into) {
        return new java.net.http.WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(java.net.http.WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    into.add(partial.toString());
                    partial.setLength(0);
                }
                ws.request(1);
                return null;
            }
        };
    }

    private SimulatedPbx pbxOf() {
        return (SimulatedPbx) cleanup.get(0);
    }

    private void join(String uniqueId) {
        pbxOf().send(AmiMessage.event("QueueCallerJoin").add("Privilege", "agent,all").add("Queue", QUEUE)
                .add("Channel", "PJSIP/trunk-" + uniqueId).add("Uniqueid", uniqueId).add("CallerIDNum", "555" + uniqueId.replace(".", ""))
                .add("Position", 1).add("Count", 1).build());
    }

    private void leave(String uniqueId) {
        pbxOf().send(AmiMessage.event("QueueCallerLeave").add("Privilege", "agent,all").add("Queue", QUEUE)
                .add("Channel", "PJSIP/trunk-" + uniqueId).add("Uniqueid", uniqueId).add("Position", 1).add("Count", 0).build());
    }

    private static String hmac(String body, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static long id(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return Json.createReader(new StringReader(r.body())).readObject().getJsonNumber("id").longValue();
    }

    private void awaitWaiting(Deployment d, String tenant, int n) throws Exception {
        await(d, tenant, s -> s.getJsonObject("queues").containsKey(QUEUE)
                && s.getJsonObject("queues").getJsonObject(QUEUE).getJsonArray("waiting").size() == n, n + " waiting");
    }

    private void await(Deployment d, String tenant, Predicate<JsonObject> until, String what) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        JsonObject last = null;
        while (Instant.now().isBefore(deadline)) {
            last = Json.createReader(new StringReader(call(d, "GET", "/api/v1/live?tenant=" + tenant, null).body())).readObject();
            if (until.test(last)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the live snapshot never showed " + what + ": " + last);
    }

    private static String tenant(Deployment d) throws Exception {
        String id = "it-alerts-" + Long.toString(System.nanoTime() % 1_000_000, 36);
        try (Connection c = d.database().connect(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO tenant (id, name, time_zone, locale, currency, created_at) VALUES ('" + id
                    + "', 'Alerts IT', 'UTC', 'en', 'EUR', CURRENT_TIMESTAMP(6))");
        }
        return id;
    }

    private String configure(Deployment d, String tenant, int port, String secret) throws Exception {
        Path queueLog = Files.createTempFile(Files.createDirectories(d.server().dataDir().resolveSibling("pbx-files")),
                "it-alerts", ".queue_log");
        cleanup.add(() -> Files.deleteIfExists(queueLog));
        String name = "pbx" + Long.toString(System.nanoTime() % 100_000, 36);
        String body = "{\"name\":\"" + name + "\",\"displayName\":\"Alerts IT PBX\",\"mode\":\"FILE\",\"queueLogFile\":\""
                + queueLog.toAbsolutePath() + "\",\"amiHost\":\"127.0.0.1\",\"amiPort\":" + port + ",\"amiUser\":\""
                + SimulatedPbx.USER + "\",\"amiSecret\":\"" + secret + "\",\"timeZone\":\"UTC\"}";
        HttpResponse<String> created = call(d, "POST", "/api/v1/sources/asterisk?tenant=" + tenant, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = Json.createReader(new StringReader(created.body())).readObject().getJsonNumber("id").longValue();
        cleanup.add(() -> call(d, "POST", "/api/v1/sources/asterisk/" + id + "/disable?tenant=" + tenant, ""));
        return name + "-ami";
    }

    private void awaitSource(Deployment d, String tenant, String source) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            JsonArray all = Json.createReader(new StringReader(call(d, "GET", "/api/v1/sources", null).body())).readArray();
            for (JsonValue v : all) {
                JsonObject s = v.asJsonObject();
                if (s.getString("tenant").equals(tenant) && s.getString("name").equals(source)
                        && s.getString("state").equals("CONNECTED")) {
                    await(d, tenant, snap -> snap.getBoolean("connected"), "connected");
                    return;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("source " + tenant + "/" + source + " never connected");
    }

    private HttpResponse<String> call(Deployment d, String method, String path, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(d.server().url(path))).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + SharedMariaDbServer.API_TOKEN).header("Accept", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
