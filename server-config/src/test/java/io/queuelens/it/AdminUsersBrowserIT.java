package io.queuelens.it;

import io.queuelens.it.support.AdminLogin;
import io.queuelens.it.support.FormLogin;
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

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Tenants and Users admin pages in headless Chromium: every bad tenant field gets its message, a
 * tenant is created and edited; a user invited on the page gets a one-time password shown once that
 * works exactly once (forced change), sees only the granted tenant, keeps the language they chose
 * for their next login, is reset and disabled from the list.
 */
@ExtendWith(SharedMariaDbServer.class)
class AdminUsersBrowserIT {

    private ChromeDriver browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void tenantsAndUsersAreManagedOnTheirPages(Deployment d) throws Exception {
        String s = UUID.randomUUID().toString().substring(0, 6);
        String tenant = "br-" + s;
        browser = HeadlessChromium.start();
        WebDriverWait wait = HeadlessChromium.waitFor(browser, Duration.ofSeconds(30));
        AdminLogin.logIn(browser, d.server());

        browser.get(d.server().url("/admin/tenants.xhtml"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("tenantForm:save")));
        assertThat(browser.findElements(By.id("nav-tenants"))).hasSize(1);
        assertThat(browser.findElements(By.id("nav-users"))).hasSize(1);
        type("tenantForm:id", "Bad Id!");
        type("tenantForm:name", " ");
        type("tenantForm:timeZone", "Mars/Olympus");
        type("tenantForm:locale", "??");
        type("tenantForm:currency", "euro");
        browser.findElement(By.id("tenantForm:save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("tenantForm:idMessage"), "The id must be"));
        assertThat(text("tenantForm:nameMessage")).contains("Enter a name");
        assertThat(text("tenantForm:timeZoneMessage")).contains("IANA time zone");
        assertThat(text("tenantForm:localeMessage")).contains("language tag");
        assertThat(text("tenantForm:currencyMessage")).contains("three-letter");
        screenshot("target/it/tenants-page-invalid.png");
        type("tenantForm:id", tenant);
        type("tenantForm:name", "Brasil " + s);
        type("tenantForm:timeZone", "America/Sao_Paulo");
        type("tenantForm:locale", "pt-BR");
        type("tenantForm:currency", "BRL");
        browser.findElement(By.id("tenantForm:save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("listForm:tenants"), "Brasil " + s));
        browser.findElement(By.xpath("//tr[td[normalize-space()='" + tenant + "']]//button[contains(@id,'edit')]")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("tenantForm:name"), "value", "Brasil " + s));
        type("tenantForm:name", "Brasil Sul " + s);
        browser.findElement(By.id("tenantForm:save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("listForm:tenants"), "Brasil Sul " + s));

        browser.get(d.server().url("/admin/users.xhtml"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("userForm:save")));
        String user = "page-" + s;
        type("userForm:username", user);
        browser.findElement(By.id("userForm:save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("userForm:rolesMessage"), "at least one role"));
        assertThat(text("userForm:tenantsMessage")).contains("at least one tenant");
        browser.findElement(By.cssSelector("label[for='userForm:roles:1']")).click(); // MANAGER
        browser.findElement(By.xpath("//label[contains(., '(" + tenant + ")')]")).click();
        browser.findElement(By.id("userForm:save")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("oneTimePassword")));
        String oneTime = browser.findElement(By.id("oneTimePassword")).getText().strip();
        assertThat(oneTime).hasSizeGreaterThanOrEqualTo(16);
        screenshot("target/it/users-page-invited.png");
        browser.get(d.server().url("/admin/users.xhtml"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("userForm:save")));
        assertThat(browser.findElements(By.id("oneTimePassword"))).as("shown once").isEmpty();
        assertThat(browser.findElement(By.id("listForm:users")).getText()).contains(user).contains(tenant);

        // The invited manager: one-time password, forced change, only their tenant.
        String mine = "Page-User-Password-2026";
        FormLogin manager = FormLogin.firstLogin(d.server(), user, oneTime, mine);
        HttpResponse<String> summary = manager.get("/reports/summary.xhtml");
        assertThat(summary.statusCode()).isEqualTo(200);
        assertThat(summary.body()).contains("value=\"" + tenant + "\"").doesNotContain("value=\"demo\"");
        assertThat(manager.get("/admin/users.xhtml").statusCode()).isEqualTo(403);
        assertThatThrownBy(() -> FormLogin.firstLogin(d.server(), user, oneTime, "Another-Password-2026"))
                .as("the one-time password works once").isInstanceOf(IllegalStateException.class);

        // The language they choose is theirs at the next login.
        HttpResponse<String> index = manager.get("/index.xhtml");
        HttpResponse<String> chosen = manager.post("/index.xhtml", Map.of("language", "language", "language:choice", "tr",
                "jakarta.faces.ViewState", FormLogin.viewState(index.body()), "primefaces.nonce", FormLogin.nonce(index.body())));
        assertThat(chosen.statusCode()).isIn(200, 302);
        FormLogin again = FormLogin.logIn(d.server(), user, mine);
        assertThat(again.get("/index.xhtml").body()).contains("Çıkış");

        // Edit: the tenant limited to one queue; the list says so.
        browser.findElement(By.xpath("//tr[td[normalize-space()='" + user + "']]//button[contains(@id,'edit')]")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("userForm:username"), "value", user));
        WebElementQueues.fill(browser, tenant, "sales");
        browser.findElement(By.id("userForm:save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("listForm:users"), tenant + ": sales"));

        // Reset: a new one-time password, again to be changed; disable: no more logins.
        browser.findElement(By.xpath("//tr[td[normalize-space()='" + user + "']]//button[contains(@id,'reset')]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("oneTimePassword")));
        String reset = browser.findElement(By.id("oneTimePassword")).getText().strip();
        assertThat(reset).isNotEqualTo(oneTime);
        FormLogin.firstLogin(d.server(), user, reset, "Reset-Page-Password-2026");
        browser.findElement(By.xpath("//tr[td[normalize-space()='" + user + "']]//button[contains(@id,'disable')]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//tr[td[normalize-space()='" + user + "']]//button[contains(@id,'enable')]")));
        assertThat(again.get("/reports/summary.xhtml").statusCode()).as("the open session ends").isEqualTo(302);
        assertThatThrownBy(() -> FormLogin.logIn(d.server(), user, "Reset-Page-Password-2026"))
                .isInstanceOf(IllegalStateException.class);
    }

    /** The queue field beside a tenant's checkbox on the users form. */
    static final class WebElementQueues {
        static void fill(ChromeDriver browser, String tenant, String queues) {
            var field = browser.findElement(By.xpath("//label[contains(., '(" + tenant + ")')]/following-sibling::input"));
            field.clear();
            field.sendKeys(queues);
        }
    }

    private void type(String id, String value) {
        browser.findElement(By.id(id)).clear();
        browser.findElement(By.id(id)).sendKeys(value);
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private void screenshot(String file) throws Exception {
        Path shot = Path.of(file);
        Files.createDirectories(shot.getParent());
        Files.write(shot, browser.getScreenshotAs(OutputType.BYTES));
    }
}
