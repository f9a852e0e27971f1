package io.queuelens.it.support;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Logs a browser in as the shared server's administrator, whichever browser IT ran before: while the
 * printed {@code initial-admin-password} still exists, it logs in with it and goes through the forced
 * change to {@link #PASSWORD}; once that file is gone (replaced by an earlier IT), {@link #PASSWORD}
 * is the password. Every IT that changes the admin password must change it to {@link #PASSWORD}.
 */
public final class AdminLogin {

    public static final String USER = "admin";
    /** The password the browser ITs give the administrator when they replace the printed one. */
    public static final String PASSWORD = "Correct-Horse-Battery-42";

    private AdminLogin() {
    }

    /** Logs in and returns once the browser is past the login (and password) page. */
    public static synchronized void logIn(WebDriver browser, RunningServer server) throws IOException {
        WebDriverWait wait = HeadlessChromium.waitFor(browser, Duration.ofSeconds(30));
        Path printed = server.dataDir().resolve("initial-admin-password");
        browser.get(server.url("/login.xhtml"));
        if (Files.exists(printed)) {
            String initial = Files.readString(printed).strip();
            submit(browser, wait, "login:username", USER, "login:password", initial, "login:submit");
            wait.until(ExpectedConditions.urlContains("/account/password.xhtml"));
            browser.findElement(By.id("form:current")).sendKeys(initial);
            browser.findElement(By.id("form:replacement")).sendKeys(PASSWORD);
            browser.findElement(By.id("form:confirmation")).sendKeys(PASSWORD);
            browser.findElement(By.id("form:submit")).click();
            wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/account/password.xhtml")));
        } else {
            submit(browser, wait, "login:username", USER, "login:password", PASSWORD, "login:submit");
            wait.until(ExpectedConditions.or(ExpectedConditions.not(ExpectedConditions.urlContains("/login.xhtml")),
                    ExpectedConditions.textToBePresentInElementLocated(By.id("login"), "wrong")));
            if (browser.getCurrentUrl().contains("/login.xhtml")) {
                throw new IllegalStateException("admin login refused: the password is neither the printed one nor "
                        + PASSWORD + " (did an IT choose another?)");
            }
        }
    }

    private static void submit(WebDriver browser, WebDriverWait wait, String userId, String user, String passwordId,
                               String password, String submitId) {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id(userId)));
        browser.findElement(By.id(userId)).clear();
        browser.findElement(By.id(userId)).sendKeys(user);
        browser.findElement(By.id(passwordId)).clear();
        browser.findElement(By.id(passwordId)).sendKeys(password);
        browser.findElement(By.id(submitId)).click();
    }
}
