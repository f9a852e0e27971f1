package io.queuelens.it.support;

import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Debian's Chromium driven by Debian's chromedriver (installed by .ci/run); nothing is downloaded.
 * The flags keep Chromium from calling out to a network this machine does not have.
 */
public final class HeadlessChromium {

    private HeadlessChromium() {
    }

    public static ChromeDriver start() throws java.io.IOException {
        String binary = System.getProperty("queuelens.chromium", "/usr/bin/chromium");
        String driver = System.getProperty("queuelens.chromedriver", "/usr/bin/chromedriver");
        if (!new File(binary).canExecute() || !new File(driver).canExecute()) {
            throw new IllegalStateException("Chromium or chromedriver missing (" + binary + ", " + driver
                    + "): install the Debian packages chromium and chromium-driver (.ci/run does)");
        }
        Path profile = Files.createTempDirectory("ql-chromium");
        ChromeOptions options = new ChromeOptions()
                .setBinary(binary)
                .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync",
                        "--disable-dev-shm-usage", "--lang=en-US", "--window-size=1400,1000",
                        "--user-data-dir=" + profile);
        // the console (CSP violations, script errors) for BrowserConsole
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driver))
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /**
     * A wait that tries again when the element it found was replaced before it was read: the pages re-render parts
     * by Ajax and by push, so "found, then read" races with the update (ExpectedConditions.attributeToBe does not
     * catch it; CI saw it fail on the alert rule editor's name field). Chrome reports a node that a page reload
     * replaced between the find and the read as an "unknown error" ("Node with given id does not belong to the
     * document"), not as a stale element (CI saw it in the language switch of SecurityHeadersBrowserIT), so any
     * WebDriverException is tried again; a real failure still ends the wait, as a timeout naming the last one.
     */
    public static WebDriverWait waitFor(WebDriver browser, Duration timeout) {
        WebDriverWait wait = new WebDriverWait(browser, timeout);
        wait.ignoring(StaleElementReferenceException.class);
        wait.ignoring(org.openqa.selenium.WebDriverException.class);
        return wait;
    }
}
