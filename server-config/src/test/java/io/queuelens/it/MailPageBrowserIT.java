package io.queuelens.it;

import io.queuelens.it.support.AdminLogin;
import io.queuelens.it.support.HeadlessChromium;
import io.queuelens.it.support.SharedMariaDbServer;
import io.queuelens.it.support.SharedMariaDbServer.Deployment;
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
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mail settings page in headless Chromium: an invalid port and sender are refused with a message on
 * each field and nothing stored; valid settings are saved (read back over REST), the password field is
 * never filled back in, and a stored password is kept when the field is left empty.
 */
@ExtendWith(SharedMariaDbServer.class)
class MailPageBrowserIT {

    private ChromeDriver browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anInvalidPortIsNamedOnItsFieldAndValidSettingsAreSaved(Deployment d) throws Exception {
        String tenant = MailIT.newTenant(d);
        browser = HeadlessChromium.start();
        WebDriverWait wait = HeadlessChromium.waitFor(browser, Duration.ofSeconds(30));
        AdminLogin.logIn(browser, d.server());

        browser.get(d.server().url("/admin/mail.xhtml?tenant=" + tenant));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("mailForm:host")));
        assertThat(browser.getTitle()).contains("Mail settings");
        assertThat(browser.findElements(By.id("nav-mail"))).hasSize(1);
        assertThat(browser.findElement(By.id("deliveriesForm:deliveries")).getText()).contains("No mail yet.");

        type("mailForm:host", "127.0.0.1");
        type("mailForm:port", "70000");
        type("mailForm:fromAddress", "not-an-address");
        browser.findElement(By.id("mailForm:save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("mailForm:portMessage"),
                "The port must be between 1 and 65535 (was 70000)."));
        assertThat(browser.findElement(By.id("mailForm:fromAddressMessage")).getText())
                .contains("\"not-an-address\" is not an e-mail address.");
        assertThat(browser.findElement(By.id("mailForm:hostMessage")).getText()).isEmpty();
        screenshot("target/it/mail-page-invalid.png");
        assertThat(settingsOf(d, tenant)).as("nothing stored").isNull();

        type("mailForm:port", "2525");
        type("mailForm:fromAddress", "reports@example.com");
        type("mailForm:username", "mailer");
        type("mailForm:password", "Page-Secret-42");
        browser.findElement(By.cssSelector("label[for='mailForm:security:0']")).click(); // NONE
        browser.findElement(By.id("mailForm:save")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("mailForm:passwordKept")));
        JsonObject stored = settingsOf(d, tenant);
        assertThat(stored).isNotNull();
        assertThat(stored.getInt("port")).isEqualTo(2525);
        assertThat(stored.getString("security")).isEqualTo("NONE");
        assertThat(stored.getString("username")).isEqualTo("mailer");
        assertThat(stored.getBoolean("passwordSet")).isTrue();
        assertThat(browser.findElement(By.id("mailForm:password")).getDomProperty("value")).isEmpty();
        assertThat(browser.getPageSource()).doesNotContain("Page-Secret-42");

        // reloaded: the stored values are shown, the password is not; saving with it empty keeps it
        browser.get(d.server().url("/admin/mail.xhtml?tenant=" + tenant));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("mailForm:host")));
        assertThat(browser.findElement(By.id("mailForm:port")).getDomProperty("value")).isEqualTo("2525");
        assertThat(browser.findElement(By.id("mailForm:password")).getDomProperty("value")).isEmpty();
        type("mailForm:fromName", "Reports Robot");
        browser.findElement(By.id("mailForm:save")).click();
        wait.until(d2 -> "Reports Robot".equals(settingsOrEmpty(d, tenant).getString("fromName", "")));
        assertThat(settingsOf(d, tenant).getBoolean("passwordSet")).isTrue();

        // a test mail through the outbox: nothing listens on 2525, so the log shows it retried with the
        // connection error; the resend button makes it due again
        type("mailForm:testRecipient", "page-it@example.com");
        browser.findElement(By.id("mailForm:queueTest")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("deliveriesForm:deliveries"), "page-it@example.com"));
        Instant deadline = Instant.now().plusSeconds(60);
        String row = "";
        while (!row.contains("RETRYING") && Instant.now().isBefore(deadline)) {
            Thread.sleep(1000);
            browser.get(d.server().url("/admin/mail.xhtml?tenant=" + tenant));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("deliveriesForm:deliveries")));
            row = browser.findElement(By.xpath("//*[@id='deliveriesForm:deliveries']//tr[contains(., 'page-it@example.com')]"))
                    .getText();
        }
        assertThat(row).contains("QueueLens test mail (outbox)").contains("RETRYING").contains("CONNECT: cannot connect");
        screenshot("target/it/mail-page.png");
        // the outbox retries it every few seconds: a click that meets it being sent is refused with a message (the
        // page never drops it silently); then the test clicks again, as a person would, also when no answer came
        WebDriverWait answer = HeadlessChromium.waitFor(browser, Duration.ofSeconds(10));
        String message = "";
        for (int attempt = 0; attempt < 5 && !message.contains("will be sent again"); attempt++) {
            WebElement before = browser.findElement(By.id("messages"));
            browser.findElement(By.xpath("//*[@id='deliveriesForm:deliveries']//tr[contains(., 'page-it@example.com')]"
                    + "//button[contains(@id, ':resend')]")).click();
            try {
                answer.until(ExpectedConditions.stalenessOf(before)); // the response replaced the messages: this click's
                answer.until(d2 -> {
                    String text = d2.findElement(By.id("messages")).getText();
                    return text.contains("will be sent again") || text.contains("cannot be sent again now");
                });
                message = browser.findElement(By.id("messages")).getText();
            } catch (org.openqa.selenium.TimeoutException noAnswer) {
                message = "no answer to click " + (attempt + 1);
            }
        }
        assertThat(message).contains("will be sent again");
    }

    /**
     * Types into the field, found again when an Ajax update replaced it in between (a save's response re-renders
     * the form after the database already shows what the test waited for: CI once met the stale field).
     */
    private void type(String id, String text) {
        for (int attempt = 1; ; attempt++) {
            try {
                WebElement e = browser.findElement(By.id(id));
                e.clear();
                e.sendKeys(text);
                return;
            } catch (org.openqa.selenium.StaleElementReferenceException replaced) {
                if (attempt == 5) {
                    throw replaced;
                }
            }
        }
    }

    private static JsonObject settingsOf(Deployment d, String tenant) throws Exception {
        JsonObject body = MailIT.json(MailIT.call(d, "GET", "/api/v1/mail/settings?tenant=" + tenant, null).body()).asJsonObject();
        return body.isNull("settings") ? null : body.getJsonObject("settings");
    }

    private static JsonObject settingsOrEmpty(Deployment d, String tenant) {
        try {
            JsonObject s = settingsOf(d, tenant);
            return s == null ? jakarta.json.Json.createObjectBuilder().build() : s;
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
