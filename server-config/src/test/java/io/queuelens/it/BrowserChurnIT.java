package io.queuelens.it;

import io.queuelens.it.support.AdminLogin;
import io.queuelens.it.support.EveryPage;
import io.queuelens.it.support.HeadlessChromium;
import io.queuelens.it.support.SharedMariaDbServer;
import io.queuelens.it.support.SharedMariaDbServer.Deployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.chrome.ChromeDriver;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser leaving every page before or just after it loaded, twice over, as an impatient user does: the server's
 * container stays sound. Each page opens the layout's alerts socket; when its view ended as the page was left,
 * OmniFaces closed that socket from another request's thread while the browser was closing it too, and Payara
 * Micro recycled the socket's request and response under a running request: about one page in ten logged
 * {@code AS-WEB-CORE-00037} (a NullPointerException at the end of a request, URL decoding without a URI) and
 * other users' requests failed with 500s. The alerts socket is session-scoped since.
 *
 * <p>The two live pages keep a view-scoped socket (each page has its own audience): OmniFaces' close of an ended
 * view's sockets comes a few seconds late since ({@code web.live.LateSocketClose}), after the browser's own; the
 * second test walks them (6 such errors in 150 pages before, 0 after).
 */
@ExtendWith(SharedMariaDbServer.class)
class BrowserChurnIT {

    /** Rounds of the live walk (six pages each); -Dchurn.liveRounds=25 for a longer look. */
    private static final int LIVE_ROUNDS = Integer.getInteger("churn.liveRounds", 12);
    private static final List<String> CONTAINER_ERRORS =
            List.of("AS-WEB-CORE-00037", "GRIZZLY0013", "WELD-000714", "committed response");

    @Test
    void leavingPagesAsTheyLoadBreaksNoRequestOfTheServer(Deployment d) throws Exception {
        walk(d, EveryPage.paths().stream().filter(p -> !p.equals("/login.xhtml")).toList(), 2);
    }

    /**
     * The live pages, whose socket is view-scoped (each page has its own audience): left as they load, in turns with
     * a report page, as a supervisor switching between the wallboard, the tables and a report does.
     */
    @Test
    void leavingLivePagesAsTheyLoadBreaksNoRequestOfTheServer(Deployment d) throws Exception {
        walk(d, List.of("/live/wallboard.xhtml", "/live/tables.xhtml", "/reports/summary.xhtml",
                "/live/tables.xhtml", "/live/wallboard.xhtml", "/index.xhtml"), LIVE_ROUNDS);
    }

    /** Opens the pages in turn, {@code rounds} times, every third one until it loaded; then no container error is logged. */
    private static void walk(Deployment d, List<String> pages, int rounds) throws Exception {
        long before = containerErrors(d);
        ChromeDriver browser = HeadlessChromium.start();
        try {
            AdminLogin.logIn(browser, d.server());
            LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(1);
            String range = "tenant=demo&from=" + day + "&to=" + day.plusDays(1) + "&tz=UTC";
            int opened = 0;
            for (int round = 0; round < rounds; round++) {
                for (String page : pages) {
                    String url = d.server().url(page + "?" + range);
                    if (++opened % 3 == 0) {
                        EveryPage.open(browser, url); // loaded, scripts run, the socket open
                    } else {
                        browser.get(url); // left at once for the next one
                    }
                }
            }
        } finally {
            browser.quit();
        }
        assertThat(containerErrors(d) - before).as("container errors in the server log (" + SharedMariaDbServer.class
                .getSimpleName() + "'s server.log)").isZero();
    }

    private static long containerErrors(Deployment d) throws Exception {
        return d.server().serverLog().lines().filter(l -> CONTAINER_ERRORS.stream().anyMatch(l::contains)).count();
    }
}
