package io.queuelens.it;

import io.queuelens.it.support.AdminLogin;
import io.queuelens.it.support.HeadlessChromium;
import io.queuelens.it.support.SharedMariaDbServer;
import io.queuelens.it.support.SharedMariaDbServer.Deployment;
import io.queuelens.sources.genesys.control.GenesysConversations;
import io.queuelens.sources.genesys.control.GenesysNotificationStandIn;
import io.queuelens.sources.genesys.control.GenesysStandIn;
import jakarta.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Genesys Cloud admin page in headless Chromium, against the loopback stand-ins: an org added with a
 * wrong secret fails "Test connection" at the token step as an authentication failure; with the right
 * secret every step works; a bad base URL and no region are refused on their fields; the saved org is
 * listed as connected, its API calls show, and the nightly cross-check (the tenant's clock is past
 * 03:30) checks yesterday by itself, once, with the differing queue highlighted; the org is deleted
 * after a confirmation. The secret never appears in the page.
 */
@ExtendWith(SharedMariaDbServer.class)
class GenesysPageBrowserIT {

    static final String SECRET = "Page-" + UUID.randomUUID();
    static final String WRONG = "Wrong-" + UUID.randomUUID();

    private ChromeDriver browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anOrgIsTestedSavedListedAndCrossCheckedAtNight(Deployment d) throws Exception {
        String s = UUID.randomUUID().toString().substring(0, 8);
        String tenant = "gp-" + s;
        String org = "gc-" + s;
        ZoneId zone = middayZone(Instant.now());
        HttpResponse<String> t = AccessMatrixIT.tokenCall(d, "POST", "/api/v1/tenants", "{\"id\": \"" + tenant
                + "\", \"name\": \"Genesys page " + s + "\", \"timeZone\": \"" + zone.getId()
                + "\", \"locale\": \"en\", \"currency\": \"EUR\"}");
        assertThat(t.statusCode()).as(t.body()).isEqualTo(201);
        LocalDate yesterday = LocalDate.now(zone).minusDays(1);
        Instant dayStart = yesterday.atStartOfDay(zone).toInstant();

        try (GenesysNotificationStandIn ws = new GenesysNotificationStandIn(1000);
             GenesysStandIn genesys = new GenesysStandIn("page-client", SECRET)) {
            genesys.notifications(ws).queue("q1", "Sales", "u1");
            for (int i = 0; i < 3; i++) { // three answered calls yesterday; Genesys's aggregates claim four
                Instant at = dayStart.plus(Duration.ofHours(9 + i));
                genesys.conversation(GenesysConversations.call("gp-" + s + "-" + i, at, "+4917100" + i)
                        .queue("q1", at.plusSeconds(2), at.plusSeconds(12), "transfer")
                        .agent("u1", "q1", at.plusSeconds(10), at.plusSeconds(12), at.plusSeconds(100), 0, 0, "peer").build());
            }
            genesys.aggregates(Json.createArrayBuilder().add(GenesysSourceIT.aggregate("q1", 4, 3)).build());

            browser = HeadlessChromium.start();
            WebDriverWait wait = HeadlessChromium.waitFor(browser, Duration.ofSeconds(30));
            AdminLogin.logIn(browser, d.server());
            browser.get(d.server().url("/admin/genesys.xhtml?tenant=" + tenant));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("listForm:add")));
            assertThat(browser.getTitle()).contains("Genesys Cloud");
            assertThat(browser.findElements(By.id("nav-genesys"))).hasSize(1);
            assertThat(browser.findElement(By.id("listForm:orgs")).getText()).contains("No Genesys Cloud org");

            browser.findElement(By.id("listForm:add")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("orgForm:name")));
            browser.findElement(By.id("orgForm:name")).sendKeys(org);
            browser.findElement(By.id("orgForm:displayName")).sendKeys("Genesys page IT");
            new Select(browser.findElement(By.id("orgForm:region"))).selectByValue("mypurecloud.ie");
            browser.findElement(By.id("orgForm:baseUrl")).sendKeys(genesys.baseUrl());
            browser.findElement(By.id("orgForm:clientId")).sendKeys("page-client");
            browser.findElement(By.id("orgForm:clientSecret")).sendKeys(WRONG);

            // a wrong secret: the token step fails, named as an authentication failure, with Genesys's reason
            browser.findElement(By.id("orgForm:test")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("orgForm:checks"), "Authentication refused"));
            String checks = browser.findElement(By.id("orgForm:checks")).getText();
            assertThat(checks).contains("A step failed").contains("Token (client id and secret)").contains("invalid_client")
                    .doesNotContain("Queue list");
            assertThat(browser.getPageSource()).doesNotContain(WRONG).doesNotContain(SECRET);
            screenshot("target/it/genesys-page-auth-failed.png");

            // the right secret: every step works
            browser.findElement(By.id("orgForm:clientSecret")).sendKeys(SECRET);
            browser.findElement(By.id("orgForm:test")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("orgForm:checks"), "Every step works."));
            assertThat(browser.findElements(By.cssSelector("#orgForm\\:checks li.ql-ok"))).hasSize(3);
            assertThat(browser.findElement(By.id("orgForm:checks")).getText()).contains("Queue list").contains("Conversation details");
            assertThat(browser.getPageSource()).doesNotContain(SECRET);

            // a bad base URL and no region: refused, each on its field; the secret entered stays for the next try
            browser.findElement(By.id("orgForm:baseUrl")).clear();
            browser.findElement(By.id("orgForm:baseUrl")).sendKeys("ftp:/nowhere");
            new Select(browser.findElement(By.id("orgForm:region"))).selectByValue("");
            browser.findElement(By.id("orgForm:save")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("orgForm:baseUrlMessage"),
                    "An http(s) URL with a host"));
            assertThat(browser.findElement(By.id("orgForm:regionMessage")).getText())
                    .contains("Choose one of the Genesys Cloud regions.");
            assertThat(browser.findElement(By.id("orgForm:secretKept")).getText()).contains("leave the field empty");
            assertThat(d.database().count("select count(*) from genesys_source where tenant_id = '" + tenant + "'")).isZero();
            screenshot("target/it/genesys-page-invalid.png");

            browser.findElement(By.id("orgForm:baseUrl")).clear();
            browser.findElement(By.id("orgForm:baseUrl")).sendKeys(genesys.baseUrl());
            new Select(browser.findElement(By.id("orgForm:region"))).selectByValue("mypurecloud.ie");
            browser.findElement(By.id("orgForm:save")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("listForm:orgs"), "Genesys page IT"));
            assertThat(d.database().count("select count(*) from genesys_source where tenant_id = '" + tenant
                    + "' and client_secret like 'v1:%'")).isEqualTo(1);

            try {
                // listed with its live state once the org's notification socket is up, and its API calls
                reloadUntil(d, tenant, "listForm:orgs", text -> text.contains(org) && text.contains("Connected"), 90);
                assertThat(browser.findElement(By.id("listForm:orgs")).getText()).contains("mypurecloud.ie").contains("Yes");
                assertThat(browser.findElement(By.id("apiTotals")).getText()).contains(org);
                assertThat(browser.findElement(By.id("apiEndpoints")).getText()).contains("/api/v2/");
                assertThat(browser.getPageSource()).doesNotContain(SECRET);

                // editing: the name is fixed and the secret field stays empty
                browser.findElement(By.xpath("//*[@id='listForm:orgs']//tr[contains(., '" + org + "')]//button[contains(@id, ':edit')]"))
                        .click();
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("orgForm:clientSecret")));
                assertThat(browser.findElement(By.id("orgForm:name")).isEnabled()).isFalse();
                assertThat(browser.findElement(By.id("orgForm:clientSecret")).getDomProperty("value")).isEmpty();
                assertThat(browser.getPageSource()).doesNotContain(SECRET);
                browser.findElement(By.id("orgForm:test")).click(); // the stored secret is used when the field is empty
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("orgForm:checks"), "Every step works."));
                browser.findElement(By.id("orgForm:cancel")).click();

                // the nightly cross-check runs by itself (every minute the due tenants are looked at): yesterday, once
                reloadUntil(d, tenant, "crossChecks", text -> text.contains(yesterday.toString()) && text.contains(org), 180);
                WebElement row = browser.findElement(By.xpath("//*[@id='crossChecks']//tr[contains(., 'q1')]"));
                assertThat(row.getAttribute("class")).contains("ql-mismatch");
                assertThat(row.getText()).contains("Differs").contains("4").contains("3");
                assertThat(browser.findElement(By.id("mismatchDays")).getText()).contains(yesterday.toString());
                assertThat(d.database().count("select count(*) from job_launch where job_name = 'genesys-crosscheck' and tenant_id = '"
                        + tenant + "' and business_key = 'crosscheck " + org + " " + yesterday + "'")).isEqualTo(1);
                screenshot("target/it/genesys-page.png");
                Thread.sleep(61_000); // a later tick launches nothing more for the day
                assertThat(d.database().count("select count(*) from job_launch where job_name = 'genesys-crosscheck' and tenant_id = '"
                        + tenant + "'")).isEqualTo(1);
                assertThat(browser.getPageSource()).doesNotContain(SECRET);

                // deleted on the page, after the confirmation
                browser.get(d.server().url("/admin/genesys.xhtml?tenant=" + tenant));
                wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//*[@id='listForm:orgs']//tr[contains(., '" + org
                        + "')]//button[contains(@id, ':delete')]"))).click();
                wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".ui-confirmdialog-yes"))).click();
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("listForm:orgs"), "No Genesys Cloud org"));
                assertThat(d.database().count("select count(*) from genesys_source where tenant_id = '" + tenant + "'")).isZero();
            } finally {
                var orgs = Json.createReader(new java.io.StringReader(AccessMatrixIT.tokenCall(d, "GET",
                        "/api/v1/genesys/orgs?tenant=" + tenant, null).body())).readArray();
                for (var o : orgs.getValuesAs(jakarta.json.JsonObject.class)) { // left by a failed step: stop its connections
                    AccessMatrixIT.tokenCall(d, "DELETE", "/api/v1/genesys/orgs/" + o.getJsonNumber("id").longValue()
                            + "?tenant=" + tenant, null);
                }
            }
        }
    }

    /** A fixed-offset zone whose clock shows about noon now: past the 03:30 cross-check time, far from midnight. */
    static ZoneId middayZone(Instant now) {
        int hours = Math.max(-12, Math.min(14, 12 - now.atZone(ZoneOffset.UTC).getHour()));
        return hours == 0 ? ZoneId.of("UTC") : ZoneId.of("Etc/GMT" + (hours > 0 ? "-" : "+") + Math.abs(hours)); // Etc/ signs are inverted
    }

    /** Reloads the tenant's page until the element's text satisfies {@code done}. */
    private void reloadUntil(Deployment d, String tenant, String id, Predicate<String> done, int seconds) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(seconds));
        String text = "";
        while (Instant.now().isBefore(deadline)) {
            browser.get(d.server().url("/admin/genesys.xhtml?tenant=" + tenant));
            HeadlessChromium.waitFor(browser, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
            text = browser.findElement(By.id(id)).getText();
            if (done.test(text)) {
                return;
            }
            Thread.sleep(2000);
        }
        throw new AssertionError(id + " never showed what was expected within " + seconds + " s: " + text);
    }

    private void screenshot(String file) throws Exception {
        Path shot = Path.of(file);
        Files.createDirectories(shot.getParent());
        Files.write(shot, browser.getScreenshotAs(OutputType.BYTES));
    }
}
