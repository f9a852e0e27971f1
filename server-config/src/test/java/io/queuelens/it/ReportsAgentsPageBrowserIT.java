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
 * The agent report page in headless Chromium: reached from the nav link, its total agrees with
 * GET /api/v1/reports/agents, figure columns explain their formulas, pause reasons and the chart are
 * shown, and a bad range is refused on the field.
 *
 * <p>Named to run after LoginBrowserIT (failsafe runs classes by name): that test needs the shared
 * server's first login, which {@link AdminLogin} here would otherwise consume.
 */
@ExtendWith(SharedMariaDbServer.class)
class ReportsAgentsPageBrowserIT {

    private static final By TOTAL_ANSWERED = By.cssSelector("#agentTable tfoot td.fig-answered");

    private ChromeDriver browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theTotalAgreesWithTheApiAndABadRangeIsShownOnTheField(Deployment d) throws Exception {
        browser = HeadlessChromium.start();
        WebDriverWait wait = HeadlessChromium.waitFor(browser, Duration.ofSeconds(30));
        AdminLogin.logIn(browser, d.server());

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String query = "tenant=demo&from=" + today.minusDays(3) + "&to=" + today + "&tz=UTC";
        long api = settledApiAnswered(d, query);

        browser.get(d.server().url("/index.xhtml"));
        browser.findElement(By.id("nav-agents")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("filters:show")));
        assertThat(browser.getTitle()).contains("Agent report");

        browser.get(d.server().url("/reports/agents.xhtml?" + query));
        wait.until(ExpectedConditions.presenceOfElementLocated(TOTAL_ANSWERED));
        screenshot("target/it/agents-page.png");
        assertThat(pageAnswered()).as("total answered on the page vs the API").isPositive().isEqualTo(api);
        assertThat(browser.findElements(By.cssSelector("#agentTable tbody td.fig-loggedIn"))).isNotEmpty();
        assertThat(browser.findElement(By.cssSelector("#agentTable thead th.fig-occupancy .ql-formula")).getDomAttribute("title"))
                .contains("occupancy = 100 * (talk + hold + acw) / (ready + billablePaused)");
        assertThat(browser.findElements(By.cssSelector("#chart canvas"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("#reasons tbody tr"))).isNotEmpty();

        // per day: three rows, the same total
        browser.get(d.server().url("/reports/agents.xhtml?" + query + "&groupBy=interval&interval=P1D"));
        wait.until(ExpectedConditions.presenceOfElementLocated(TOTAL_ANSWERED));
        assertThat(browser.findElements(By.cssSelector("#agentTable tbody tr"))).hasSize(3);
        assertThat(pageAnswered()).isEqualTo(api);

        browser.get(d.server().url("/reports/agents.xhtml?tenant=demo&from=" + today + "&to=" + today.minusDays(2) + "&tz=UTC"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("filters:toMessage"), "to must be after from"));
        assertThat(browser.findElements(By.id("agentTable"))).isEmpty();
    }

    private long pageAnswered() {
        String text = browser.findElement(TOTAL_ANSWERED).getText();
        assertThat(text).as("total answered cell").matches("[0-9][0-9,.\\u00a0\\u202f ]*");
        return Long.parseLong(text.replaceAll("[^0-9]", ""));
    }

    private static long apiAnswered(Deployment d, String query) throws Exception {
        HttpResponse<String> r = d.server().get("/api/v1/reports/agents?" + query, SharedMariaDbServer.API_TOKEN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject report = Json.createReader(new StringReader(r.body())).readObject();
        return report.getJsonObject("total").getJsonNumber("answered").longValue();
    }

    /** Wait until the ended days are ingested: two reads 3 s apart agree. */
    private static long settledApiAnswered(Deployment d, String query) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
        long last = apiAnswered(d, query);
        while (true) {
            Thread.sleep(3000);
            long now = apiAnswered(d, query);
            if (now == last && now > 0) {
                return now;
            }
            assertThat(Instant.now()).as("agent report settles").isBefore(deadline);
            last = now;
        }
    }

    private void screenshot(String file) throws Exception {
        Path target = Path.of(file);
        Files.createDirectories(target.getParent());
        Files.write(target, browser.getScreenshotAs(OutputType.BYTES));
    }
}
