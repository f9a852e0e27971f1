package io.queuelens.it;

import io.queuelens.it.support.HeadlessChromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * live.js in headless Chromium against scripted server messages, without a server or a live model:
 * a page with a card and a table, OmniFaces' socket and the snapshot request replaced by stubs that
 * record what the script asks for. Covers what the server-backed WallboardBrowserIT cannot force:
 * a delta applied field by field, thresholds colouring, a version gap that reloads the whole state,
 * an old delta ignored, values written as text, and the backoff after a lost socket.
 */
class LiveScriptBrowserIT {

    private ChromeDriver browser;

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    private Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    @Test
    void deltasGapsAndReconnects() throws Exception {
        Path script = Path.of(System.getProperty("queuelens.home", "..")).toAbsolutePath().normalize()
                .resolve("web/src/main/webapp/resources/queuelens/live.js");
        Path page = Files.createTempFile("ql-live", ".html");
        Files.writeString(page, """
                <!DOCTYPE html><html><body>
                <script>
                  window.asked = {open: 0, close: 0, fetch: 0};
                  window.OmniFaces = {Push: {open: function () { asked.open++; }, close: function () { asked.close++; }}};
                  window.fulls = [];
                  window.fetch = function () {
                    asked.fetch++;
                    var body = fulls.shift();
                    return Promise.resolve({status: 200, redirected: false,
                      headers: {get: function () { return "application/json"; }},
                      json: function () { return Promise.resolve(body); }});
                  };
                </script>
                <div id="live" data-interval="0" data-snapshot="/live/snapshot?tenant=demo" data-full-loads="0"
                     data-text-live="Live" data-text-reconnecting="Reconnecting">
                  <span id="live-status"></span><span id="live-pbx" hidden="hidden">PBX down</span></div>
                <div id="board"><section class="ql-card" data-group="sales" data-thresholds='{"waiting":[3,6],"serviceLevel":[80,60]}'>
                  <div class="ql-fig" data-fig="waiting" data-unit="count" data-high-bad="true"><dd class="ql-fig-value"></dd></div>
                  <div class="ql-fig" data-fig="longestWait" data-unit="seconds" data-high-bad="true"><dd class="ql-fig-value"></dd></div>
                  <div class="ql-fig" data-fig="serviceLevel" data-unit="percent" data-high-bad="false"><dd class="ql-fig-value"></dd></div>
                </section></div>
                <table class="ql-live-table" id="live-callers" data-section="callers"><thead><tr>
                  <th data-col="queue"></th><th data-col="position"></th><th data-col="number"></th></tr></thead><tbody></tbody></table>
                <script src="%s"></script>
                </body></html>
                """.formatted(script.toUri()));
        browser = HeadlessChromium.start();
        WebDriverWait wait = HeadlessChromium.waitFor(browser, Duration.ofSeconds(10));
        browser.get(page.toUri().toString());

        js("""
                var now = Date.now();
                fulls.push({type: "full", tenant: "demo", version: 5, at: now, now: now, connected: true,
                  queues: {sales: {waiting: 2, longestSince: now - 75000, serviceLevel: 85.0}}, members: {},
                  callers: {"sales|a": {queue: "sales", position: 1, number: "+491", since: now - 75000},
                            "sales|b": {queue: "sales", position: 2, number: "+492", since: now - 5000}}});
                QueueLens.live.opened();""");
        wait.until(ExpectedConditions.attributeToBe(By.id("live"), "data-full-loads", "1"));
        assertThat(text("#live-status")).isEqualTo("Live");
        assertThat(text("[data-fig=waiting] dd")).isEqualTo("2");
        assertThat(browser.findElement(By.cssSelector("[data-fig=waiting]")).getDomAttribute("class")).contains("ql-green");
        assertThat(text("[data-fig=longestWait] dd")).matches("1:1[5-7]");
        assertThat(text("[data-fig=serviceLevel] dd")).isEqualTo("85.0 %");
        assertThat(browser.findElements(By.cssSelector("#live-callers tbody tr"))).hasSize(2);

        // a caller joins (the script writes its number as text, never as HTML) and the service level drops
        js("""
                QueueLens.live.message(JSON.stringify({type: "delta", from: 5, to: 6, at: Date.now(), now: Date.now(),
                  connected: true, queues: {sales: {waiting: 3, serviceLevel: 59.5}},
                  callers: {"sales|c": {queue: "sales", position: 3, number: "<b>+493</b>", since: Date.now()}}}));""");
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-fig=waiting] dd"), "3"));
        assertThat(browser.findElement(By.cssSelector("[data-fig=waiting]")).getDomAttribute("class")).contains("ql-yellow");
        assertThat(browser.findElement(By.cssSelector("[data-fig=serviceLevel]")).getDomAttribute("class")).contains("ql-red");
        assertThat(text("#live-callers tbody tr:nth-child(3) td:nth-child(3)")).isEqualTo("<b>+493</b>");
        assertThat(browser.findElements(By.cssSelector("#live-callers b"))).isEmpty();
        assertThat(browser.findElement(By.id("live")).getDomAttribute("data-version")).isEqualTo("6");

        // an old delta is ignored; one that does not start at our version means we missed one: reload all
        js("QueueLens.live.message(JSON.stringify({type: 'delta', from: 4, to: 5, now: Date.now(), connected: true, queues: {sales: {waiting: 9}}}));");
        assertThat(text("[data-fig=waiting] dd")).isEqualTo("3");
        js("""
                fulls.push({type: "full", tenant: "demo", version: 9, at: Date.now(), now: Date.now(), connected: false,
                  queues: {sales: {waiting: 7, longestSince: Date.now(), serviceLevel: 90}}, members: {}, callers: {}});
                QueueLens.live.message(JSON.stringify({type: "delta", from: 8, to: 9, now: Date.now(), connected: false,
                  queues: {sales: {waiting: 1}}}));""");
        wait.until(ExpectedConditions.attributeToBe(By.id("live"), "data-full-loads", "2"));
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-fig=waiting] dd"), "7"));
        assertThat(browser.findElement(By.cssSelector("[data-fig=waiting]")).getDomAttribute("class")).contains("ql-red");
        assertThat(browser.findElements(By.cssSelector("#live-callers tbody tr"))).isEmpty();
        assertThat(browser.findElement(By.id("live-pbx")).isDisplayed()).isTrue(); // the state says the PBX is gone

        // the socket drops: OmniFaces' own attempt count is reset, then our backoff reopens it
        js("QueueLens.live.failed(1006, 'live', {});");
        assertThat(text("#live-status")).isEqualTo("Reconnecting");
        wait.until(b -> ((Number) js("return asked.close;")).intValue() == 1);
        js("QueueLens.live.closed(1006, 'live', {reason: ''});");
        assertThat(text("#live-status")).startsWith("Reconnecting (");
        wait.until(b -> ((Number) js("return asked.open;")).intValue() == 1);
        js("QueueLens.live.closed(1006, 'live', {reason: ''});"); // failed again: a longer wait
        Thread.sleep(300);
        assertThat(((Number) js("return asked.open;")).intValue()).isEqualTo(1);
        wait.until(b -> ((Number) js("return asked.open;")).intValue() == 2);
        js("""
                fulls.push({type: "full", tenant: "demo", version: 12, at: Date.now(), now: Date.now(), connected: true,
                  queues: {sales: {waiting: 0, longestSince: null, serviceLevel: null}}, members: {}, callers: {}});
                QueueLens.live.opened();""");
        wait.until(ExpectedConditions.attributeToBe(By.id("live"), "data-full-loads", "3"));
        assertThat(text("#live-status")).isEqualTo("Live");
        assertThat(text("[data-fig=serviceLevel] dd")).isEqualTo("—");
        assertThat(text("[data-fig=longestWait] dd")).isEqualTo("0:00");
        assertThat(browser.findElement(By.id("live-pbx")).isDisplayed()).isFalse();
    }

    @Test
    void draggingACardOntoAnotherWritesTheNewOrderForSave() throws Exception {
        Path script = Path.of(System.getProperty("queuelens.home", "..")).toAbsolutePath().normalize()
                .resolve("web/src/main/webapp/resources/queuelens/live.js");
        Path page = Files.createTempFile("ql-live-dnd", ".html");
        Files.writeString(page, """
                <!DOCTYPE html><html><body>
                <script>window.OmniFaces = {Push: {open: function () { }, close: function () { }}};
                  window.fetch = function () { return new Promise(function () { }); };</script>
                <div id="live" data-interval="1000" data-snapshot="/x" data-full-loads="0"><span id="live-status"></span>
                  <span id="live-pbx" hidden="hidden"></span></div>
                <div id="board" data-tv="false">
                  <section class="ql-card" id="c0" data-index="0" draggable="true">A</section>
                  <section class="ql-card" id="c1" data-index="1" draggable="true">B</section>
                  <section class="ql-card" id="c2" data-index="2" draggable="true">C</section>
                </div>
                <form id="editor"><input type="hidden" id="editor:order" value=""/></form>
                <script src="%s"></script>
                </body></html>
                """.formatted(script.toUri()));
        browser = HeadlessChromium.start();
        browser.get(page.toUri().toString());
        js("QueueLens.live.opened();"); // sets the page up (drag and drop included)
        js("""
                function drag(from, to) {
                  var dt = new DataTransfer();
                  document.getElementById(from).dispatchEvent(new DragEvent("dragstart", {bubbles: true, dataTransfer: dt}));
                  var target = document.getElementById(to);
                  target.dispatchEvent(new DragEvent("dragover", {bubbles: true, cancelable: true, dataTransfer: dt}));
                  target.dispatchEvent(new DragEvent("drop", {bubbles: true, cancelable: true, dataTransfer: dt}));
                  document.getElementById(from).dispatchEvent(new DragEvent("dragend", {bubbles: true, dataTransfer: dt}));
                }
                drag("c0", "c2");""");
        assertThat(browser.findElement(By.id("editor:order")).getDomProperty("value")).isEqualTo("1,2,0");
        assertThat(browser.findElements(By.cssSelector("#board .ql-card")).stream().map(e -> e.getText()).toList())
                .containsExactly("B", "C", "A");
        js("""
                var dt = new DataTransfer();
                document.getElementById("c2").dispatchEvent(new DragEvent("dragstart", {bubbles: true, dataTransfer: dt}));
                document.getElementById("c1").dispatchEvent(new DragEvent("drop", {bubbles: true, cancelable: true, dataTransfer: dt}));""");
        assertThat(browser.findElement(By.id("editor:order")).getDomProperty("value")).isEqualTo("2,1,0");
    }
}
