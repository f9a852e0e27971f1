package io.queuelens.it;

import io.queuelens.it.support.FormClient;
import io.queuelens.it.support.RunningServer;
import io.queuelens.it.support.ThrowawayMariaDb;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.queuelens.vault.control.KeyFile;
import io.queuelens.vault.control.SecretCipher;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The account's credentials on one server over MariaDB: per-user API tokens (created, used, revoked,
 * stored only as a digest, dead with a disabled user); "logout everywhere" and a password change
 * ending the user's other sessions; the opt-in remember-me cookie; {@code ./queuelens rotate-key}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccountSecurityIT {

    private static final String INITIAL = "Initial-Account-Pass-3";
    static final String PASSWORD = "Account-Chosen-Pass-44";
    private static final String SERVER_TOKEN = "account-it-server-token-42";
    private static ThrowawayMariaDb db;
    private static RunningServer server;

    @BeforeAll
    static void start() throws Exception {
        db = ThrowawayMariaDb.create("account");
        server = RunningServer.start("account-security", Map.of(
                "QUEUELENS_DB_URL", db.queuelensUrl(),
                "QUEUELENS_DB_USER", ThrowawayMariaDb.USER,
                "QUEUELENS_DEMO_BACKFILL_DAYS", "0",
                "QUEUELENS_ADMIN_PASSWORD", INITIAL,
                "QUEUELENS_API_TOKEN", SERVER_TOKEN));
        FormClient first = new FormClient(server);
        assertThat(FormClient.location(first.logIn("admin", INITIAL))).endsWith("/account/password.xhtml");
        assertThat(first.changePassword(INITIAL, PASSWORD).statusCode()).isEqualTo(302);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (db != null) {
            db.close();
        }
    }

    static FormClient loggedIn() throws Exception {
        FormClient c = new FormClient(server);
        HttpResponse<String> r = c.logIn("admin", PASSWORD);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        return c;
    }

    @Test
    @Order(1)
    void aTokenWorksAsItsUserUntilRevokedAndOnlyItsDigestIsStored() throws Exception {
        FormClient browser = loggedIn();
        HttpResponse<String> created = browser.send("/api/v1/tokens", "POST", "{\"name\":\"ci script\",\"expiresInDays\":30}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonObject token = json(created.body()).asJsonObject();
        String secret = token.getString("token");
        assertThat(secret).startsWith("qlt_").hasSizeGreaterThan(40);
        assertThat(token.getString("prefix")).isEqualTo(secret.substring(0, 10));
        assertThat(token.getString("user")).isEqualTo("admin");

        assertThat(server.get("/api/v1/sources", secret).statusCode()).as("the token acts as admin").isEqualTo(200);
        HttpResponse<String> listed = server.get("/api/v1/tokens", secret);
        assertThat(listed.statusCode()).isEqualTo(200);
        JsonArray list = json(listed.body()).asJsonArray();
        assertThat(list).hasSize(1);
        assertThat(listed.body()).doesNotContain(secret);
        assertThat(list.getJsonObject(0).getString("lastUsedAt", null)).as("the use was noted").isNotNull();

        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select token_hash, prefix from api_token")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).hasSize(64).isNotEqualTo(secret).doesNotContain(secret.substring(4));
        }

        // Bad input: a clear 400 naming the field.
        HttpResponse<String> bad = browser.send("/api/v1/tokens", "POST", "{\"name\":\" \"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"parameter\":\"name\"");
        assertThat(browser.send("/api/v1/tokens", "POST", "{\"name\":\"x\",\"expiresAt\":\"yesterday\"}").statusCode()).isEqualTo(400);

        long id = token.getJsonNumber("id").longValue();
        assertThat(browser.send("/api/v1/tokens/" + (id + 1000), "DELETE", null).statusCode()).isEqualTo(404);
        assertThat(browser.send("/api/v1/tokens/" + id, "DELETE", null).statusCode()).isEqualTo(204);
        assertThat(server.get("/api/v1/sources", secret).statusCode()).as("revoked").isEqualTo(401);
    }

    @Test
    @Order(2)
    void theTokensPageShowsANewTokenOnceAndADisabledUsersTokensStopWorking() throws Exception {
        FormClient browser = loggedIn();
        HttpResponse<String> page = browser.submit("/account/tokens.xhtml", "tokens", Map.of("tokens:name", "page token",
                "tokens:expiresInDays", ""), "tokens:create");
        assertThat(page.statusCode()).isEqualTo(200);
        String secret = page.body().replaceAll("(?s).*<code id=\"new-token\">([^<]+)</code>.*", "$1");
        assertThat(secret).startsWith("qlt_");
        assertThat(server.get("/api/v1/sources", secret).statusCode()).isEqualTo(200);

        HttpResponse<String> again = browser.get("/account/tokens.xhtml");
        assertThat(again.body()).contains("page token").contains(secret.substring(0, 10)).doesNotContain(secret);

        HttpResponse<String> badDays = browser.submit("/account/tokens.xhtml", "tokens", Map.of("tokens:name", "x",
                "tokens:expiresInDays", "0"), "tokens:create");
        assertThat(badDays.body()).contains("Enter a number of days from 1 to 3650.");

        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("update app_user set enabled = false where username = 'admin'");
            assertThat(server.get("/api/v1/sources", secret).statusCode()).as("a disabled user's token").isEqualTo(401);
            s.executeUpdate("update app_user set enabled = true where username = 'admin'");
        }
        assertThat(server.get("/api/v1/sources", secret).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(3)
    void logoutEverywhereEndsTheOtherClientsSession() throws Exception {
        FormClient a = loggedIn();
        FormClient b = loggedIn();
        assertThat(b.get("/").statusCode()).isEqualTo(200);
        assertThat(b.get("/api/v1/tokens").statusCode()).isEqualTo(200);

        HttpResponse<String> out = a.post("/logout-everywhere", Map.of());
        assertThat(out.statusCode()).isEqualTo(302);
        assertThat(FormClient.location(out)).endsWith("/login.xhtml");
        assertThat(db.count("select count(*) from user_session_cutoff")).as("the cut-off is stored").isEqualTo(1);

        HttpResponse<String> next = b.get("/");
        assertThat(next.statusCode()).as("the other client's next page").isEqualTo(302);
        assertThat(FormClient.location(next)).endsWith("/login.xhtml");
        assertThat(b.get("/api/v1/tokens").statusCode()).isEqualTo(401);
        assertThat(FormClient.location(a.get("/"))).as("and this one").endsWith("/login.xhtml");

        FormClient again = loggedIn();
        assertThat(again.get("/").statusCode()).as("a login after it works").isEqualTo(200);
    }

    @Test
    @Order(4)
    void aPasswordChangeEndsTheOtherSessionsButNotTheOneThatChangedIt() throws Exception {
        FormClient changer = loggedIn();
        FormClient other = loggedIn();
        String interim = "Interim-Account-Pass-55";
        assertThat(changer.changePassword(PASSWORD, interim).statusCode()).isEqualTo(302);
        assertThat(changer.get("/").statusCode()).as("the changer stays logged in").isEqualTo(200);
        assertThat(FormClient.location(other.get("/"))).as("the other session is over").endsWith("/login.xhtml");
        assertThat(changer.changePassword(interim, PASSWORD).statusCode()).isEqualTo(302);
    }

    @Test
    @Order(5)
    void rememberMeKeepsTheBrowserLoggedInOnlyWhenAskedAndAReusedCookieRevokesIt() throws Exception {
        FormClient without = new FormClient(server);
        assertThat(without.logIn("admin", PASSWORD).statusCode()).isEqualTo(302);
        assertThat(without.cookie("QL_REMEMBER")).isEmpty();
        without.dropCookie("JSESSIONID");
        assertThat(FormClient.location(without.get("/"))).as("without the box").endsWith("/login.xhtml");

        FormClient with = new FormClient(server);
        HttpResponse<String> login = with.logIn("admin", PASSWORD, Map.of("login:remember", "on"));
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(h -> assertThat(h)
                .startsWith("QL_REMEMBER=").contains("HttpOnly").contains("SameSite=Lax").contains("Max-Age=1209600")
                .doesNotContain("Secure"));
        String first = with.cookie("QL_REMEMBER").orElseThrow().getValue();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select validator_hash from remember_me_token")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).hasSize(64).isNotEqualTo(first.substring(first.indexOf(':') + 1));
        }

        with.dropCookie("JSESSIONID");
        assertThat(with.get("/").statusCode()).as("the browser was closed and opened again").isEqualTo(200);
        String second = with.cookie("QL_REMEMBER").orElseThrow().getValue();
        assertThat(second).as("rotated at use").isNotEqualTo(first);
        with.dropCookie("JSESSIONID");
        assertThat(with.get("/").statusCode()).isEqualTo(200);

        // A copy of the first cookie, used after the owner used it: the theft shows and revokes it all.
        FormClient thief = new FormClient(server);
        thief.putCookie("QL_REMEMBER", first);
        assertThat(FormClient.location(thief.get("/"))).endsWith("/login.xhtml");
        with.dropCookie("JSESSIONID");
        assertThat(FormClient.location(with.get("/"))).as("the owner's cookie is revoked too").endsWith("/login.xhtml");
        assertThat(db.count("select count(*) from remember_me_token")).isZero();

        // Logout deletes this browser's remember-me login.
        FormClient again = new FormClient(server);
        again.logIn("admin", PASSWORD, Map.of("login:remember", "on"));
        assertThat(db.count("select count(*) from remember_me_token")).isEqualTo(1);
        again.post("/logout", Map.of());
        assertThat(db.count("select count(*) from remember_me_token")).isZero();
    }

    @Test
    @Order(6)
    void rotateKeyReencryptsTheStoredSecretsUnderANewKeyAndRetiresTheOldOne() throws Exception {
        Path keyFile = server.dataDir().resolve("vault.key");
        SecretCipher before = KeyFile.openOrCreate(keyFile);
        assertThat(before.keyIds()).containsExactly("k1");
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("insert into asterisk_source (tenant_id, name, display_name, enabled, queue_log_mode, db_password,"
                    + " ami_secret, created_at, updated_at) values ('demo', 'rot1', 'Rotation', false, 'TABLE', '"
                    + before.encrypt("Db-Secret-rot") + "', '" + before.encrypt("Ami-Secret-rot") + "', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int port = URI.create(server.url("/")).getPort();
        int code = io.queuelens.cli.Main.run(new String[]{"rotate-key"}, Map.of("QUEUELENS_API_TOKEN", SERVER_TOKEN,
                "QUEUELENS_PORT", Integer.toString(port)), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Vault key rotated: new key k2, 2 secret(s) re-encrypted, retired [k1]")
                .contains("asterisk_source.db_password: 1").contains("asterisk_source.ami_secret: 1");

        SecretCipher after = KeyFile.openOrCreate(keyFile);
        assertThat(after.keyIds()).containsExactly("k2");
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select db_password, ami_secret from asterisk_source where name = 'rot1'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).startsWith("v1:k2:").doesNotContain("Db-Secret");
            assertThat(rs.getString(2)).startsWith("v1:k2:").doesNotContain("Ami-Secret");
            assertThat(after.decrypt(rs.getString(1))).isEqualTo("Db-Secret-rot");
            assertThat(after.decrypt(rs.getString(2))).isEqualTo("Ami-Secret-rot");
        }
        // An unknown token is refused with one sentence and exit code 2.
        assertThat(io.queuelens.cli.Main.run(new String[]{"rotate-key"}, Map.of("QUEUELENS_API_TOKEN", "qlt_not-a-token",
                "QUEUELENS_PORT", Integer.toString(port)), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(2);
    }

    static jakarta.json.JsonValue json(String body) {
        return Json.createReader(new StringReader(body)).readValue();
    }
}
