package io.queuelens.it;

import io.queuelens.it.support.FormClient;
import io.queuelens.it.support.RunningServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Password guessing on the login form is throttled: after three wrong passwords the user is locked, the
 * right password is then refused with the wrong-password message, and accepted once the (short) lock
 * has ended. Failures also count per client address, bearer tokens included: once the address is
 * locked even the valid server-admin token is refused until that lock ends. Single sign-on: the header
 * logs in from the trusted proxy (127.0.0.2 here), is refused with a 403 page for an unknown user, and
 * is ignored from any other address.
 */
class LoginSecurityIT {

    private static final String ADMIN_PASSWORD = "Initial-Throttle-Pass-7";
    private static final String TOKEN = "throttle-it-token-0123456789";
    private static final int LOCK_SECONDS = 6;
    private static final String WRONG = "User name or password is wrong.";
    private static RunningServer server;

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.start("login-throttle", Map.of(
                "QUEUELENS_DEMO_BACKFILL_DAYS", "0",
                "QUEUELENS_ADMIN_PASSWORD", ADMIN_PASSWORD,
                "QUEUELENS_API_TOKEN", TOKEN,
                "QUEUELENS_LOGIN_MAX_FAILURES", "3",
                "QUEUELENS_LOGIN_IP_MAX_FAILURES", "6",
                "QUEUELENS_LOGIN_LOCK_SECONDS", Integer.toString(LOCK_SECONDS),
                "QUEUELENS_SSO_HEADER", "X-Remote-User",
                "QUEUELENS_TRUSTED_PROXIES", "127.0.0.2"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void bruteForceIsThrottledPerUserAndPerAddress() throws Exception {
        FormClient client = new FormClient(server);
        for (int i = 1; i <= 3; i++) {
            assertRefused(client.logIn("admin", "guess-" + i));
        }
        long lockedAt = System.nanoTime();
        // Locked: the right password gets exactly the wrong-password answer.
        assertRefused(client.logIn("admin", ADMIN_PASSWORD));
        assertThat(Duration.ofNanos(System.nanoTime() - lockedAt)).as("the check ran while the lock held")
                .isLessThan(Duration.ofSeconds(LOCK_SECONDS));

        // After the lock: accepted (and sent to choose a password of one's own).
        sleepUntil(lockedAt, LOCK_SECONDS + 1);
        HttpResponse<String> accepted = client.logIn("admin", ADMIN_PASSWORD);
        assertThat(accepted.statusCode()).isEqualTo(302);
        assertThat(FormClient.location(accepted)).endsWith("/account/password.xhtml");

        // The address has 3 failures; 3 bad bearer tokens make 6 and lock it.
        assertThat(server.get("/api/v1/sources", TOKEN).statusCode()).isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            assertThat(server.get("/api/v1/sources", "wrong-token-" + i).statusCode()).isEqualTo(401);
        }
        long addressLockedAt = System.nanoTime();
        assertThat(server.get("/api/v1/sources", TOKEN).statusCode()).as("the valid token from a locked address").isEqualTo(401);
        assertRefused(new FormClient(server).logIn("admin", ADMIN_PASSWORD));
        sleepUntil(addressLockedAt, LOCK_SECONDS + 1);
        assertThat(server.get("/api/v1/sources", TOKEN).statusCode()).as("after the address lock").isEqualTo(200);
    }

    @Test
    void theSsoHeaderLogsInOnlyFromTheTrustedProxyAndOnlyExistingUsers() throws Exception {
        int port = URI.create(server.url("/")).getPort();
        String page = rawGet(port, "127.0.0.2", "/", "admin");
        assertThat(page).startsWith("HTTP/1.1 200").contains("id=\"sources\"");
        String unknown = rawGet(port, "127.0.0.2", "/", "nobody<x>");
        assertThat(unknown).startsWith("HTTP/1.1 403").contains("QueueLens has no enabled user").contains("nobody&lt;x&gt;");
        String untrusted = rawGet(port, "127.0.0.1", "/", "admin");
        assertThat(untrusted).as("the header from an address that is no trusted proxy").startsWith("HTTP/1.1 302")
                .contains("/login.xhtml");
        rawGet(port, "127.0.0.1", "/", "admin");
        assertThat(server.serverLog().split("is not in QUEUELENS_TRUSTED_PROXIES", -1)).as("logged once").hasSize(2);
    }

    /** A GET sent from {@code localAddress} (any 127.x address is this machine), as a proxy there would send it. */
    private static String rawGet(int port, String localAddress, String path, String ssoUser) throws Exception {
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(localAddress), 0)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nX-Remote-User: " + ssoUser
                    + "\r\nAccept-Language: en\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void assertRefused(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains(WRONG);
    }

    private static void sleepUntil(long startNanos, int seconds) throws InterruptedException {
        long left = Duration.ofSeconds(seconds).toMillis() - Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
        Thread.sleep(Math.max(0, left));
    }
}
