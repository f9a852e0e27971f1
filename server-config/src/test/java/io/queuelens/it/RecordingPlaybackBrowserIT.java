package io.queuelens.it;

import io.queuelens.it.support.AdminLogin;
import io.queuelens.it.support.HeadlessChromium;
import io.queuelens.it.support.SharedMariaDbServer;
import io.queuelens.it.support.SharedMariaDbServer.Deployment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CDR page as an administrator uses it, in headless Chromium: the calls of the URL's filters, a
 * play button that loads a recording into the page's audio player (which reads its one-second
 * length), and sorting done by the server. Named to run after LoginBrowserIT, which needs the first login.
 */
@ExtendWith(SharedMariaDbServer.class)
class RecordingPlaybackBrowserIT {

    /** The CDR this test plants (a recording named but never written), removed afterwards. */
    private static final String PLANTED_SOURCE = "it-recording-missing";

    private ChromeDriver browser;

    @AfterEach
    void closeBrowser(Deployment d) throws Exception {
        if (browser != null) {
            browser.quit();
        }
        try (Connection c = d.database().connect();
             PreparedStatement ps = c.prepareStatement("delete from cdr_record where source_id = ?")) {
            ps.setString(1, PLANTED_SOURCE);
            ps.executeUpdate();
        }
    }

    @Test
    void theCdrPageListsCallsAndPlaysARecording(Deployment d) throws Exception {
        CdrSearchIT.awaitRecordedCdr(d);
        // the newest answered call names a recording that is not there (a PBX does that): no play button for it. It is
        // dated the window's last second: the demo runs its clock ahead of the wall clock, hours at night
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String missingSrc = "4999" + (System.nanoTime() % 1_000_000);
        CdrSearchIT.insertCdr(d, "demo", PLANTED_SOURCE, "never-written-" + missingSrc + ".wav", missingSrc,
                today + " 23:59:59");
        browser = HeadlessChromium.start();
        WebDriverWait wait = HeadlessChromium.waitFor(browser, Duration.ofSeconds(30));
        AdminLogin.logIn(browser, d.server());
        browser.get(d.server().url("/reports/cdr.xhtml?tenant=demo&tz=UTC&from=" + today.minusDays(2) + "&to=" + today.plusDays(1)
                + "&disposition=ANSWERED"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#list\\:cdrs tbody td.cdr-calldate")));
        assertThat(browser.getTitle()).contains("Call detail records");
        assertThat(browser.findElements(By.cssSelector("#list\\:cdrs tbody tr"))).hasSizeGreaterThan(1);
        assertThat(browser.findElements(By.cssSelector("#list\\:cdrs tbody td.cdr-disposition")))
                .allSatisfy(td -> assertThat(td.getText()).isEqualTo("Answered"));
        assertThat(browser.findElement(By.id("nav-cdr")).getText()).isEqualTo("CDR");
        WebElement missing = browser.findElement(By.xpath("//tbody/tr[td[contains(@class,'cdr-src')][normalize-space()='"
                + missingSrc + "']]/td[contains(@class,'cdr-recording')]"));
        assertThat(missing.findElements(By.cssSelector(".ql-play"))).isEmpty();
        assertThat(missing.findElement(By.cssSelector(".ql-recording-missing")).getAttribute("title"))
                .contains("not under the recordings folder");

        // the newest calls with their recording there come first (the demo keeps the last day's audio)
        browser.findElement(By.cssSelector("#list\\:cdrs tbody .ql-play")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("ql-player")));
        JavascriptExecutor js = browser;
        wait.until(b -> ((Number) js.executeScript("return document.getElementById('ql-audio').readyState")).intValue() >= 1
                || js.executeScript("return document.getElementById('ql-audio').error") != null);
        Object error = js.executeScript("return document.getElementById('ql-audio').error");
        if (error != null) {
            // the media error says only "Format error", also for an HTTP error status: ask the server what it said
            Object answer = js.executeAsyncScript("var done = arguments[arguments.length - 1];"
                    + "var src = document.getElementById('ql-audio').currentSrc;"
                    + "fetch(src).then(r => r.text().then(t => done(src + ' -> ' + r.status + ' ' + t.substring(0, 300))),"
                    + " e => done(src + ' -> ' + e));");
            assertThat(error).as("the player's error; the recording's URL answers: %s", answer).isNull();
        }
        assertThat(((Number) js.executeScript("return document.getElementById('ql-audio').duration")).doubleValue())
                .isBetween(0.9, 1.1);
        Path shot = Path.of("target/it/cdr-page.png");
        Files.createDirectories(shot.getParent());
        Files.write(shot, browser.getScreenshotAs(OutputType.BYTES));

        // sorting by duration is done by the server: ascending, then descending (the longest call first)
        String window = "from cdr_record where tenant_id = 'demo' and disposition = 'ANSWERED' and calldate >= '"
                + today.minusDays(2) + "' and calldate < '" + today.plusDays(1) + "'";
        By durationHeader = By.xpath("//th[contains(@class,'ui-sortable-column')][.//span[text()='Duration']]");
        By firstDuration = By.cssSelector("#list\\:cdrs tbody tr:first-child td.cdr-duration");
        // The sort re-renders the table by ajax: a row found just before the update goes stale under the wait's
        // look at it, which only means "look again".
        String[] seen = new String[2]; // the first row's duration and the database's, for the failure message
        wait.withMessage(() -> "first row " + seen[0] + ", expected " + seen[1]);
        browser.findElement(durationHeader).click();
        long shortest = d.database().count("select min(duration) " + window);
        // the header says the sort was done (the newest row, planted above, may be the shortest already)
        wait.until(b -> {
            seen[0] = b.findElement(durationHeader).getAttribute("aria-sort") + " " + b.findElement(firstDuration).getText();
            seen[1] = "ascending " + minutes(shortest);
            return seen[0].equals(seen[1]);
        });
        browser.findElement(durationHeader).click();
        wait.until(b -> {
            seen[0] = b.findElement(durationHeader).getAttribute("aria-sort") + " " + b.findElement(firstDuration).getText();
            seen[1] = "descending " + minutes(uncheckedCount(d, "select max(duration) " + window));
            return seen[0].equals(seen[1]);
        });
    }

    private static String minutes(long seconds) {
        return seconds / 60 + ":" + String.format("%02d", seconds % 60);
    }

    private static long uncheckedCount(Deployment d, String sql) {
        try {
            return d.database().count(sql); // the live demo may add a longer call while the page sorts
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
