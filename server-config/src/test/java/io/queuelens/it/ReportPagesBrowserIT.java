package io.queuelens.it;

import io.queuelens.it.support.AdminLogin;
import io.queuelens.it.support.HeadlessChromium;
import io.queuelens.it.support.SharedMariaDbServer;
import io.queuelens.it.support.SharedMariaDbServer.Deployment;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report pages next to the summary, in headless Chromium as an administrator: each page opens on
 * the demo's data and shows a figure that agrees with GET /api/v1/reports/summary or with the
 * database for the same range; the interval page has 25 hourly rows on a fall-back day and 23 on a
 * spring-forward day; the quarantine page counts what GET /api/v1/quarantine counts.
 */
@ExtendWith(SharedMariaDbServer.class)
class ReportPagesBrowserIT {

    private ChromeDriver browser;
    private WebDriverWait wait;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void everyReportPageShowsFiguresThatAgreeWithTheApiAndTheDatabase(Deployment d) throws Exception {
        awaitRollups(d);
        // Whole UTC days that have ended: their visits and buckets no longer change while the demo runs.
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String range = "tenant=demo&from=" + today.minusDays(3) + "&to=" + today + "&tz=UTC";
        String sqlRange = "tenant_id = 'demo' and entered_at >= '" + today.minusDays(3) + " 00:00:00' and entered_at < '"
                + today + " 00:00:00'";
        JsonObject total = settledTotal(d, range + "&groupBy=queue");
        browser = HeadlessChromium.start();
        wait = HeadlessChromium.waitFor(browser, Duration.ofSeconds(30));
        AdminLogin.logIn(browser, d.server());

        // Answered: the queue total from the rollups, the wait bands from the facts.
        open(d, "/reports/answered.xhtml?" + range, By.cssSelector("#byQueue tfoot td.fig-answered"));
        screenshot("target/it/answered-page.png");
        assertThat(browser.getTitle()).contains("Answered calls");
        assertThat(number("#byQueue tfoot td.fig-answered")).isPositive().isEqualTo(total.getJsonNumber("answered").longValue());
        assertThat(number("#waits tfoot td.fig-count")).as("answered calls in all wait bands")
                .isEqualTo(d.database().count("select count(*) from queue_visit where outcome = 'ANSWERED' and " + sqlRange));
        assertThat(browser.findElement(By.cssSelector("#waits tbody tr:first-child td.fig-band")).getText()).isEqualTo("0–10 s");
        assertThat(sumOf("#byAgent tbody td.fig-answered")).as("answers of all agents")
                .isEqualTo(d.database().count("select count(*) from queue_visit where outcome = 'ANSWERED' and agent is not null and " + sqlRange));
        assertThat(browser.findElement(By.cssSelector("#byQueue thead th.fig-asa .ql-formula")).getDomAttribute("title"))
                .contains("asa = sum(wait of answered) / answered");
        assertThat(browser.findElements(By.cssSelector("#slaChart canvas"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("#waitChart canvas"))).hasSize(1);

        // Bad band edges: a message on the field, no report.
        open(d, "/reports/answered.xhtml?" + range + "&buckets=0,30,10", By.id("filters:bucketsMessage"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("filters:bucketsMessage"), "ascend"));
        assertThat(browser.findElements(By.id("byQueue"))).isEmpty();

        // Unanswered: outcome totals from the rollups, the abandoned list paged from the facts.
        open(d, "/reports/unanswered.xhtml?" + range, By.cssSelector("#byOutcome tfoot td.fig-unanswered"));
        screenshot("target/it/unanswered-page.png");
        assertThat(number("#byOutcome tfoot td.fig-unanswered")).isEqualTo(total.getJsonNumber("unanswered").longValue());
        long abandoned = d.database().count("select count(*) from queue_visit where outcome = 'ABANDONED' and " + sqlRange);
        assertThat(number("#waits tfoot td.fig-count")).isEqualTo(abandoned);
        String report = browser.findElement(By.cssSelector("#calls\\:abandoned .ui-paginator-current")).getText();
        assertThat(Long.parseLong(report.substring(report.lastIndexOf('/') + 1).replaceAll("[^0-9]", "")))
                .as("abandoned calls in the paged list").isEqualTo(abandoned);
        assertThat(browser.findElements(By.cssSelector("#calls\\:abandoned_data tr td.call-reached")).size())
                .isEqualTo((int) Math.min(25, abandoned));

        // One queue: its offered figure as in the API's row for it.
        JsonObject firstRow = apiSummary(d, range + "&groupBy=queue").getJsonArray("rows").getJsonObject(0);
        String queue = firstRow.getString("queue");
        open(d, "/reports/queues.xhtml?" + range + "&queues=" + queue, By.cssSelector("#figures .fig-offered dd"));
        screenshot("target/it/queue-page.png");
        assertThat(browser.findElement(By.id("queueName")).getText()).contains(queue);
        assertThat(number("#figures .fig-offered dd")).isEqualTo(firstRow.getJsonNumber("offered").longValue());
        assertThat(browser.findElements(By.cssSelector("#hours tbody tr"))).hasSize(24);
        assertThat(browser.findElements(By.cssSelector("#hourChart canvas"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("#intervalChart canvas"))).hasSize(1);

        // Intervals: one row per hour of the three days, the same total as the API.
        open(d, "/reports/intervals.xhtml?" + range + "&interval=PT1H", By.cssSelector("#intervals tfoot td.fig-offered"));
        screenshot("target/it/intervals-page.png");
        assertThat(browser.findElements(By.cssSelector("#intervals tbody tr"))).hasSize(72);
        assertThat(number("#intervals tfoot td.fig-offered")).isEqualTo(total.getJsonNumber("offered").longValue());
        // DST: Berlin's fall-back day has 25 hours, its spring-forward day 23.
        open(d, "/reports/intervals.xhtml?tenant=demo&from=2026-10-25&to=2026-10-26&tz=Europe/Berlin&interval=PT1H",
                By.cssSelector("#intervals tbody tr"));
        assertThat(browser.findElements(By.cssSelector("#intervals tbody tr"))).hasSize(25);
        open(d, "/reports/intervals.xhtml?tenant=demo&from=2026-03-29&to=2026-03-30&tz=Europe/Berlin&interval=PT1H",
                By.cssSelector("#intervals tbody tr"));
        assertThat(browser.findElements(By.cssSelector("#intervals tbody tr"))).hasSize(23);

        // Quarantine: the page counts what the API counts for the tenant.
        HttpResponse<String> q = d.server().get("/api/v1/quarantine?tenant=demo", SharedMariaDbServer.API_TOKEN);
        assertThat(q.statusCode()).as(q.body()).isEqualTo(200);
        long quarantined = Json.createReader(new StringReader(q.body())).readObject().getJsonNumber("count").longValue();
        open(d, "/admin/quarantine.xhtml?tenant=demo", By.id("quarantine:lines"));
        screenshot("target/it/quarantine-page.png");
        if (quarantined == 0) {
            assertThat(browser.findElement(By.id("quarantine:lines")).getText()).contains("No quarantined input");
        } else {
            String current = browser.findElement(By.cssSelector("#quarantine\\:lines .ui-paginator-current")).getText();
            assertThat(Long.parseLong(current.substring(current.lastIndexOf('/') + 1).replaceAll("[^0-9]", "")))
                    .isEqualTo(quarantined);
        }
    }

    private void open(Deployment d, String path, By ready) {
        browser.get(d.server().url(path));
        wait.until(ExpectedConditions.presenceOfElementLocated(ready));
    }

    private long number(String css) {
        String text = browser.findElement(By.cssSelector(css)).getText();
        assertThat(text).as(css).matches("[0-9][0-9,.\\u00a0\\u202f ]*");
        return Long.parseLong(text.replaceAll("[^0-9]", ""));
    }

    private long sumOf(String css) {
        return browser.findElements(By.cssSelector(css)).stream()
                .mapToLong(e -> Long.parseLong(e.getText().replaceAll("[^0-9]", ""))).sum();
    }

    private static JsonObject apiSummary(Deployment d, String query) throws Exception {
        HttpResponse<String> r = d.server().get("/api/v1/reports/summary?" + query, SharedMariaDbServer.API_TOKEN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.createReader(new StringReader(r.body())).readObject();
    }

    /** The backfill is rolled up some seconds after start: wait until two reads 3 s apart agree. */
    private static JsonObject settledTotal(Deployment d, String query) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        JsonObject last = apiSummary(d, query).getJsonObject("total");
        while (true) {
            Thread.sleep(3000);
            JsonObject now = apiSummary(d, query).getJsonObject("total");
            if (now.equals(last) && now.getJsonNumber("offered").longValue() > 0) {
                return now;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the API's total for ended days did not settle: " + last + " then " + now);
            }
            last = now;
        }
    }

    private void screenshot(String file) throws Exception {
        Path shot = Path.of(file);
        Files.createDirectories(shot.getParent());
        Files.write(shot, browser.getScreenshotAs(OutputType.BYTES));
    }

    /**
     * The demo's history is read in batches after start; once it has caught up (logged once) the
     * ended days' visits and rollups are final, because both are committed with each batch.
     */
    private static void awaitRollups(Deployment d) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(240));
        while (!d.server().serverLog().contains("History of demo/demo is up to date")
                || d.database().count("select count(*) from rollup_queue_15m") == 0) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the demo history did not catch up 240 s after start; log: "
                        + d.server().dataDir().resolve("logs/server.log"));
            }
            Thread.sleep(1000);
        }
    }
}
