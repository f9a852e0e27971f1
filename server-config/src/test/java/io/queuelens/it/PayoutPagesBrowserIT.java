package io.queuelens.it;

import io.queuelens.it.support.AdminLogin;
import io.queuelens.it.support.HeadlessChromium;
import io.queuelens.it.support.PayoutFixture;
import io.queuelens.it.support.SharedMariaDbServer;
import io.queuelens.it.support.SharedMariaDbServer.Deployment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;

import static io.queuelens.it.support.PayoutFixture.call;
import static io.queuelens.it.support.PayoutFixture.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The payout pages in headless Chromium: a rate card with a bad day is refused with the message on
 * its field and stores nothing; a valid one is stored and listed; after a recompute the payouts page
 * shows the agent's total, its lines on demand and a link to the agent's calls of that day; the job
 * history lists the execution as COMPLETED.
 */
@ExtendWith(SharedMariaDbServer.class)
class PayoutPagesBrowserIT {

    private static final LocalDate DAY = LocalDate.of(2026, 10, 7);
    private ChromeDriver browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aRateCardIsValidatedByFieldAndItsPayoutShowsWithLinesAndCalls(Deployment d) throws Exception {
        String tenant = "pages-" + UUID.randomUUID().toString().substring(0, 8);
        PayoutFixture.tenant(d.database(), tenant);
        PayoutFixture.rollups(d.database(), tenant, "alice", DAY, 4, 900_000, 0, 0, 0); // 1 h ready

        browser = HeadlessChromium.start();
        WebDriverWait wait = HeadlessChromium.waitFor(browser, Duration.ofSeconds(30));
        AdminLogin.logIn(browser, d.server());

        browser.get(d.server().url("/payouts/rate-cards.xhtml?tenant=" + tenant));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("card:name")));
        browser.findElement(By.id("card:name")).sendKeys("ready pay");
        browser.findElement(By.id("card:agent")).sendKeys("alice");
        browser.findElement(By.id("card:validFrom")).sendKeys("1.10.2026");
        browser.findElement(By.id("card:save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("card"), "YYYY-MM-DD"));
        screenshot("target/it/rate-card-invalid.png");
        assertThat(d.database().count("select count(*) from rate_card where tenant_id = '" + tenant + "'")).isZero();

        WebElement from = browser.findElement(By.id("card:validFrom"));
        from.clear();
        from.sendKeys("2026-10-01");
        WebElement ready = browser.findElement(By.id("card:perReadyHour_input"));
        ready.clear();
        ready.sendKeys("10");
        browser.findElement(By.id("card:save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("cards:cardTable"), "ready pay"));
        assertThat(d.database().count("select count(*) from rate_card where tenant_id = '" + tenant + "' and per_ready_hour = 10"))
                .isEqualTo(1);

        HttpResponse<String> r = call(d.server(), SharedMariaDbServer.API_TOKEN, "POST", "/api/v1/payouts?tenant=" + tenant
                + "&from=" + DAY + "&to=" + DAY, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        long execution = object(r).getJsonNumber("executionId").longValue();
        assertThat(PayoutFixture.awaitRun(d.server(), SharedMariaDbServer.API_TOKEN, tenant, execution, PayoutFixture::finished,
                Duration.ofMinutes(2)).getString("status")).isEqualTo("COMPLETED");

        browser.get(d.server().url("/payouts/payouts.xhtml?tenant=" + tenant + "&from=" + DAY + "&to=" + DAY));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("payouts:agents")));
        assertThat(browser.findElement(By.id("payouts:agents")).getText()).contains("alice").contains("10.00");
        String calls = browser.findElement(By.id("payouts:days:0:calls")).getAttribute("href");
        assertThat(calls).contains("/reports/cdr.xhtml?tenant=" + tenant).contains("from=" + DAY).contains("agent=alice");
        browser.findElement(By.id("payouts:days:0:lines")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("payouts:lineTable")));
        assertThat(browser.findElement(By.id("payouts:lineTable")).getText()).contains("Ready time").contains("10.00");
        screenshot("target/it/payouts-lines.png");

        browser.get(d.server().url("/admin/jobs.xhtml"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("jobs:runs")));
        assertThat(browser.findElement(By.id("jobs:runs")).getText()).contains(tenant).contains("COMPLETED");
    }

    private void screenshot(String file) throws Exception {
        Path shot = Path.of(file);
        Files.createDirectories(shot.getParent());
        Files.write(shot, browser.getScreenshotAs(OutputType.BYTES));
    }
}
