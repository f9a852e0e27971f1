package io.queuelens.it;

import io.queuelens.it.support.AdminLogin;
import io.queuelens.it.support.EveryPage;
import io.queuelens.it.support.HeadlessChromium;
import io.queuelens.it.support.SharedMariaDbServer;
import io.queuelens.it.support.SharedMariaDbServer.Deployment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The security headers on the deployed server, and every page working under the Content-Security-Policy
 * (no 'unsafe-inline' scripts): headless Chromium opens each page as an administrator and its console
 * must report no CSP violation; PrimeFaces' widgets must have started (their init scripts carry the nonce).
 */
@ExtendWith(SharedMariaDbServer.class)
class SecurityHeadersBrowserIT {

    private ChromeDriver browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void pagesAndApiCarryTheSecurityHeaders(Deployment d) throws Exception {
        HttpResponse<String> login = d.server().get("/login.xhtml");
        assertThat(login.statusCode()).isEqualTo(200);
        String csp = login.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("script-src 'self' 'nonce-").contains("frame-ancestors 'none'").contains("object-src 'none'")
                .contains("base-uri 'self'").contains("form-action 'self'").contains("connect-src 'self'");
        String scriptSrc = csp.substring(csp.indexOf("script-src"));
        assertThat(scriptSrc).doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        String nonce = scriptSrc.replaceAll("(?s).*'nonce-([^']+)'.*", "$1");
        assertThat(login.body()).contains("nonce=\"" + nonce + "\"");
        assertThat(d.server().get("/login.xhtml").headers().firstValue("Content-Security-Policy").orElseThrow())
                .as("a fresh nonce per response").doesNotContain(nonce);
        for (HttpResponse<String> r : List.of(login, d.server().get("/api/v1/sources"), d.server().get("/health/ready"),
                d.server().get("/api/v1/sources", SharedMariaDbServer.API_TOKEN))) {
            assertThat(r.headers().firstValue("X-Content-Type-Options")).as(r.uri().toString()).contains("nosniff");
            assertThat(r.headers().firstValue("Referrer-Policy")).as(r.uri().toString()).contains("same-origin");
            assertThat(r.headers().firstValue("X-Frame-Options")).as(r.uri().toString()).contains("DENY");
            assertThat(r.headers().firstValue("Permissions-Policy")).as(r.uri().toString()).isPresent();
            assertThat(r.headers().firstValue("Strict-Transport-Security")).as("plain HTTP: no HSTS").isEmpty();
            assertThat(r.headers().allValues("Content-Security-Policy")).as(r.uri().toString()).hasSize(1);
        }
        assertThat(d.server().get("/api/v1/sources", SharedMariaDbServer.API_TOKEN).headers()
                .firstValue("Content-Security-Policy").orElseThrow()).startsWith("default-src 'none'");
    }

    @Test
    void everyPageRunsUnderThePolicyWithoutViolations(Deployment d) throws Exception {
        browser = HeadlessChromium.start();
        AdminLogin.logIn(browser, d.server());
        EveryPage.cspViolations(browser); // the login's own lines are checked with the login page below
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String query = "?tenant=demo&from=" + today.minusDays(1) + "&to=" + today.plusDays(1);
        Map<String, List<String>> violations = new LinkedHashMap<>();
        for (String page : EveryPage.paths()) {
            if (page.equals("/login.xhtml")) {
                browser.manage().deleteAllCookies(); // logged out: the login page itself
            }
            EveryPage.open(browser, d.server().url(page + query));
            List<String> found = EveryPage.cspViolations(browser);
            if (!found.isEmpty()) {
                violations.put(page, found);
            }
            Object primeFaces = ((JavascriptExecutor) browser).executeScript(
                    "return !window.PrimeFaces || !!(PrimeFaces.csp && PrimeFaces.csp.NONCE_VALUE)");
            assertThat(primeFaces).as(page + ": PrimeFaces, where the page has it, started with the nonce").isEqualTo(true);
        }
        assertThat(violations).as("CSP violations per page").isEmpty();

        // the handlers that had been inline still work: the language switch (an on* attribute PrimeFaces moved into a nonced script)
        AdminLogin.logIn(browser, d.server());
        EveryPage.open(browser, d.server().url("/index.xhtml"));
        // The choice is stored on the admin, whom later ITs use: it must end as English. Each choice
        // reloads the page, so elements go stale under the wait; it retries until the page shows the language.
        // English is restored in any case (finally): a failure here left the admin Turkish for the next ITs once.
        org.openqa.selenium.support.ui.WebDriverWait reload = HeadlessChromium.waitFor(browser, java.time.Duration.ofSeconds(30));
        try {
            new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("language:choice"))).selectByValue("tr");
            reload.until(b -> "Denetim kaydı".equals(b.findElement(By.id("nav-audit")).getText()));
        } finally {
            reload.until(b -> {
                if ("Audit log".equals(b.findElement(By.id("nav-audit")).getText())) {
                    return true;
                }
                org.openqa.selenium.support.ui.Select choice = new org.openqa.selenium.support.ui.Select(
                        b.findElement(By.id("language:choice")));
                if (!"en".equals(choice.getFirstSelectedOption().getAttribute("value"))) {
                    choice.selectByValue("en");
                }
                return false;
            });
        }
        assertThat(EveryPage.cspViolations(browser)).isEmpty();
    }
}
