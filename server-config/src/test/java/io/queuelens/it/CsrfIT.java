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
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CSRF on the deployed server, with the session cookie of a logged-in administrator taken from Chromium:
 * a cross-origin (or origin-less) POST to the REST API is 403 before any resource runs, a same-origin
 * one and a bearer-token one pass; a page's form post without its view state changes nothing, while the
 * same post with the view state the page rendered does (so the refused one was refused for the token).
 */
@ExtendWith(SharedMariaDbServer.class)
class CsrfIT {

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private ChromeDriver browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void crossSiteRequestsWithTheSessionCookieAreRefused(Deployment d) throws Exception {
        browser = HeadlessChromium.start();
        AdminLogin.logIn(browser, d.server());
        String cookies = browser.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
        String own = d.server().url("");
        // an id no source has: a request that gets through is answered 404 by the resource
        String path = "/api/v1/sources/asterisk/999999/disable?tenant=demo";

        HttpResponse<String> evil = post(d, path, cookies, "https://evil.example", null, null);
        assertThat(evil.statusCode()).as(evil.body()).isEqualTo(403);
        assertThat(evil.body()).contains("cross-site POST refused").contains("https://evil.example");
        assertThat(post(d, path, cookies, null, "https://evil.example/page", null).statusCode()).isEqualTo(403);
        HttpResponse<String> bare = post(d, path, cookies, null, null, null);
        assertThat(bare.statusCode()).as("neither Origin nor Referer").isEqualTo(403);

        assertThat(post(d, path, cookies, own, null, null).statusCode()).as("same origin passes").isEqualTo(404);
        assertThat(post(d, path, cookies, null, own + "/admin/sources.xhtml", null).statusCode()).isEqualTo(404);
        assertThat(post(d, path, null, "https://evil.example", null, SharedMariaDbServer.API_TOKEN).statusCode())
                .as("a bearer token is not a cookie a browser adds on its own").isEqualTo(404);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(d.server().url("/api/v1/sources"))).header("Cookie", cookies)
                .header("Origin", "https://evil.example").GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .as("reading is not a change").isEqualTo(200);

        // a page's form: the wallboard editor's save, sent with and without the view state it rendered
        WebDriverWait wait = HeadlessChromium.waitFor(browser, Duration.ofSeconds(30));
        browser.get(d.server().url("/live/wallboard.xhtml?tenant=demo"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("editor:name")));
        String name = "csrf-" + UUID.randomUUID().toString().substring(0, 8);
        browser.findElement(By.id("editor:name")).clear();
        browser.findElement(By.id("editor:name")).sendKeys(name);
        String form = (String) ((JavascriptExecutor) browser).executeScript(
                "var f = document.getElementById('editor'); var data = new FormData(f);"
                        + "data.append('editor:save', 'save'); return new URLSearchParams(data).toString();");
        String action = (String) ((JavascriptExecutor) browser).executeScript("return document.getElementById('editor').action");
        assertThat(form).contains("jakarta.faces.ViewState=");
        String withoutState = form.replaceAll("jakarta\\.faces\\.ViewState=[^&]*", "jakarta.faces.ViewState=" + UUID.randomUUID());
        String noState = form.replaceAll("&?jakarta\\.faces\\.ViewState=[^&]*", "");
        String boards = "select count(*) from wallboard where name = '" + name + "'";

        formPost(action, cookies, own, withoutState);
        formPost(action, cookies, own, noState);
        assertThat(d.database().count(boards)).as("no board from posts without the view state").isZero();
        formPost(action, cookies, own, form);
        assertThat(d.database().count(boards)).as("the same post with the page's view state saves").isEqualTo(1);
        removeBoards(d, name);
    }

    /** Other ITs on the shared server count the boards: leave none behind. */
    static void removeBoards(Deployment d, String name) throws Exception {
        try (java.sql.Connection c = d.database().connect();
             java.sql.PreparedStatement ps = c.prepareStatement("delete from wallboard where name = ?")) {
            ps.setString(1, name);
            ps.executeUpdate();
        }
    }

    private HttpResponse<String> post(Deployment d, String path, String cookies, String origin, String referer, String token)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(d.server().url(path))).POST(HttpRequest.BodyPublishers.noBody());
        if (cookies != null) {
            b.header("Cookie", cookies);
        }
        if (origin != null) {
            b.header("Origin", origin);
        }
        if (referer != null) {
            b.header("Referer", referer);
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void formPost(String action, String cookies, String origin, String body) throws Exception {
        http.send(HttpRequest.newBuilder(URI.create(action)).header("Cookie", cookies).header("Origin", origin)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
