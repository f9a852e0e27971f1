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
 * The summary report page as an administrator uses it, in headless Chromium: its total agrees with
 * GET /api/v1/reports/summary for the same parameters, every figure column explains its formula,
 * the form leads to a bookmarkable URL of the same report, and a range that ends before it starts
 * is refused with a message on the "to" field instead of an error page.
 */
@ExtendWith(SharedMariaDbServer.class)
class SummaryPageBrowserIT {

    private static final By TOTAL_OFFERED = By.cssSelector("#summary tfoot td.fig-offered");

    private ChromeDriver browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theTotalAgreesWithTheApiAndABadRangeIsShownOnTheField(Deployment d) throws Exception {
        awaitRollups(d);
        browser = HeadlessChromium.start();
        WebDriverWait wait = HeadlessChromium.waitFor(browser, Duration.ofSeconds(30));
        AdminLogin.logIn(browser, d.server());

        // Whole UTC days that have ended: their 15-minute buckets no longer change while the demo runs.
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String query = "tenant=demo&from=" + today.minusDays(3) + "&to=" + today + "&tz=UTC&groupBy=queue";

        long api = settledApiOffered(d, query);
        browser.get(d.server().url("/reports/summary.xhtml?" + query));
        wait.until(ExpectedConditions.presenceOfElementLocated(TOTAL_OFFERED));
        screenshot("target/it/summary-page.png");
        assertThat(browser.getTitle()).contains("Summary report");
        long page = pageOffered();
        long apiAfter = apiOffered(d, query);
        assertThat(apiAfter).as("the API's total for ended days is stable").isEqualTo(api);
        assertThat(page).as("total offered on the page vs the API").isPositive().isEqualTo(api);
        assertThat(browser.findElements(By.cssSelector("#summary tbody td.fig-offered"))).isNotEmpty();
        assertThat(browser.findElement(By.cssSelector("#summary thead th.fig-serviceLevel .ql-formula")).getDomAttribute("title"))
                .contains("serviceLevel = 100 * answeredInSla").contains("slaSeconds=20");

        // The form leads to the URL of its values: the same report, bookmarkable.
        browser.findElement(By.id("filters:show")).click();
        wait.until(ExpectedConditions.urlContains("to=" + today));
        wait.until(ExpectedConditions.presenceOfElementLocated(TOTAL_OFFERED));
        assertThat(browser.getCurrentUrl()).contains("from=" + today.minusDays(3)).contains("tz=UTC")
                .contains("groupBy=queue");
        assertThat(pageOffered()).isEqualTo(api);

        // Per period: one row per day of the range, same total, with the chart.
        browser.get(d.server().url("/reports/summary.xhtml?" + query.replace("groupBy=queue", "groupBy=interval&interval=P1D")));
        wait.until(ExpectedConditions.presenceOfElementLocated(TOTAL_OFFERED));
        assertThat(browser.findElements(By.cssSelector("#summary tbody tr"))).hasSize(3);
        assertThat(pageOffered()).isEqualTo(api);
        assertThat(browser.findElements(By.cssSelector("#chart canvas"))).hasSize(1);
        screenshot("target/it/summary-page-interval.png");

        // "to" before "from": a message on the field, no table, no error page.
        browser.get(d.server().url("/reports/summary.xhtml?tenant=demo&from=" + today + "&to=" + today.minusDays(2)
                + "&tz=UTC&groupBy=queue"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("filters:toMessage"), "to must be after from"));
        assertThat(browser.getTitle()).contains("Summary report");
        assertThat(browser.findElements(By.id("summary"))).isEmpty();
        screenshot("target/it/summary-page-bad-range.png");
    }

    private long pageOffered() {
        String text = browser.findElement(TOTAL_OFFERED).getText();
        assertThat(text).as("total offered cell").matches("[0-9][0-9,.\\u00a0\\u202f ]*");
        return Long.parseLong(text.replaceAll("[^0-9]", ""));
    }

    private static long apiOffered(Deployment d, String query) throws Exception {
        HttpResponse<String> r = d.server().get("/api/v1/reports/summary?" + query, SharedMariaDbServer.API_TOKEN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject report = Json.createReader(new StringReader(r.body())).readObject();
        return report.getJsonObject("total").getJsonNumber("offered").longValue();
    }

    /** The backfill is rolled up some seconds after start: wait until two reads 3 s apart agree. */
    private static long settledApiOffered(Deployment d, String query) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        long last = apiOffered(d, query);
        while (true) {
            Thread.sleep(3000);
            long now = apiOffered(d, query);
            if (now == last && now > 0) {
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

    /** The demo backfill reaches the rollups some seconds after start. */
    private static void awaitRollups(Deployment d) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (d.database().count("select count(*) from rollup_queue_15m") == 0) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no rollups 120 s after start; log: " + d.server().dataDir().resolve("logs/server.log"));
            }
            Thread.sleep(1000);
        }
    }
}
