package io.queuelens.it;

import io.queuelens.it.support.AdminLogin;
import io.queuelens.it.support.HeadlessChromium;
import io.queuelens.it.support.SharedMariaDbServer;
import io.queuelens.it.support.SharedMariaDbServer.Deployment;
import jakarta.json.JsonArray;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report subscriptions page in headless Chromium: a subscription with a wrong recipient and time is
 * refused with a message on each of those fields and nothing stored; corrected, it is saved (read back
 * over REST) and listed with its next run; it can be switched off and deleted from the list.
 */
@ExtendWith(SharedMariaDbServer.class)
class SubscriptionsPageBrowserIT {

    private ChromeDriver browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anInvalidSubscriptionIsNamedOnItsFieldsAndAValidOneIsSavedListedSwitchedOffAndDeleted(Deployment d)
            throws Exception {
        String tenant = MailIT.newTenant(d);
        browser = HeadlessChromium.start();
        WebDriverWait wait = HeadlessChromium.waitFor(browser, Duration.ofSeconds(30));
        AdminLogin.logIn(browser, d.server());

        browser.get(d.server().url("/reports/subscriptions.xhtml?tenant=" + tenant + "&subscribe=answered&queues=sales"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("subForm:recipients")));
        assertThat(browser.findElement(By.id("listForm:empty")).getText()).isEqualTo("No subscriptions yet.");
        assertThat(browser.findElement(By.id("subForm:queues")).getDomProperty("value"))
                .as("prefilled from the report's link").isEqualTo("sales");

        type("subForm:recipients", "not-an-address");
        type("subForm:time", "25:99");
        browser.findElement(By.id("subForm:save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("subForm:recipientsMessage"),
                "Not an e-mail address."));
        assertThat(browser.findElement(By.id("subForm:timeMessage")).getText()).contains("Enter a time as HH:mm");
        assertThat(browser.findElement(By.id("subForm:queuesMessage")).getText()).isEmpty();
        screenshot("target/it/subscriptions-invalid.png");
        assertThat(stored(d, tenant)).as("nothing stored").isEmpty();

        type("subForm:recipients", "boss@example.com");
        type("subForm:time", "07:30");
        browser.findElement(By.id("subForm:save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "Subscription saved."));
        JsonArray saved = stored(d, tenant);
        assertThat(saved).hasSize(1);
        JsonObject s = saved.getJsonObject(0);
        assertThat(s.getJsonArray("recipients").getString(0)).isEqualTo("boss@example.com");
        assertThat(s.getBoolean("enabled")).isTrue();
        WebElement row = browser.findElement(By.xpath("//*[@id='listForm:subscriptions']//tr[contains(., 'boss@example.com')]"));
        assertThat(row.getText()).contains("07:30");
        assertThat(row.findElement(By.xpath(".//*[contains(@id, ':nextRun')]")).getText()).as("next run shown").isNotBlank();
        screenshot("target/it/subscriptions-saved.png");

        row.findElement(By.xpath(".//input[contains(@id, ':toggle')]")).click();
        wait.until(driver -> !enabled(d, tenant));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("listForm:subscriptions")));

        browser.findElement(By.xpath("//*[@id='listForm:subscriptions']//tr[contains(., 'boss@example.com')]"
                + "//input[contains(@id, ':delete')]")).click();
        browser.switchTo().alert().accept();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("listForm:empty")));
        assertThat(stored(d, tenant)).as("deleted").isEmpty();
    }

    private void type(String id, String text) {
        WebElement e = browser.findElement(By.id(id));
        e.clear();
        e.sendKeys(text);
    }

    private static JsonArray stored(Deployment d, String tenant) throws Exception {
        var r = MailIT.call(d, "GET", "/api/v1/subscriptions?tenant=" + tenant, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return MailIT.json(r.body()).asJsonArray();
    }

    private static boolean enabled(Deployment d, String tenant) {
        try {
            return stored(d, tenant).getJsonObject(0).getBoolean("enabled");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void screenshot(String file) throws Exception {
        Path shot = Path.of(file);
        Files.createDirectories(shot.getParent());
        Files.write(shot, browser.getScreenshotAs(OutputType.BYTES));
    }
}
