package io.queuelens.it;

import io.queuelens.it.support.AdminLogin;
import io.queuelens.it.support.EveryPage;
import io.queuelens.it.support.HeadlessChromium;
import io.queuelens.it.support.SharedMariaDbServer;
import io.queuelens.it.support.SharedMariaDbServer.Deployment;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Script planted in a queue name, an agent name and a caller number (imported through
 * POST /api/v1/imports/queue-log) and in a wallboard's name (typed into the editor) never runs: every
 * page of the app, found from the .xhtml files, is opened in headless Chromium for that tenant and day,
 * and no planted script ran ({@code window.__xss}), no planted element reached the DOM (which the CSP
 * alone would hide), the browser reported no CSP violation, and where a name appears it is shown as text.
 * The REST reports are valid JSON holding the raw strings.
 */
@ExtendWith(SharedMariaDbServer.class)
class XssPlantsBrowserIT {

    static final String SCRIPT = "<script>window.__xss=1</script>";
    static final String IMG = "\"><img src=x onerror=window.__xss=1>";
    static final String AGENT = "Agent " + SCRIPT;
    /** A display name (names component) set by hand for the agent IMG: user data like any other name. */
    static final String NAMED = "Named " + IMG + SCRIPT;

    private ChromeDriver browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void plantedScriptIsShownAsTextOnEveryPageAndNeverRuns(Deployment d) throws Exception {
        LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(2);
        long t = day.atTime(10, 0).toEpochSecond(ZoneOffset.UTC);
        String log = String.join("\n",
                t + "|NONE|NONE|NONE|QUEUESTART|",
                (t + 1) + "|" + t + ".901|" + SCRIPT + "|NONE|ENTERQUEUE||" + SCRIPT + "|1",
                (t + 5) + "|" + t + ".901|" + SCRIPT + "|" + AGENT + "|CONNECT|4|" + t + ".904|1",
                (t + 65) + "|" + t + ".901|" + SCRIPT + "|" + AGENT + "|COMPLETEAGENT|4|60|1",
                (t + 100) + "|" + t + ".902|" + IMG + "|NONE|ENTERQUEUE||" + IMG + "|1",
                (t + 110) + "|" + t + ".902|" + IMG + "|NONE|ABANDON|1|1|10",
                (t + 200) + "|" + t + ".903|" + IMG + "|NONE|ENTERQUEUE||" + IMG + "|1",
                (t + 203) + "|" + t + ".903|" + IMG + "|" + IMG + "|CONNECT|3|" + t + ".905|1",
                (t + 263) + "|" + t + ".903|" + IMG + "|" + IMG + "|COMPLETECALLER|3|60|1") + "\n";
        HttpResponse<String> imported = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(d.server().url("/api/v1/imports/queue-log?tenant=demo&source=xss&name=plants")))
                .header("Authorization", "Bearer " + SharedMariaDbServer.API_TOKEN).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(log)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        assertThat(imported.body()).contains("\"visits\":3");

        String range = "tenant=demo&from=" + day + "&to=" + day.plusDays(1) + "&tz=UTC";
        JsonObject summary = json(d, "/api/v1/reports/summary?" + range + "&groupBy=queue");
        assertThat(summary.toString()).contains(Json.createValue(SCRIPT).toString()).contains(Json.createValue(IMG).toString());
        assertThat(json(d, "/api/v1/reports/agents?" + range + "&groupBy=agent").toString())
                .contains(Json.createValue(AGENT).toString()).contains(Json.createValue(IMG).toString());
        JsonObject calls = json(d, "/api/v1/calls?" + range + "&size=1000");
        assertThat(calls.getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .map(c -> c.getString("callerNumber", "")).toList()).contains(SCRIPT, IMG);

        HttpResponse<String> named = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(d.server().url("/api/v1/names?tenant=demo")))
                .header("Authorization", "Bearer " + SharedMariaDbServer.API_TOKEN).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder().add("kind", "AGENT").add("key", IMG)
                        .add("displayName", NAMED).build().toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(named.statusCode()).as(named.body()).isEqualTo(200);
        assertThat(json(d, "/api/v1/reports/agents?" + range + "&groupBy=agent").toString())
                .contains(Json.createValue(NAMED).toString());

        browser = HeadlessChromium.start();
        AdminLogin.logIn(browser, d.server());
        saveBoardNamed(d, SCRIPT + " board");

        Map<String, String> problems = new LinkedHashMap<>();
        for (String page : EveryPage.paths()) {
            if (page.equals("/login.xhtml")) {
                browser.manage().deleteAllCookies();
            }
            // the audit page lists today's lines (the board was saved now), the others the planted day
            String url = d.server().url(page + "?" + (page.equals("/admin/audit.xhtml") || page.equals("/admin/names.xhtml")
                    ? "tenant=demo" : range)
                    + (page.equals("/reports/queues.xhtml") ? "&queues=" + URLEncoder.encode(SCRIPT, StandardCharsets.UTF_8) : ""));
            EveryPage.open(browser, url);
            String problem = check(page);
            List<String> violations = EveryPage.cspViolations(browser);
            if (problem != null || !violations.isEmpty()) {
                problems.put(page, (problem == null ? "" : problem + " ") + violations);
            }
        }
        CsrfIT.removeBoards(d, SCRIPT + " board");
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(d.server().url("/api/v1/names?tenant=demo&kind=AGENT&key="
                        + URLEncoder.encode(IMG, StandardCharsets.UTF_8))))
                .header("Authorization", "Bearer " + SharedMariaDbServer.API_TOKEN).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(problems).as("pages where planted markup ran, was parsed or was blocked by the CSP").isEmpty();
    }

    /** What went wrong on the open page, or null. */
    private String check(String page) {
        JavascriptExecutor js = browser;
        Object ran = js.executeScript("return typeof window.__xss === 'undefined' ? null : String(window.__xss)");
        if (ran != null) {
            return "window.__xss = " + ran;
        }
        Long planted = (Long) js.executeScript("return document.querySelectorAll('img[src=\"x\"]').length + "
                // a planted script element holds exactly the planted code; the page's own widget scripts may hold
                // the names as escaped JSON strings, which is how they should be
                + "Array.from(document.scripts).filter(s => s.textContent.trim() === 'window.__xss=1').length");
        if (planted > 0) {
            return planted + " planted elements in the DOM";
        }
        String text = (String) js.executeScript("return document.body.innerText");
        List<String> expected = switch (page) {
            case "/reports/summary.xhtml", "/reports/answered.xhtml" -> List.of(SCRIPT, IMG);
            case "/reports/agents.xhtml" -> List.of(AGENT, NAMED);
            case "/admin/names.xhtml" -> List.of(NAMED);
            case "/reports/unanswered.xhtml" -> List.of(IMG);
            case "/live/wallboard.xhtml" -> List.of(SCRIPT + " board");
            case "/admin/audit.xhtml" -> List.of(SCRIPT + " board");
            default -> List.of();
        };
        for (String e : expected) {
            if (!text.contains(e)) {
                return "does not show " + e + " as text";
            }
        }
        return null;
    }

    private void saveBoardNamed(Deployment d, String name) throws Exception {
        WebDriverWait wait = HeadlessChromium.waitFor(browser, Duration.ofSeconds(30));
        browser.get(d.server().url("/live/wallboard.xhtml?tenant=demo"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("editor:name")));
        browser.findElement(By.id("editor:name")).clear();
        browser.findElement(By.id("editor:name")).sendKeys(name);
        browser.findElement(By.id("editor:save")).click();
        String sql = "select count(*) from wallboard where name = '" + name.replace("'", "''") + "'";
        wait.until(b -> {
            try {
                return d.database().count(sql) == 1;
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static JsonObject json(Deployment d, String path) throws Exception {
        HttpResponse<String> r = d.server().get(path, SharedMariaDbServer.API_TOKEN);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return Json.createReader(new StringReader(r.body())).readObject();
    }
}
