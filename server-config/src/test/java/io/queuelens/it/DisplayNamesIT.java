package io.queuelens.it;

import io.queuelens.it.support.AdminLogin;
import io.queuelens.it.support.FormLogin;
import io.queuelens.it.support.HeadlessChromium;
import io.queuelens.it.support.SharedMariaDbServer;
import io.queuelens.it.support.SharedMariaDbServer.Deployment;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Display names (names component) on the deployed server: names learned from the demo PBX's member names,
 * a manual name that wins and shows in the REST reports, the summary page and the live tables, an
 * agent's system names unified into one report row, validation, a queue-limited manager refused,
 * audit lines, and reset back to the system name. Every queue, agent and name here is this test's own.
 */
@ExtendWith(SharedMariaDbServer.class)
class DisplayNamesIT {

    private final HttpClient http = HttpClient.newHttpClient();
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String queue = "nq-" + suffix;
    /** This test's own tenant: its imported calls must not become the demo's first visits (other ITs start there). */
    private final String tenant = "names-" + suffix;
    private final String ext = String.valueOf(70000 + ThreadLocalRandom.current().nextInt(29999));
    private final LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(3);
    private ChromeDriver browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void manualNamesWinShowInReportsAndUnifyAnAgentsSystemNames(Deployment d) throws Exception {
        HttpResponse<String> created = send(d, "POST", "/api/v1/tenants", Json.createObjectBuilder().add("id", tenant)
                .add("name", "Names " + suffix).add("timeZone", "UTC").add("locale", "en").add("currency", "EUR").build().toString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        importTwoCallsOfOneAgent(d);
        String range = "tenant=" + tenant + "&from=" + day + "&to=" + day.plusDays(1) + "&tz=UTC";

        // PJSIP/ext and Agent/ext are one agent: one row with both answers, before any name is stored
        JsonObject agents = awaitAgents(d, range, 2);
        assertThat(agents.getJsonArray("rows")).hasSize(1);
        assertThat(agents.getJsonArray("rows").getJsonObject(0).getString("agent")).isEqualTo("Agent/" + ext);
        // asking for one of its system names reads the other one's answers too
        JsonObject one = get(d, "/api/v1/reports/agents?" + range + "&groupBy=agent&agents="
                + URLEncoder.encode("PJSIP/" + ext, StandardCharsets.UTF_8), 200);
        assertThat(one.getJsonObject("total").getJsonNumber("answered").longValue()).isEqualTo(2);

        String queueName = "Sales <i>" + suffix + "</i>";
        HttpResponse<String> put = send(d, "PUT", "/api/v1/names?tenant=" + tenant, nameJson("QUEUE", queue, queueName));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(json(put.body()).getString("origin")).isEqualTo("MANUAL");
        assertThat(send(d, "PUT", "/api/v1/names?tenant=" + tenant, nameJson("AGENT", "PJSIP/" + ext, "Named " + suffix))
                .statusCode()).isEqualTo(200);

        JsonObject summary = get(d, "/api/v1/reports/summary?" + range + "&groupBy=queue&queues=" + queue, 200);
        JsonObject row = summary.getJsonArray("rows").getJsonObject(0);
        assertThat(row.getString("queue")).isEqualTo(queue);
        assertThat(row.getString("displayName")).isEqualTo(queueName);
        JsonObject agentRow = get(d, "/api/v1/reports/agents?" + range + "&groupBy=agent&queues=" + queue, 200)
                .getJsonArray("rows").getJsonObject(0);
        // the name set on PJSIP/ext shows for the agent's row, whichever system name it is listed under
        assertThat(agentRow.getString("agent")).isEqualTo("Agent/" + ext);
        assertThat(agentRow.getString("displayName")).isEqualTo("Named " + suffix);
        JsonObject calls = get(d, "/api/v1/calls?" + range + "&queues=" + queue, 200);
        assertThat(calls.getJsonArray("items").getValuesAs(JsonObject.class))
                .extracting(c -> c.getString("queueName"), c -> c.getString("agentName"))
                .containsOnly(org.assertj.core.groups.Tuple.tuple(queueName, "Named " + suffix));
        JsonObject listed = get(d, "/api/v1/names?tenant=" + tenant, 200).getJsonArray("names").getValuesAs(JsonObject.class)
                .stream().filter(n -> n.getString("key").equals(queue)).findFirst().orElseThrow();
        assertThat(listed.getString("kind")).isEqualTo("QUEUE");
        assertThat(listed.getString("manual")).isEqualTo(queueName);
        assertThat(listed.getString("updatedBy")).isEqualTo("api-token");

        // the summary page shows the manual name as text
        browser = HeadlessChromium.start();
        AdminLogin.logIn(browser, d.server());
        browser.get(d.server().url("/reports/summary.xhtml?" + range + "&groupBy=queue&queues=" + queue));
        HeadlessChromium.waitFor(browser, Duration.ofSeconds(60)).until(b -> !b.findElements(By.cssSelector("#summary tbody td.fig-label")).isEmpty());
        assertThat(browser.findElements(By.cssSelector("#summary tbody td.fig-label"))).extracting(WebElement::getText)
                .containsExactly(queueName);
        assertThat(browser.findElements(By.cssSelector("#summary tbody td.fig-label i"))).as("no markup from a name").isEmpty();
        // the queue picker lists the queue by its name and its id, so either can be typed into its filter
        assertThat(browser.getPageSource()).as("the picker's label, escaped")
                .contains(queueName.replace("<", "&lt;").replace(">", "&gt;") + " (" + queue + ")");
        browser.get(d.server().url("/admin/names.xhtml?tenant=" + tenant));
        assertThat(browser.findElement(By.id("listForm:names")).getText()).contains(queueName).contains("Named " + suffix);

        // bad input, on the field it is about
        assertThat(parameterOf(send(d, "PUT", "/api/v1/names?tenant=" + tenant, nameJson("QUEUE", queue, "  ")), 400)).isEqualTo("displayName");
        assertThat(parameterOf(send(d, "PUT", "/api/v1/names?tenant=" + tenant, nameJson("CALLER", queue, "x")), 400)).isEqualTo("kind");
        assertThat(parameterOf(send(d, "PUT", "/api/v1/names?tenant=" + tenant, nameJson("QUEUE", "", "x")), 400)).isEqualTo("key");
        assertThat(parameterOf(send(d, "PUT", "/api/v1/names?tenant=" + tenant, nameJson("QUEUE", queue, "x".repeat(101))), 400))
                .isEqualTo("displayName");
        assertThat(parameterOf(send(d, "PUT", "/api/v1/names", nameJson("QUEUE", queue, "x")), 400)).isEqualTo("tenant");
        assertThat(send(d, "PUT", "/api/v1/names?tenant=no-such-tenant", nameJson("QUEUE", queue, "x")).statusCode()).isEqualTo(404);
        // a body that is not JSON: a JSON 400 like every other refusal (UnreadableBodyMapper), not the container's page
        HttpResponse<String> garbled = send(d, "PUT", "/api/v1/names?tenant=" + tenant, "{\"kind\": \"QUEUE\", \"key\": ");
        assertThat(garbled.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(parameterOf(garbled, 400)).isEqualTo("body");

        // a manager limited to another queue may not name this one, nor see it listed
        String manager = "names-mgr-" + suffix;
        FormLogin mgr = FormLogin.firstLogin(d.server(), manager, AccessMatrixIT.invite(d, manager, "MANAGER",
                "{\"" + tenant + "\": [\"other-" + suffix + "\"]}"), AccessMatrixIT.PASSWORD);
        assertThat(mgr.send("PUT", "/api/v1/names?tenant=" + tenant, nameJson("QUEUE", queue, "Mine")).statusCode()).isEqualTo(403);
        HttpResponse<String> mgrList = mgr.get("/api/v1/names?tenant=" + tenant);
        assertThat(mgrList.statusCode()).isEqualTo(200);
        assertThat(mgrList.body()).doesNotContain(queue);
        HttpResponse<String> mgrOwn = mgr.send("PUT", "/api/v1/names?tenant=" + tenant, nameJson("QUEUE", "other-" + suffix, "Other " + suffix));
        assertThat(mgrOwn.statusCode()).as(mgrOwn.body()).isEqualTo(200);
        assertThat(mgr.send("DELETE", "/api/v1/names?tenant=" + tenant + "&kind=QUEUE&key=other-" + suffix, null).statusCode()).isEqualTo(204);

        JsonObject audit = get(d, "/api/v1/audit?tenant=" + tenant + "&action=name.changed&size=500", 200);
        assertThat(audit.getJsonArray("items").getValuesAs(JsonObject.class)).filteredOn(l -> l.getString("target", "").equals("QUEUE " + queue))
                .extracting(l -> l.getString("actor")).containsExactly("api-token");

        // reset: the system name shows again; a second reset finds nothing
        assertThat(send(d, "DELETE", "/api/v1/names?tenant=" + tenant + "&kind=QUEUE&key=" + queue, null).statusCode()).isEqualTo(204);
        assertThat(send(d, "DELETE", "/api/v1/names?tenant=" + tenant + "&kind=QUEUE&key=" + queue, null).statusCode()).isEqualTo(404);
        assertThat(send(d, "DELETE", "/api/v1/names?tenant=" + tenant + "&kind=AGENT&key=PJSIP/" + ext, null).statusCode()).isEqualTo(204);
        assertThat(get(d, "/api/v1/reports/summary?" + range + "&groupBy=queue&queues=" + queue, 200).getJsonArray("rows")
                .getJsonObject(0).getString("displayName")).isEqualTo(queue);
        assertThat(get(d, "/api/v1/audit?tenant=" + tenant + "&action=name.reset&size=500", 200).toString()).contains("QUEUE " + queue);
    }

    @Test
    void namesAreLearnedFromTheLiveModelAndAManualOneShowsInTheLiveTables(Deployment d) throws Exception {
        // the demo PBX reports member names (MemberName) for its Local/... interfaces: they are learned
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        JsonObject learned = null;
        while (learned == null) {
            learned = get(d, "/api/v1/names?tenant=demo", 200).getJsonArray("names").getValuesAs(JsonObject.class).stream()
                    .filter(n -> n.getString("kind").equals("AGENT") && !n.isNull("learned")
                            && n.getString("key").startsWith("Local/")).findFirst().orElse(null);
            if (learned == null) {
                assertThat(System.nanoTime()).as("a learned agent name within 120 s").isLessThan(deadline);
                Thread.sleep(1000);
            }
        }
        JsonObject live = get(d, "/api/v1/live?tenant=demo", 200);
        String member = learned.getString("key");
        if (live.getJsonObject("displayNames").getJsonObject("members").containsKey(member) && learned.isNull("manual")) {
            assertThat(live.getJsonObject("displayNames").getJsonObject("members").getString(member))
                    .isEqualTo(learned.getString("learned"));
        }

        String liveQueue = live.getJsonObject("queues").keySet().iterator().next();
        String shown = "Live " + suffix;
        assertThat(send(d, "PUT", "/api/v1/names?tenant=demo", nameJson("QUEUE", liveQueue, shown)).statusCode()).isEqualTo(200);
        try {
            browser = HeadlessChromium.start();
            AdminLogin.logIn(browser, d.server());
            browser.get(d.server().url("/live/tables.xhtml?tenant=demo"));
            By cell = By.cssSelector("#live-queues tbody tr[data-key='" + liveQueue + "'] td.col-key");
            HeadlessChromium.waitFor(browser, Duration.ofSeconds(60)).until(b -> b.findElements(cell).stream()
                    .anyMatch(e -> e.getText().equals(shown)));
            assertThat(get(d, "/api/v1/live?tenant=demo", 200).getJsonObject("displayNames").getJsonObject("queues")
                    .getString(liveQueue)).isEqualTo(shown);
        } finally {
            assertThat(send(d, "DELETE", "/api/v1/names?tenant=demo&kind=QUEUE&key=" + liveQueue, null).statusCode()).isEqualTo(204);
        }
    }

    private void importTwoCallsOfOneAgent(Deployment d) throws Exception {
        long t = day.atTime(11, 0).toEpochSecond(ZoneOffset.UTC);
        String log = String.join("\n",
                (t + 1) + "|" + t + ".1|" + queue + "|NONE|ENTERQUEUE||5550001|1",
                (t + 5) + "|" + t + ".1|" + queue + "|PJSIP/" + ext + "|CONNECT|4|" + t + ".3|1",
                (t + 65) + "|" + t + ".1|" + queue + "|PJSIP/" + ext + "|COMPLETEAGENT|4|60|1",
                (t + 100) + "|" + t + ".2|" + queue + "|NONE|ENTERQUEUE||5550002|1",
                (t + 103) + "|" + t + ".2|" + queue + "|Agent/" + ext + "|CONNECT|3|" + t + ".4|1",
                (t + 163) + "|" + t + ".2|" + queue + "|Agent/" + ext + "|COMPLETECALLER|3|60|1") + "\n";
        HttpResponse<String> imported = http.send(HttpRequest.newBuilder(URI.create(d.server().url(
                        "/api/v1/imports/queue-log?tenant=" + tenant + "&source=names-it&name=" + suffix)))
                .header("Authorization", "Bearer " + SharedMariaDbServer.API_TOKEN).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(log)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        assertThat(imported.body()).contains("\"visits\":2");
    }

    /** The agent report of this test's queue once its rollups hold {@code answered} answers. */
    private JsonObject awaitAgents(Deployment d, String range, long answered) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            JsonObject r = get(d, "/api/v1/reports/agents?" + range + "&groupBy=agent&queues=" + queue, 200);
            if (r.getJsonObject("total").getJsonNumber("answered").longValue() == answered) {
                return r;
            }
            assertThat(System.nanoTime()).as("agent rollups of " + queue + ": " + r).isLessThan(deadline);
            Thread.sleep(1000);
        }
    }

    private static String nameJson(String kind, String key, String name) {
        return Json.createObjectBuilder().add("kind", kind).add("key", key).add("displayName", name).build().toString();
    }

    private static String parameterOf(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return json(r.body()).getString("parameter");
    }

    private HttpResponse<String> send(Deployment d, String method, String path, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(d.server().url(path)))
                .header("Authorization", "Bearer " + SharedMariaDbServer.API_TOKEN).header("Accept", "application/json");
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject get(Deployment d, String path, int status) throws Exception {
        HttpResponse<String> r = d.server().get(path, SharedMariaDbServer.API_TOKEN);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(status);
        return json(r.body());
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }
}
