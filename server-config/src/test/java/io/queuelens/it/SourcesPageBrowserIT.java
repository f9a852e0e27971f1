package io.queuelens.it;

import io.queuelens.it.support.AdminLogin;
import io.queuelens.it.support.HeadlessChromium;
import io.queuelens.it.support.SharedMariaDbServer;
import io.queuelens.it.support.SharedMariaDbServer.Deployment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Sources admin page in headless Chromium: an incomplete form is refused with a message on each
 * offending field, a queue_log FILE source added through the form is followed (appended lines too),
 * its state and lines read show in the list, and the AMI secret field is never filled back in.
 */
@ExtendWith(SharedMariaDbServer.class)
class SourcesPageBrowserIT {

    private ChromeDriver browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aFileSourceAddedOnThePageIsFollowed(Deployment d) throws Exception {
        Path log = Files.createDirectories(d.server().dataDir().resolveSibling("pbx-files")).resolve("queue_log");
        Files.writeString(log, "1795308941|1795308941.1|it-file-q|NONE|ENTERQUEUE||5551234|1\n"
                + "1795308945|1795308941.1|it-file-q|PJSIP/101|CONNECT|4|1795308945.2|3\n");
        browser = HeadlessChromium.start();
        WebDriverWait wait = HeadlessChromium.waitFor(browser, Duration.ofSeconds(30));
        AdminLogin.logIn(browser, d.server());

        browser.get(d.server().url("/admin/sources.xhtml?tenant=demo"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("listForm:add")));
        assertThat(browser.getTitle()).contains("Sources");
        assertThat(browser.findElements(By.id("nav-sources"))).hasSize(1);
        browser.findElement(By.id("listForm:add")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sourceForm:name")));

        // FILE chosen, but neither display name nor path: both fields say so
        browser.findElement(By.id("sourceForm:name")).sendKeys("itfile");
        browser.findElement(By.cssSelector("label[for='sourceForm:mode:1']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sourceForm:queueLogFile")));
        browser.findElement(By.id("sourceForm:queueLogFile")).sendKeys("relative/queue_log");
        browser.findElement(By.id("sourceForm:save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sourceForm:displayNameMessage"),
                "Enter the name people see."));
        browser.findElement(By.id("sourceForm:displayName")).sendKeys("IT file PBX");
        browser.findElement(By.id("sourceForm:save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sourceForm:queueLogFileMessage"),
                "An absolute path is needed"));
        screenshot("target/it/sources-page-invalid.png");
        // a file outside the folders FILE sources may read (queuelens.sources.file-roots) is refused on its field
        browser.findElement(By.id("sourceForm:queueLogFile")).clear();
        browser.findElement(By.id("sourceForm:queueLogFile")).sendKeys("/etc/passwd");
        browser.findElement(By.id("sourceForm:save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sourceForm:queueLogFileMessage"),
                "The file must be in a folder QueueLens may read"));

        browser.findElement(By.id("sourceForm:queueLogFile")).clear();
        browser.findElement(By.id("sourceForm:queueLogFile")).sendKeys(log.toString());
        browser.findElement(By.id("sourceForm:test")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sourceForm:checks"), "is readable"));
        browser.findElement(By.id("sourceForm:save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("listForm:sources"), "IT file PBX"));

        Files.writeString(log, "1795308949|1795308941.1|it-file-q|PJSIP/101|COMPLETECALLER|4|4|1\n", StandardOpenOption.APPEND);
        awaitListed(wait, d, "3");
        assertThat(browser.findElement(By.id("listForm:sources")).getText()).contains("CONNECTED").contains("itfile");
        assertThat(d.database().count("select count(*) from queue_visit where source_id = 'itfile' and outcome = 'ANSWERED'"))
                .isEqualTo(1);
        screenshot("target/it/sources-page.png");

        // editing: the name is fixed, the secret fields stay empty
        browser.findElement(By.xpath("//*[@id='listForm:sources']//tr[contains(., 'itfile')]//button[contains(@id, ':edit')]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sourceForm:amiSecret")));
        assertThat(browser.findElement(By.id("sourceForm:name")).isEnabled()).isFalse();
        assertThat(browser.findElement(By.id("sourceForm:amiSecret")).getDomProperty("value")).isEmpty();
        browser.findElement(By.id("sourceForm:cancel")).click();

        browser.findElement(By.xpath("//*[@id='listForm:sources']//tr[contains(., 'itfile')]//button[contains(@id, ':disable')]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.xpath("//*[@id='listForm:sources']//tr[contains(., 'itfile')]"), "STOPPED"));
    }

    /** Reloads the page until the source's row shows {@code lines} lines read. */
    private void awaitListed(WebDriverWait wait, Deployment d, String lines) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            browser.get(d.server().url("/admin/sources.xhtml?tenant=demo"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("listForm:sources")));
            // this source's row: other ITs on the shared server add sources that may sort before it
            var cells = browser.findElements(By.xpath("//*[@id='listForm:sources']//tr[contains(., 'itfile')]"
                    + "//span[contains(@id, ':linesRead')]"));
            if (!cells.isEmpty() && cells.get(0).getText().equals(lines)) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the list never showed " + lines + " lines read: "
                        + browser.findElement(By.id("listForm:sources")).getText());
            }
            Thread.sleep(1000);
        }
    }

    private void screenshot(String file) throws Exception {
        Path shot = Path.of(file);
        Files.createDirectories(shot.getParent());
        Files.write(shot, browser.getScreenshotAs(OutputType.BYTES));
    }
}
