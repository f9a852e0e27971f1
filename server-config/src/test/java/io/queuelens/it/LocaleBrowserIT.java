package io.queuelens.it;

import io.queuelens.it.support.HeadlessChromium;
import io.queuelens.it.support.SharedMariaDbServer;
import io.queuelens.it.support.SharedMariaDbServer.Deployment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dates and numbers follow the user's language: a user switches to Turkish, and the summary report shows
 * its days as Turkish dates and its percentages with a decimal comma, the token page its times as Turkish
 * dates (not raw ISO instants), and every page says {@code <html lang="tr">}. The user is this test's own,
 * so the stored language does not reach other tests.
 */
@ExtendWith(SharedMariaDbServer.class)
class LocaleBrowserIT {

    private static final Locale TR = Locale.forLanguageTag("tr");
    private ChromeDriver browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aTurkishUserSeesTurkishDatesAndNumbersOnAReportAndTheTokenPage(Deployment d) throws Exception {
        String name = "locale-" + UUID.randomUUID().toString().substring(0, 8);
        String oneTime = AccessMatrixIT.invite(d, name, "MANAGER", "{\"demo\": []}");
        browser = HeadlessChromium.start();
        WebDriverWait wait = HeadlessChromium.waitFor(browser, Duration.ofSeconds(60));
        browser.get(d.server().url("/login.xhtml"));
        browser.findElement(By.id("login:username")).sendKeys(name);
        browser.findElement(By.id("login:password")).sendKeys(oneTime);
        browser.findElement(By.id("login:submit")).click();
        wait.until(ExpectedConditions.urlContains("/account/password.xhtml"));
        browser.findElement(By.id("form:current")).sendKeys(oneTime);
        browser.findElement(By.id("form:replacement")).sendKeys(AccessMatrixIT.PASSWORD);
        browser.findElement(By.id("form:confirmation")).sendKeys(AccessMatrixIT.PASSWORD);
        browser.findElement(By.id("form:submit")).click();
        wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/account/password.xhtml")));

        LocalDate to = LocalDate.now(ZoneOffset.UTC);
        LocalDate from = to.minusDays(7);
        String summary = "/reports/summary.xhtml?tenant=demo&from=" + from + "&to=" + to + "&tz=UTC&groupBy=interval&interval=P1D";
        browser.get(d.server().url(summary));
        wait.until(b -> !b.findElements(By.cssSelector("#summary tbody td.fig-label")).isEmpty());
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        assertThat(footer("serviceLevel")).as("English percentages").matches(".*\\d\\.\\d.*");

        // the choice submits its form (page.js; the CSP allows no inline handler) and is the user's from the next page on
        WebElement choice = browser.findElement(By.id("language:choice"));
        new Select(choice).selectByValue("tr");
        wait.until(ExpectedConditions.stalenessOf(choice));
        String afterSwitch = browser.getPageSource();
        browser.get(d.server().url(summary));
        if (!"tr".equals(browser.findElement(By.tagName("html")).getAttribute("lang"))) {
            String src = browser.getPageSource();
            int i = src.indexOf("language:choice");
            throw new AssertionError("not Turkish after the switch; after the post: "
                    + afterSwitch.substring(0, Math.min(600, afterSwitch.length())) + " ... select: "
                    + src.substring(Math.max(0, i - 300), Math.min(src.length(), i + 900)));
        }
        wait.until(b -> !b.findElements(By.cssSelector("#summary tbody td.fig-label")).isEmpty());
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("tr");
        List<String> days = browser.findElements(By.cssSelector("#summary tbody td.fig-label")).stream()
                .map(WebElement::getText).toList();
        assertThat(days).contains(DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(TR).format(from));
        assertThat(footer("serviceLevel")).as("Turkish percentages have a decimal comma").matches(".*\\d,\\d.*");

        browser.get(d.server().url("/account/tokens.xhtml"));
        browser.findElement(By.cssSelector("input[id$=':name']")).sendKeys("locale token");
        browser.findElement(By.cssSelector("button[id$=':create']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("new-token")));
        String created = browser.findElements(By.cssSelector("#list\\:own .ql-time")).get(0).getText();
        assertThat(created).doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}T").doesNotEndWith("Z");
        DateTimeFormatter turkishDay = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(TR);
        assertThat(List.of(to.minusDays(1), to, to.plusDays(1)).stream().map(turkishDay::format))
                .as("the creation time " + created + " is a Turkish date").anyMatch(created::contains);
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("tr");
    }

    private String footer(String figure) {
        return browser.findElement(By.cssSelector("#summary tfoot td.fig-" + figure)).getText();
    }
}
