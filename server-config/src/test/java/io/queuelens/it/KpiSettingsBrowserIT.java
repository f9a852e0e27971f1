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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The KPI settings page in headless Chromium: an out-of-range value is refused with a message on its
 * field and stores nothing; a queue's override is stored as version q1, listed in the history and
 * served by GET /api/v1/settings/kpi. It changes only a queue no other IT reads ("kpi-it"), so the
 * demo tenant's figures stay on KPI.md's defaults for the ITs after it.
 */
@ExtendWith(SharedMariaDbServer.class)
class KpiSettingsBrowserIT {

    private ChromeDriver browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anInvalidValueIsShownOnItsFieldAndAQueueOverrideBecomesAVersion(Deployment d) throws Exception {
        browser = HeadlessChromium.start();
        WebDriverWait wait = HeadlessChromium.waitFor(browser, Duration.ofSeconds(30));
        AdminLogin.logIn(browser, d.server());

        browser.get(d.server().url("/admin/kpi-settings.xhtml?tenant=demo"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("defaults:sla")));
        assertThat(browser.getTitle()).contains("KPI settings");
        assertThat(browser.findElement(By.id("defaults:sla")).getDomProperty("value")).isEqualTo("20");

        WebElement sla = browser.findElement(By.id("defaults:sla"));
        sla.clear();
        sla.sendKeys("0");
        browser.findElement(By.id("defaults:save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("defaults:slaMessage"),
                "1 – 3600"));
        screenshot("target/it/kpi-settings-invalid.png");
        assertThat(d.database().count("select count(*) from kpi_tenant_settings")).isZero();

        browser.get(d.server().url("/admin/kpi-settings.xhtml?tenant=demo"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("queue:name")));
        WebElement queue = browser.findElement(By.id("queue:name"));
        queue.clear();
        queue.sendKeys("kpi-it");
        browser.findElement(By.id("queue:sla")).sendKeys("45");
        assertThat(browser.findElement(By.id("queue:sla")).getDomProperty("value")).isEqualTo("45");
        screenshot("target/it/kpi-settings-before-save.png");
        browser.findElement(By.id("queue:save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "kpi-it"));
        assertThat(browser.findElement(By.id("history")).getText()).contains("q1").contains("kpi-it")
                .contains("slaSeconds=45").contains(AdminLogin.USER);
        screenshot("target/it/kpi-settings-saved.png");

        HttpResponse<String> r = d.server().get("/api/v1/settings/kpi?tenant=demo", SharedMariaDbServer.API_TOKEN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject body = Json.createReader(new StringReader(r.body())).readObject();
        assertThat(body.getJsonObject("current").getInt("slaSeconds")).isEqualTo(20);
        JsonObject version = body.getJsonArray("versions").getJsonObject(0);
        assertThat(version.getString("queue")).isEqualTo("kpi-it");
        assertThat(version.getString("version")).isEqualTo("q1");
        assertThat(version.getString("overrides")).isEqualTo("slaSeconds=45");

        HttpResponse<String> unknown = d.server().get("/api/v1/settings/kpi?tenant=nobody", SharedMariaDbServer.API_TOKEN);
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    private void screenshot(String file) throws Exception {
        Path shot = Path.of(file);
        Files.createDirectories(shot.getParent());
        Files.write(shot, browser.getScreenshotAs(OutputType.BYTES));
    }
}
