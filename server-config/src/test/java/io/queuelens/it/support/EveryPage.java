package io.queuelens.it.support;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every page of the app, found from the web module's .xhtml files (outside WEB-INF), so a page added
 * later is covered by the tests that walk them (CSP violations, XSS plants) without editing them; and
 * what the browser's console says about one.
 */
public final class EveryPage {

    private EveryPage() {
    }

    /** Paths such as {@code /reports/summary.xhtml}, sorted; the login page last (it logs nobody out). */
    public static List<String> paths() {
        Path webapp = Path.of(System.getProperty("queuelens.home", "..")).toAbsolutePath().normalize()
                .resolve("web/src/main/webapp");
        try (Stream<Path> files = Files.walk(webapp)) {
            List<String> pages = files.filter(f -> f.toString().endsWith(".xhtml"))
                    .map(f -> "/" + webapp.relativize(f).toString().replace('\\', '/'))
                    .filter(p -> !p.startsWith("/WEB-INF/") && !p.startsWith("/resources/"))
                    .sorted((a, b) -> a.equals("/login.xhtml") ? 1 : b.equals("/login.xhtml") ? -1 : a.compareTo(b))
                    .toList();
            if (pages.size() < 10) {
                throw new IllegalStateException("expected the app's pages under " + webapp + ", found " + pages);
            }
            return pages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens the page and waits until it has loaded and its scripts ran (PrimeFaces' widgets included). */
    public static void open(WebDriver browser, String url) {
        browser.get(url);
        HeadlessChromium.waitFor(browser, Duration.ofSeconds(30)).until(b -> "complete".equals(
                ((JavascriptExecutor) b).executeScript("return document.readyState")));
        try {
            Thread.sleep(700); // deferred widget scripts, the live socket's first message
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The console lines since the last call that report a Content-Security-Policy violation. */
    public static List<String> cspViolations(WebDriver browser) {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy") || m.contains("Content-Security-Policy"))
                .toList();
    }
}
