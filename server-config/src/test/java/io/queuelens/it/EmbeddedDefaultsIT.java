package io.queuelens.it;

import io.queuelens.it.support.FormLogin;
import io.queuelens.it.support.RunningServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a newcomer gets from {@code ./queuelens run}: embedded H2 in the data folder, the demo
 * contact center, the first-login password file, and the first login itself (the forced password change)
 * on H2, which runs last: it deletes the password file.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedDefaultsIT {

    static RunningServer server;

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.start("embedded", Map.of("QUEUELENS_DEMO_BACKFILL_DAYS", "1"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void readyOnH2WithTheDemoSource() throws Exception {
        String ready = server.get("/health/ready").body();
        assertThat(ready).contains("\"status\":\"UP\"").contains("H2").contains("demo/demo");
        assertThat(server.dataDir().resolve("db")).isDirectory();
        assertThat(Files.list(server.dataDir().resolve("db")).map(p -> p.getFileName().toString()))
                .anyMatch(n -> n.startsWith("queuelens") && n.endsWith(".mv.db"));
    }

    @Test
    void firstLoginPasswordIsPrintedAndStoredPrivately() throws Exception {
        var file = server.dataDir().resolve("initial-admin-password");
        assertThat(file).isRegularFile();
        String password = Files.readString(file).strip();
        assertThat(password).hasSizeGreaterThanOrEqualTo(16);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(server.serverLog()).contains("log in as 'admin'").contains(password);
    }

    @Test
    void afterARestartThePagesWorkAsSoonAsReadinessSaysUp() throws Exception {
        server = server.restart();
        assertThat(server.get("/health/ready").body()).contains("\"status\":\"UP\"");
        assertThat(server.get("/login.xhtml").statusCode()).isEqualTo(200);
        assertThat(server.dataDir().resolve("initial-admin-password")).as("the first admin is created once").isRegularFile();
        assertThat(server.serverLog().split("log in as 'admin'", -1)).as("printed at the first start only").hasSize(2);
    }

    @Test
    void loginPageRendersInTheBrowsersLanguage() throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url("/login.xhtml")))
                .header("Accept-Language", "tr-TR,tr;q=0.9").build();
        String body = java.net.http.HttpClient.newHttpClient()
                .send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertThat(body).contains("Giriş yap");
    }

    /**
     * The newcomer's first login on H2: the printed password, the forced change, then the demo's reports. The
     * change ends the user's other sessions, whose first cut-off row H2 once refused (a NULL time MariaDB
     * quietly turned into the current one).
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void theFirstAdminLogsInWithThePrintedPasswordChangesItAndSeesTheDemosReports() throws Exception {
        String printed = Files.readString(server.dataDir().resolve("initial-admin-password")).strip();
        FormLogin admin = FormLogin.firstLogin(server, "admin", printed, "Newcomer-" + printed.substring(0, 8) + "-9x!");
        var summary = admin.get("/reports/summary.xhtml?tenant=demo");
        assertThat(summary.statusCode()).isEqualTo(200);
        assertThat(summary.body()).contains("id=\"summary\"");
        assertThat(server.dataDir().resolve("initial-admin-password")).as("no default password survives the first login")
                .doesNotExist();
        assertThat(server.serverLog()).doesNotContain("sessions_valid_after");
    }
}
