package io.queuelens.it;

import io.queuelens.it.support.AdminLogin;
import io.queuelens.it.support.ClusterOfServers;
import io.queuelens.it.support.FormLogin;
import io.queuelens.it.support.RunningServer;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9's sessions, as docs/CLUSTER.md sets them up: sticky sessions at the load balancer, no session
 * replication (Payara's replication of a distributable app lost JSF view state and PrimeFaces' CSP nonces
 * in our runs). Two cluster members (real Payara Micro servers, one data grid, one MariaDB) and a client
 * that the balancer moves from one to the other with its cookies: a browser that ticked "remember me" is
 * logged in again on the other member without a password, also after SIGKILL of the first; one that did
 * not is sent to the login page (its session lived on the first member only).
 */
class ClusterSessionIT {

    private static final String ADMIN_PAGE = "/admin/users.xhtml";

    @Test
    void aRememberedBrowserMovedToAnotherMemberStaysLoggedInAfterTheFirstDies() throws Exception {
        try (ClusterOfServers cluster = ClusterOfServers.start("cluster-session", 2, Map.of("QUEUELENS_DEMO_ENABLED", "false"))) {
            RunningServer a = cluster.server(0);
            RunningServer b = cluster.server(1);
            // the first member seeded the empty database and printed the administrator's first password
            String initial = Files.readString(a.dataDir().resolve("initial-admin-password")).strip();
            FormLogin.firstLogin(a, AdminLogin.USER, initial, AdminLogin.PASSWORD);

            FormLogin plain = FormLogin.logIn(a, AdminLogin.USER, AdminLogin.PASSWORD);
            FormLogin remembered = FormLogin.logInRemembered(a, AdminLogin.USER, AdminLogin.PASSWORD);
            assertLoggedInAsAdmin(plain.get(ADMIN_PAGE), "on the member that logged in");
            assertLoggedInAsAdmin(remembered.get(ADMIN_PAGE), "on the member that logged in, remembered");

            HttpResponse<String> moved = plain.via(b).get(ADMIN_PAGE);
            assertThat(moved.statusCode()).as("a session of A on B, not remembered").isIn(302, 303);
            assertThat(moved.headers().firstValue("Location").orElse("")).contains("/login.xhtml");

            assertLoggedInAsAdmin(remembered.via(b).get(ADMIN_PAGE), "moved to B, logged in again by the remember-me cookie");
            cluster.kill(0);
            assertLoggedInAsAdmin(remembered.via(b).get(ADMIN_PAGE), "on B after SIGKILL of A");
        }
    }

    private static void assertLoggedInAsAdmin(HttpResponse<String> page, String where) {
        assertThat(page.statusCode()).as(where + ": " + page.headers().map()).isEqualTo(200);
        assertThat(page.body()).as(where).contains("id=\"caller\">" + AdminLogin.USER + "<");
    }
}
