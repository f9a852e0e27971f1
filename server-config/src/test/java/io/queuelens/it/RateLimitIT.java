package io.queuelens.it;

import io.queuelens.it.support.RunningServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rate limits on a server started with low ones (embedded H2): the REST API answers 429 with
 * Retry-After and a JSON error once a caller's burst is used up, per caller (another token is not
 * affected); login form posts beyond the per-IP burst get 429 with Retry-After and the login message.
 */
class RateLimitIT {

    private static final String TOKEN = "rl-" + UUID.randomUUID();
    private static RunningServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.start("ratelimit", Map.of("QUEUELENS_DEMO_BACKFILL_DAYS", "0", "QUEUELENS_API_TOKEN", TOKEN,
                "QUEUELENS_RATE_LIMIT_API_PER_MINUTE", "6", "QUEUELENS_RATE_LIMIT_API_BURST", "5",
                "QUEUELENS_RATE_LIMIT_LOGIN_PER_MINUTE", "2", "QUEUELENS_RATE_LIMIT_LOGIN_BURST", "3"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theApiAnswers429WithRetryAfterOnceACallersBurstIsUsedUp() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> limited = null;
        for (int i = 0; i < 8; i++) {
            HttpResponse<String> r = server.get("/api/v1/sources", TOKEN);
            statuses.add(r.statusCode());
            if (r.statusCode() == 429 && limited == null) {
                limited = r;
            }
        }
        assertThat(statuses.subList(0, 5)).containsOnly(200);
        assertThat(statuses.subList(5, 8)).containsOnly(429);
        long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 10L);
        assertThat(limited.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(limited.body()).contains("\"error\":\"too many requests").contains("\"retryAfterSeconds\":");

        // another caller has its own bucket: no credentials at all is still the container's 401, not 429
        assertThat(server.get("/api/v1/sources", "not-the-token").statusCode()).isEqualTo(401);
        Thread.sleep(retryAfter * 1000 + 200);
        assertThat(server.get("/api/v1/sources", TOKEN).statusCode()).as("after Retry-After").isEqualTo(200);
    }

    @Test
    void loginPostsBeyondTheBurstPerIpGet429WithTheLoginMessage() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> limited = null;
        for (int i = 0; i < 5; i++) {
            String body = "login=login&" + URLEncoder.encode("login:username", StandardCharsets.UTF_8) + "=nobody&"
                    + URLEncoder.encode("login:password", StandardCharsets.UTF_8) + "=wrong";
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.url("/login.xhtml")))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Accept-Language", "en")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            statuses.add(r.statusCode());
            if (r.statusCode() == 429 && limited == null) {
                limited = r;
            }
        }
        assertThat(statuses.subList(0, 3)).doesNotContain(429);
        assertThat(statuses.subList(3, 5)).containsOnly(429);
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
        assertThat(limited.body()).contains("Too many login attempts from this address").contains("/login.xhtml");
        // the page itself (GET) is not counted
        assertThat(server.get("/login.xhtml").statusCode()).isEqualTo(200);
    }
}
