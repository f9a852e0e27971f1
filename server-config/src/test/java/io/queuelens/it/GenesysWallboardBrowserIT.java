package io.queuelens.it;

import io.queuelens.it.support.AdminLogin;
import io.queuelens.it.support.HeadlessChromium;
import io.queuelens.it.support.SharedMariaDbServer;
import io.queuelens.it.support.SharedMariaDbServer.Deployment;
import io.queuelens.sources.genesys.control.GenesysNotificationStandIn;
import io.queuelens.sources.genesys.control.GenesysStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wallboard of a Genesys tenant in headless Chromium: its cards are titled with the queue names of the
 * org's queue list ("Sales", not the queue's Genesys id), and a card's waiting count follows the
 * conversation notifications the org's socket carries: up when a caller queues, down when an agent answers.
 */
@ExtendWith(SharedMariaDbServer.class)
class GenesysWallboardBrowserIT {

    private ChromeDriver browser;

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aCardNamedAfterTheGenesysQueueCountsTheCallerANotificationQueuesAndAnswers(Deployment d) throws Exception {
        GenesysOrgFixture f = new GenesysOrgFixture(d, "genboard");
        // Genesys queue ids are UUIDs: the names are what people know
        String sales = "5d1e7c2a-0b6f-4c4e-9a51-" + f.suffix + "0001";
        String support = "5d1e7c2a-0b6f-4c4e-9a51-" + f.suffix + "0002";
        try (GenesysNotificationStandIn ws = new GenesysNotificationStandIn(1000);
             GenesysStandIn org = new GenesysStandIn("it-client", GenesysSourceIT.SECRET)) {
            org.notifications(ws).queue(sales, "Sales", "u1", "u2").queue(support, "Support", "u2");
            f.createOrg(org);
            try {
                GenesysOrgFixture.await("the org's channel to be open and resynced", Duration.ofSeconds(90), f::connected, f::source);
                // the queue list's names are learned display names of the tenant
                GenesysOrgFixture.await("the queue names in the live snapshot", Duration.ofSeconds(30),
                        () -> "Sales".equals(displayName(f, sales)) && "Support".equals(displayName(f, support)), f::live);
                assertThat(d.database().count("select count(*) from display_name where tenant_id = '" + f.tenant
                        + "' and kind = 'QUEUE' and origin = 'LEARNED' and name_key = '" + sales + "' and display_name = 'Sales'"))
                        .isEqualTo(1);

                browser = HeadlessChromium.start();
                AdminLogin.logIn(browser, d.server());
                browser.get(d.server().url("/live/wallboard.xhtml?tenant=" + f.tenant));
                WebDriverWait wait = HeadlessChromium.waitFor(browser, Duration.ofSeconds(60));
                wait.until(ExpectedConditions.attributeToBe(By.id("live"), "data-state", "live"));

                WebElement salesCard = card(sales);
                assertThat(salesCard.findElement(By.cssSelector(".ql-card-title")).getText()).isEqualTo("Sales");
                assertThat(card(support).findElement(By.cssSelector(".ql-card-title")).getText()).isEqualTo("Support");
                assertThat(browser.findElement(By.id("board")).getText()).doesNotContain(sales);
                wait.until(b -> waiting(sales).equals("0"));

                // a caller queues in Sales: the notification reaches the card within seconds
                String conversation = "board-" + f.suffix;
                Instant since = Instant.now();
                ws.publish("v2.routing.queues." + sales + ".conversations",
                        GenesysSourceIT.waitingConversation(conversation, sales, since));
                WebDriverWait seconds = HeadlessChromium.waitFor(browser, Duration.ofSeconds(10));
                seconds.until(b -> waiting(sales).equals("1"));
                assertThat(waiting(support)).isEqualTo("0");
                screenshot("target/it/genesys-wallboard-waiting.png");

                // an agent answers (the acd leg ends, the agent's is connected): waiting goes back down
                ws.publish("v2.routing.queues." + sales + ".conversations",
                        GenesysOrgFixture.answeredConversation(conversation, sales, since, "u1", Instant.now()));
                seconds.until(b -> waiting(sales).equals("0"));
                assertThat(f.member("u1").getString("state")).isEqualTo("ON_CALL");
            } finally {
                f.deleteOrg();
            }
        }
    }

    private static String displayName(GenesysOrgFixture f, String queue) throws Exception {
        var names = f.live().getJsonObject("displayNames");
        return names == null || !names.getJsonObject("queues").containsKey(queue) ? null
                : names.getJsonObject("queues").getString(queue);
    }

    private WebElement card(String queue) {
        List<WebElement> cards = browser.findElements(By.cssSelector("#board .ql-card[data-group='" + queue + "']"));
        assertThat(cards).as("a card of queue " + queue).hasSize(1);
        return cards.get(0);
    }

    private String waiting(String queue) {
        return card(queue).findElement(By.cssSelector("[data-fig=waiting] .ql-fig-value")).getText();
    }

    private void screenshot(String file) throws Exception {
        Path shot = Path.of(file);
        Files.createDirectories(shot.getParent());
        Files.write(shot, browser.getScreenshotAs(OutputType.BYTES));
    }
}
