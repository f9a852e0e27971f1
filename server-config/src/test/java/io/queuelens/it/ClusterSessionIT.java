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
 * Issue 9's sessions: two cluster members (real Payara Micro servers, one data grid, one MariaDB) and a
 * client that a load balancer moves between them, keeping its session cookie. Its login and its pages'
 * view state made on one member work on the other; a logout on one ends the session on both; after
 * SIGKILL of the member that logged it in, the other still serves it.
 */
class ClusterSessionIT {

    private static final String ADMIN_PAGE = "/admin/users.xhtml";

    @Test
    void aSessionSurvivesMovesBetweenMembersAndTheDeathOfItsFirst() throws Exception {
        try (ClusterOfServers cluster = ClusterOfServers.start("cluster-session", 2, Map.of("QUEUELENS_DEMO_ENABLED", "false"))) {
            RunningServer a = cluster.server(0);
            RunningServer b = cluster.server(1);
            // the first member seeded the empty database and printed the administrator's first password
            String initial = Files.readString(a.dataDir().resolve("initial-admin-password")).strip();
            FormLogin onA = FormLogin.firstLogin(a, AdminLogin.USER, initial, AdminLogin.PASSWORD);
            assertLoggedInAsAdmin(onA.get(ADMIN_PAGE), "on the member that logged in");

            FormLogin onB = onA.via(b);
            assertLoggedInAsAdmin(onB.get(ADMIN_PAGE), "on the other member, with the same session cookie");

            // a view rendered on one member is posted back on the other: its state travelled with the session
            FormLogin second = FormLogin.anonymous(b);
            HttpResponse<String> login = second.submitLoginRenderedBy(second.via(a), AdminLogin.USER, AdminLogin.PASSWORD);
            assertThat(login.statusCode()).as("login form rendered by A, posted to B: " + login.body()).isEqualTo(302);
            assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("/login.xhtml");
            assertLoggedInAsAdmin(second.via(a).get(ADMIN_PAGE), "the session logged in on B, on A");

            // a logout on one member ends the session everywhere
            HttpResponse<String> logout = second.via(a).post("/logout", Map.of());
            assertThat(logout.statusCode()).isIn(302, 303);
            assertRedirectedToLogin(second.get(ADMIN_PAGE), "after the logout on A, on B");
            assertRedirectedToLogin(second.via(a).get(ADMIN_PAGE), "after the logout on A, on A");
            assertLoggedInAsAdmin(onB.get(ADMIN_PAGE), "another session of the same user is not logged out");

            cluster.kill(0);
            assertLoggedInAsAdmin(onB.get(ADMIN_PAGE), "after SIGKILL of the member that logged it in");
        }
    }

    private static void assertLoggedInAsAdmin(HttpResponse<String> page, String where) {
        assertThat(page.statusCode()).as(where + ": " + page.headers().map()).isEqualTo(200);
        assertThat(page.body()).as(where).contains("id=\"caller\">" + AdminLogin.USER + "<");
    }

    private static void assertRedirectedToLogin(HttpResponse<String> page, String where) {
        assertThat(page.statusCode()).as(where).isIn(302, 303);
        assertThat(page.headers().firstValue("Location").orElse("")).as(where).contains("/login.xhtml");
    }
}
