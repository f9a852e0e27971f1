package io.queuelens.it;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.queuelens.it.support.FormLogin;
import io.queuelens.it.support.SharedMariaDbServer;
import io.queuelens.it.support.SharedMariaDbServer.Deployment;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mail on the deployed server (MariaDB) against real SMTP servers (GreenMail in this JVM): settings saved
 * over REST and their test mail received; a mail whose server is down is retried with its error in the
 * log and goes out once the server is up; a wrong password is named as AUTH by the test and fails a
 * mail at once, which the resend button sends after the password is fixed; the password is stored
 * encrypted, never in plain text, and never handed back. Each test uses its own tenant and ports.
 */
@ExtendWith(SharedMariaDbServer.class)
class MailIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void settingsSavedOverRestSendTheTestMailAndBadFieldsAreNamed(Deployment d) throws Exception {
        String tenant = newTenant(d);
        int port = freePort();
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", "smtp"));
        smtp.start();
        try {
            HttpResponse<String> saved = call(d, "PUT", "/api/v1/mail/settings?tenant=" + tenant, settings(port, "NONE", null, null));
            assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
            JsonObject s = json(saved.body()).asJsonObject();
            assertThat(s.getString("host")).isEqualTo("127.0.0.1");
            assertThat(s.getInt("port")).isEqualTo(port);
            assertThat(s.getBoolean("passwordSet")).isFalse();

            JsonObject got = json(call(d, "GET", "/api/v1/mail/settings?tenant=" + tenant, null).body()).asJsonObject();
            assertThat(got.getString("effectiveScope")).isEqualTo(tenant);
            assertThat(got.getJsonObject("settings").getString("fromAddress")).isEqualTo("queuelens@example.com");

            String to = "boss-" + tenant + "@example.com";
            HttpResponse<String> tested = call(d, "POST", "/api/v1/mail/settings/test?tenant=" + tenant + "&to=" + to,
                    settings(port, "NONE", null, null));
            assertThat(tested.statusCode()).as(tested.body()).isEqualTo(200);
            assertThat(json(tested.body()).asJsonObject().getBoolean("ok")).as(tested.body()).isTrue();
            assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
            MimeMessage received = smtp.getReceivedMessages()[0];
            assertThat(received.getSubject()).isEqualTo("QueueLens test mail");
            assertThat(received.getAllRecipients()[0].toString()).isEqualTo(to);
            assertThat(received.getFrom()[0].toString()).contains("queuelens@example.com");

            HttpResponse<String> bad = call(d, "PUT", "/api/v1/mail/settings?tenant=" + tenant, "{\"host\": \"smtp example\","
                    + " \"port\": 70000, \"security\": \"SOMETIMES\", \"fromAddress\": \"nobody\"}");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(json(bad.body()).asJsonObject().getJsonArray("problems").stream()
                    .map(p -> p.asJsonObject().getString("parameter")).toList())
                    .contains("host", "port", "security", "fromAddress");
            assertThat(json(call(d, "GET", "/api/v1/mail/settings?tenant=" + tenant, null).body()).asJsonObject()
                    .getJsonObject("settings").getInt("port")).as("nothing stored by a refused change").isEqualTo(port);

            assertThat(call(d, "DELETE", "/api/v1/mail/settings?tenant=" + tenant, null).statusCode()).isEqualTo(204);
            assertThat(call(d, "DELETE", "/api/v1/mail/settings?tenant=" + tenant, null).statusCode()).isEqualTo(404);
        } finally {
            smtp.stop();
        }
    }

    @Test
    void aMailWhileTheServerIsDownIsRetriedWithItsErrorAndGoesOutOnceItIsUp(Deployment d) throws Exception {
        String tenant = newTenant(d);
        int port = freePort(); // nothing listens here yet
        assertThat(call(d, "PUT", "/api/v1/mail/settings?tenant=" + tenant, settings(port, "NONE", null, null)).statusCode())
                .isEqualTo(200);
        String to = "ops-" + tenant + "@example.com";
        HttpResponse<String> queued = call(d, "POST", "/api/v1/mail/deliveries/test?tenant=" + tenant + "&to=" + to, null);
        assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
        long id = json(queued.body()).asJsonObject().getJsonNumber("id").longValue();

        JsonObject retrying = awaitDelivery(d, tenant, id, r -> r.getString("status").equals("RETRYING") && r.getInt("attempts") >= 2);
        assertThat(retrying.getString("lastError")).startsWith("CONNECT: ");
        assertThat(retrying.getString("nextAttemptAt")).isNotEmpty();

        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", "smtp"));
        smtp.start();
        try {
            JsonObject sent = awaitDelivery(d, tenant, id, r -> r.getString("status").equals("SENT"));
            assertThat(sent.getInt("attempts")).isGreaterThanOrEqualTo(3);
            assertThat(sent.getString("sentAt")).isNotEmpty();
            assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
            assertThat(smtp.getReceivedMessages()).hasSize(1);
            assertThat(smtp.getReceivedMessages()[0].getHeader("X-QueueLens-Delivery")).containsExactly(String.valueOf(id));
            Thread.sleep(5000);
            assertThat(smtp.getReceivedMessages()).as("sent once, not again").hasSize(1);
            String metrics = d.server().get("/metrics?scope=application").body();
            assertThat(metrics).contains("queuelens_mail_outbox").contains("status=\"RETRYING\"").contains("status=\"SENT\"");
        } finally {
            smtp.stop();
        }
    }

    @Test
    void aWrongPasswordIsNamedAsAuthFailsAMailAtOnceAndIsStoredOnlyEncrypted(Deployment d) throws Exception {
        String tenant = newTenant(d);
        int port = freePort();
        String right = "Right-" + UUID.randomUUID();
        String wrong = "Wrong-" + UUID.randomUUID();
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", "smtp"))
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("ql@example.com", "ql-user", right));
        smtp.start();
        try {
            HttpResponse<String> saved = call(d, "PUT", "/api/v1/mail/settings?tenant=" + tenant, settings(port, "NONE", "ql-user", wrong));
            assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
            assertThat(saved.body()).doesNotContain(wrong);
            assertThat(json(saved.body()).asJsonObject().getBoolean("passwordSet")).isTrue();

            // the test with an empty password field uses the stored (wrong) one and names the login
            HttpResponse<String> tested = call(d, "POST", "/api/v1/mail/settings/test?tenant=" + tenant + "&to=a@example.com",
                    settings(port, "NONE", "ql-user", ""));
            JsonObject result = json(tested.body()).asJsonObject();
            assertThat(result.getBoolean("ok")).isFalse();
            assertThat(result.getString("failedStage")).as(tested.body()).isEqualTo("AUTH");
            assertThat(result.getJsonArray("steps").getJsonObject(result.getJsonArray("steps").size() - 1).getString("detail"))
                    .contains("535");

            // the password in the database: vault ciphertext, not the password
            try (Connection c = d.database().connect();
                 PreparedStatement s = c.prepareStatement("select password from mail_settings where scope = ?")) {
                s.setString(1, tenant);
                try (ResultSet rs = s.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).startsWith("v1:").doesNotContain(wrong);
                }
            }
            assertThat(d.database().count("select count(*) from mail_settings where password like '%" + wrong + "%'"
                    + " or username like '%" + wrong + "%' or host like '%" + wrong + "%'")).isZero();
            assertThat(call(d, "GET", "/api/v1/mail/settings?tenant=" + tenant, null).body()).doesNotContain(wrong);

            // a mail through the outbox fails at once: a 5xx refusal is not retried
            HttpResponse<String> queued = call(d, "POST", "/api/v1/mail/deliveries/test?tenant=" + tenant + "&to=b@example.com", null);
            long id = json(queued.body()).asJsonObject().getJsonNumber("id").longValue();
            JsonObject failed = awaitDelivery(d, tenant, id, r -> r.getString("status").equals("FAILED"));
            assertThat(failed.getInt("attempts")).isEqualTo(1);
            assertThat(failed.getString("lastError")).startsWith("AUTH: ").contains("535");
            assertThat(smtp.getReceivedMessages()).isEmpty();

            // the right password, then the resend button: it goes out
            assertThat(call(d, "PUT", "/api/v1/mail/settings?tenant=" + tenant, settings(port, "NONE", "ql-user", right)).statusCode())
                    .isEqualTo(200);
            HttpResponse<String> ok = call(d, "POST", "/api/v1/mail/settings/test?tenant=" + tenant + "&to=a@example.com",
                    settings(port, "NONE", "ql-user", ""));
            assertThat(json(ok.body()).asJsonObject().getBoolean("ok")).as(ok.body()).isTrue();
            HttpResponse<String> resent = call(d, "POST", "/api/v1/mail/deliveries/" + id + "/resend", null);
            assertThat(resent.statusCode()).as(resent.body()).isEqualTo(200);
            awaitDelivery(d, tenant, id, r -> r.getString("status").equals("SENT"));
            assertThat(smtp.waitForIncomingEmail(10_000, 2)).isTrue();

            HttpResponse<String> failedOnly = call(d, "GET", "/api/v1/mail/deliveries?tenant=" + tenant + "&status=failed", null);
            assertThat(failedOnly.statusCode()).isEqualTo(200);
            assertThat(json(failedOnly.body()).asJsonArray()).isEmpty();
            assertThat(call(d, "GET", "/api/v1/mail/deliveries?tenant=" + tenant + "&status=LOST", null).statusCode()).isEqualTo(400);
            assertThat(d.database().count("select count(*) from audit_log where tenant_id = '" + tenant
                    + "' and action in ('mail.settings-saved', 'mail.test', 'mail.resent')")).isGreaterThanOrEqualTo(5);
        } finally {
            smtp.stop();
        }
    }

    @Test
    void aTenantsManagerManagesThatTenantsMailOnly(Deployment d) throws Exception {
        String mine = newTenant(d);
        String other = newTenant(d);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        FormLogin manager = FormLogin.firstLogin(d.server(), "mail-mgr-" + suffix,
                AccessMatrixIT.invite(d, "mail-mgr-" + suffix, "MANAGER", "{\"" + mine + "\": []}"), AccessMatrixIT.PASSWORD);
        int port = freePort();

        HttpResponse<String> own = manager.send("PUT", "/api/v1/mail/settings?tenant=" + mine, settings(port, "NONE", null, null));
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        assertThat(json(own.body()).asJsonObject().getString("updatedBy")).isEqualTo("mail-mgr-" + suffix);
        assertThat(manager.get("/api/v1/mail/deliveries?tenant=" + mine).statusCode()).isEqualTo(200);
        assertThat(manager.get("/admin/mail.xhtml?tenant=" + mine).statusCode()).isEqualTo(200);

        // the server-wide settings and every other tenant's are refused, and ids of others' mails are not found
        assertThat(manager.get("/api/v1/mail/settings").statusCode()).isEqualTo(403);
        assertThat(manager.send("PUT", "/api/v1/mail/settings?tenant=*", settings(port, "NONE", null, null)).statusCode())
                .isEqualTo(403);
        assertThat(manager.get("/api/v1/mail/settings?tenant=" + other).statusCode()).isEqualTo(403);
        assertThat(manager.send("PUT", "/api/v1/mail/settings?tenant=" + other, settings(port, "NONE", null, null)).statusCode())
                .isEqualTo(403);
        assertThat(manager.get("/api/v1/mail/deliveries").statusCode()).isEqualTo(403);
        assertThat(manager.get("/api/v1/mail/deliveries?tenant=" + other).statusCode()).isEqualTo(403);
        assertThat(manager.get("/admin/mail.xhtml?tenant=" + other).statusCode()).isEqualTo(403);
        assertThat(manager.get("/admin/mail.xhtml?tenant=*").statusCode()).isEqualTo(403);
        HttpResponse<String> othersMail = call(d, "POST", "/api/v1/mail/deliveries/test?tenant=" + other + "&to=x@example.com", null);
        long othersId = json(othersMail.body()).asJsonObject().getJsonNumber("id").longValue();
        assertThat(manager.send("POST", "/api/v1/mail/deliveries/" + othersId + "/resend", null).statusCode()).isEqualTo(404);
        assertThat(call(d, "DELETE", "/api/v1/mail/settings?tenant=" + other, null).statusCode()).as("untouched").isEqualTo(404);

        // the page: a postback of their own tenant's form aimed at another tenant (?tenant= on the post) is refused
        String page = manager.get("/admin/mail.xhtml?tenant=" + mine).body();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("mailForm", "mailForm");
        form.put("mailForm:host", "evil.example.com");
        form.put("mailForm:port", "25");
        form.put("mailForm:security", "NONE");
        form.put("mailForm:fromAddress", "evil@example.com");
        form.put("mailForm:save", "");
        form.put("jakarta.faces.ViewState", FormLogin.viewState(page));
        form.put("primefaces.nonce", FormLogin.nonce(page));
        HttpResponse<String> crafted = manager.post("/admin/mail.xhtml?tenant=" + other, form);
        assertThat(crafted.statusCode()).as(crafted.body()).isEqualTo(403);
        assertThat(json(call(d, "GET", "/api/v1/mail/settings?tenant=" + other, null).body()).asJsonObject().isNull("settings"))
                .as("nothing stored for the other tenant").isTrue();
        // the same post for their own tenant does save (so the refusal above is the scope check, not a broken post)
        page = manager.get("/admin/mail.xhtml?tenant=" + mine).body();
        form.put("jakarta.faces.ViewState", FormLogin.viewState(page));
        form.put("primefaces.nonce", FormLogin.nonce(page));
        assertThat(manager.post("/admin/mail.xhtml?tenant=" + mine, form).statusCode()).isEqualTo(200);
        assertThat(json(call(d, "GET", "/api/v1/mail/settings?tenant=" + mine, null).body()).asJsonObject()
                .getJsonObject("settings").getString("host")).isEqualTo("evil.example.com");

        // a manager limited to some of the tenant's queues does not set the whole tenant's mail server
        FormLogin limited = FormLogin.firstLogin(d.server(), "mail-mgrq-" + suffix,
                AccessMatrixIT.invite(d, "mail-mgrq-" + suffix, "MANAGER", "{\"" + mine + "\": [\"sales\"]}"), AccessMatrixIT.PASSWORD);
        assertThat(limited.get("/api/v1/mail/settings?tenant=" + mine).statusCode()).isEqualTo(403);
        assertThat(limited.get("/admin/mail.xhtml?tenant=" + mine).statusCode()).isEqualTo(403);
    }

    private static JsonObject awaitDelivery(Deployment d, String tenant, long id, Predicate<JsonObject> until) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        JsonObject last = null;
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> r = call(d, "GET", "/api/v1/mail/deliveries?tenant=" + tenant, null);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            for (JsonValue v : json(r.body()).asJsonArray()) {
                if (v.asJsonObject().getJsonNumber("id").longValue() == id) {
                    last = v.asJsonObject();
                }
            }
            if (last != null && until.test(last)) {
                return last;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("delivery " + id + " never reached the expected state; last seen: " + last);
    }

    static String settings(int port, String security, String user, String password) {
        return "{\"host\": \"127.0.0.1\", \"port\": " + port + ", \"security\": \"" + security + "\", \"username\": "
                + (user == null ? "null" : "\"" + user + "\"") + ", \"password\": " + (password == null ? "null" : "\"" + password + "\"")
                + ", \"fromAddress\": \"queuelens@example.com\", \"fromName\": \"QueueLens IT\"}";
    }

    /** A tenant of this test's own, so the shared server's other tests are not disturbed. */
    static String newTenant(Deployment d) throws Exception {
        String id = "mail-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> r = call(d, "POST", "/api/v1/tenants", "{\"id\": \"" + id + "\", \"name\": \"Mail " + id
                + "\", \"timeZone\": \"Europe/Berlin\", \"locale\": \"en\", \"currency\": \"EUR\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return id;
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static HttpResponse<String> call(Deployment d, String method, String path, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(d.server().url(path))).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + SharedMariaDbServer.API_TOKEN).header("Accept", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonValue json(String body) {
        return Json.createReader(new StringReader(body)).readValue();
    }
}
