package io.queuelens.it;

import io.queuelens.it.support.HeadlessChromium;
import io.queuelens.it.support.SharedMariaDbServer;
import io.queuelens.it.support.SharedMariaDbServer.Deployment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first login as a person does it, in headless Chromium: a wrong password and an empty field
 * are refused with a message, the printed password works once and must be replaced, then the
 * overview lists the demo source.
 */
@ExtendWith(SharedMariaDbServer.class)
@Order(1) // the first browser IT on the shared server: the others log in with the password chosen here
class LoginBrowserIT {

    private ChromeDriver browser;

    @AfterEach
    void closeBrowser() throws Exception {
        if (browser != null) {
            Path shot = Path.of("target/it/login-browser-last.png");
            Files.createDirectories(shot.getParent());
            Files.write(shot, browser.getScreenshotAs(OutputType.BYTES));
            browser.quit();
        }
    }

    @Test
    void firstLoginForcesAPasswordChangeThenShowsTheOverview(Deployment d) throws Exception {
        Path passwordFile = d.server().dataDir().resolve("initial-admin-password");
        String initial = Files.readString(passwordFile).strip();
        browser = HeadlessChromium.start();
        WebDriverWait wait = HeadlessChromium.waitFor(browser, Duration.ofSeconds(20));

        browser.get(d.server().url("/"));
        wait.until(ExpectedConditions.urlContains("/login.xhtml"));
        assertThat(browser.getTitle()).contains("Log in");

        // Empty password: a message on the field, not a server error.
        browser.findElement(By.id("login:username")).sendKeys("admin");
        browser.findElement(By.id("login:submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("login"), "Please fill in this field."));

        // Wrong password: refused with a message.
        submitLogin(wait, "admin", "not-the-password");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("login"), "User name or password is wrong."));

        // The printed password: accepted, but only to choose a new one.
        submitLogin(wait, "admin", initial);
        wait.until(ExpectedConditions.urlContains("/account/password.xhtml"));
        browser.get(d.server().url("/"));
        wait.until(ExpectedConditions.urlContains("/account/password.xhtml"));

        // Too short: message on the field.
        fillPasswordForm(initial, "short", "short");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("form"), "Use at least 10 characters."));

        String chosen = "Correct-Horse-Battery-42";
        fillPasswordForm(initial, chosen, chosen);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sources"), "demo"));
        assertThat(browser.findElement(By.id("sources")).getText()).contains("DEMO");
        assertThat(passwordFile).as("the printed password is forgotten once replaced").doesNotExist();

        // Logged out, the old password no longer works and the new one does.
        browser.findElement(By.id("logout")).click();
        wait.until(ExpectedConditions.urlContains("/login.xhtml"));
        submitLogin(wait, "admin", initial);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("login"), "User name or password is wrong."));
        submitLogin(wait, "admin", chosen);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sources")));
    }

    private void submitLogin(WebDriverWait wait, String user, String password) {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("login:username")));
        browser.findElement(By.id("login:username")).clear();
        browser.findElement(By.id("login:username")).sendKeys(user);
        browser.findElement(By.id("login:password")).clear();
        browser.findElement(By.id("login:password")).sendKeys(password);
        browser.findElement(By.id("login:submit")).click();
    }

    private void fillPasswordForm(String current, String replacement, String confirmation) {
        WebDriver b = browser;
        b.findElement(By.id("form:current")).clear();
        b.findElement(By.id("form:current")).sendKeys(current);
        b.findElement(By.id("form:replacement")).clear();
        b.findElement(By.id("form:replacement")).sendKeys(replacement);
        b.findElement(By.id("form:confirmation")).clear();
        b.findElement(By.id("form:confirmation")).sendKeys(confirmation);
        b.findElement(By.id("form:submit")).click();
    }
}
