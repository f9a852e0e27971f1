package io.queuelens.it;

import io.queuelens.it.support.AdminLogin;
import io.queuelens.it.support.HeadlessChromium;
import io.queuelens.it.support.SharedMariaDbServer;
import io.queuelens.it.support.SharedMariaDbServer.Deployment;
import io.queuelens.it.support.SimulatedPbx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operations page in headless Chromium: an Asterisk source's state changes on the page, without
 * a reload, when its AMI peer (the loopback AMI server) is killed and when it comes back; the
 * self-check button lists its checks.
 */
@ExtendWith(SharedMariaDbServer.class)
class OperationsPageBrowserIT {

    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private ChromeDriver browser;

    @AfterEach
    void close() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
    }

    @Test
    void aSourcesStateChangeShowsWithoutReload(Deployment d) throws Exception {
        String tenant = OpsFixture.tenant(d, "page");
        SimulatedPbx pbx = new SimulatedPbx(22);
        cleanup.add(pbx);
        String source = OpsFixture.configure(d, HttpClient.newHttpClient(), cleanup, tenant, pbx.port(), pbx.secret());

        browser = HeadlessChromium.start();
        WebDriverWait wait = HeadlessChromium.waitFor(browser, Duration.ofSeconds(60));
        AdminLogin.logIn(browser, d.server());
        browser.get(d.server().url("/admin/operations.xhtml"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sources")));
        assertThat(browser.findElements(By.id("nav-operations"))).hasSize(1);
        assertThat(browser.findElement(By.id("version")).getText()).isNotBlank();
        // a marker that disappears if the page is loaded again
        browser.executeScript("window.__opsMarker = 'still here'");

        wait.until(d2 -> state(tenant, source).equals("CONNECTED"));
        screenshot("target/it/operations-page.png");

        pbx.kill();
        wait.until(d2 -> !state(tenant, source).equals("CONNECTED"));
        assertThat(state(tenant, source)).isIn("RECONNECTING", "FAILED", "STARTING");
        screenshot("target/it/operations-page-peer-killed.png");

        pbx.revive();
        wait.until(d2 -> state(tenant, source).equals("CONNECTED"));
        assertThat(browser.executeScript("return window.__opsMarker")).as("no reload").isEqualTo("still here");
        assertThat(Long.parseLong(row(tenant, source).findElement(By.xpath(".//span[contains(@id, ':reconnects')]")).getText()))
                .isGreaterThanOrEqualTo(1);

        browser.findElement(By.id("checkForm:selfCheck")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("checkForm:checks")));
        String checks = browser.findElement(By.id("checkForm:checks")).getText();
        assertThat(checks).contains("Database reachable").contains("Schema migrated").contains("Disk space")
                .contains(tenant + "/" + source.replace("-ami", ""));
        screenshot("target/it/operations-self-check.png");
    }

    /**
     * The state cell of this test's source row, "" while the row is not there (yet). When the poll replaces the
     * table while it is read, the wait (HeadlessChromium.waitFor) reads again.
     */
    private String state(String tenant, String source) {
        WebElement row = row(tenant, source);
        return row == null ? "" : row.findElement(By.xpath(".//span[contains(@id, ':state')]")).getText();
    }

    private WebElement row(String tenant, String source) {
        List<WebElement> rows = browser.findElements(By.xpath("//*[@id='sources']//tr[contains(., '" + tenant + "') and contains(., '"
                + source + "')]"));
        return rows.isEmpty() ? null : rows.get(0);
    }

    private void screenshot(String file) throws Exception {
        Path shot = Path.of(file);
        Files.createDirectories(shot.getParent());
        Files.write(shot, browser.getScreenshotAs(OutputType.BYTES));
    }
}
