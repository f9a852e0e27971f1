package io.queuelens.sources.genesys.control;

import io.queuelens.sources.genesys.entity.GenesysApiException;
import io.queuelens.sources.genesys.entity.GenesysApiStats;
import io.queuelens.sources.genesys.entity.GenesysRegion;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The org's REST client against the loopback stand-in: token life, 429s, 5xx, 401 and the call log. */
class GenesysApiTest {

    /** A clock the test moves; the client's waits move it instead of sleeping. */
    static final class TestClock extends Clock {
        volatile Instant now = Instant.parse("2026-03-02T10:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        synchronized void advance(Duration d) {
            now = now.plus(d);
        }
    }

    GenesysStandIn org;
    TestClock clock = new TestClock();
    List<Duration> waits = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        org = new GenesysStandIn("client-1", "s3cret");
        for (int i = 1; i <= 7; i++) {
            org.queue("q" + i, "Queue " + i);
        }
    }

    @AfterEach
    void stop() {
        org.close();
    }

    GenesysApi api(String secret, GenesysApi.Settings settings) {
        return new GenesysApi("t1", "org1", GenesysRegion.of(null, org.baseUrl()), "client-1", secret,
                GenesysApi.newHttpClient(Duration.ofSeconds(5)), settings, clock, d -> {
            waits.add(d);
            clock.advance(d);
        });
    }

    GenesysApi api() {
        return api("s3cret", GenesysApi.Settings.defaults(300));
    }

    @Test
    void reads_every_page_of_the_queues_with_one_token() throws Exception {
        GenesysApi api = api();
        List<JsonObject> queues = api.pages("/api/v2/routing/queues", 3, 100);
        assertThat(queues).extracting(q -> q.getString("id")).containsExactly("q1", "q2", "q3", "q4", "q5", "q6", "q7");
        assertThat(org.tokensIssued()).isEqualTo(1);
        assertThat(org.requests()).filteredOn(r -> r.startsWith("GET")).hasSize(3);
    }

    @Test
    void renews_the_token_before_it_expires_not_after() throws Exception {
        org.tokenSeconds(3600);
        GenesysApi api = api();
        api.get("/api/v2/routing/queues?pageSize=1&pageNumber=1");
        clock.advance(Duration.ofMinutes(50)); // 10 min left: renew early is 5 min (a tenth of the life is 6)
        api.get("/api/v2/routing/queues?pageSize=1&pageNumber=1");
        assertThat(org.tokensIssued()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(5).plusSeconds(1)); // less than 5 minutes left: a new one before expiry
        api.get("/api/v2/routing/queues?pageSize=1&pageNumber=1");
        assertThat(org.tokensIssued()).isEqualTo(2);
        assertThat(org.requests()).noneMatch(r -> r.endsWith(" 401"));
    }

    @Test
    void a_revoked_token_is_renewed_once_on_401() throws Exception {
        GenesysApi api = api();
        api.get("/api/v2/routing/queues?pageSize=1&pageNumber=1");
        org.revokeTokens();
        JsonObject page = api.get("/api/v2/routing/queues?pageSize=1&pageNumber=2");
        assertThat(page.getJsonArray("entities").getJsonObject(0).getString("id")).isEqualTo("q2");
        assertThat(org.tokensIssued()).isEqualTo(2);
    }

    @Test
    void a_429_storm_is_waited_out_with_retry_after_and_no_page_is_lost() throws Exception {
        GenesysApi api = api();
        api.authenticate();
        org.faultsAfter(1).tooManyRequests(3, "7"); // page 1 passes, page 2 gets three 429s
        List<JsonObject> queues = api.pages("/api/v2/routing/queues", 3, 100);
        assertThat(queues).extracting(q -> q.getString("id")).containsExactly("q1", "q2", "q3", "q4", "q5", "q6", "q7");
        assertThat(waits).hasSize(3).allMatch(d -> d.equals(Duration.ofSeconds(7)));
        assertThat(org.requests()).filteredOn(r -> r.contains("pageNumber=2")).hasSize(4);
        GenesysApiStats stats = api.stats();
        assertThat(stats.rateLimited()).isEqualTo(3);
        assertThat(stats.errors()).isEqualTo(3);
        assertThat(stats.calls()).isEqualTo(1 + 3 + 3); // token, three pages, three 429s
    }

    @Test
    void the_client_keeps_to_its_requests_per_minute() throws Exception {
        GenesysApi api = api("s3cret", GenesysApi.Settings.defaults(3));
        Instant start = clock.instant();
        for (int i = 1; i <= 5; i++) { // token + 5 gets = 6 requests: the 4th must wait for the minute
            api.get("/api/v2/routing/queues?pageSize=1&pageNumber=" + i);
        }
        assertThat(Duration.between(start, clock.instant())).isGreaterThanOrEqualTo(Duration.ofMinutes(1));
        assertThat(org.requests()).noneMatch(r -> r.endsWith(" 429"));
    }

    @Test
    void server_errors_are_retried_with_growing_jittered_waits_then_given_up() throws Exception {
        GenesysApi api = api();
        api.authenticate();
        org.failNext(2, 503);
        assertThat(api.get("/api/v2/routing/queues?pageSize=2&pageNumber=1").getJsonArray("entities")).hasSize(2);
        assertThat(waits).hasSize(2);
        assertThat(waits.get(0)).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
        assertThat(waits.get(1)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));

        org.failNext(10, 500);
        assertThatThrownBy(() -> api.get("/api/v2/routing/queues?pageSize=2&pageNumber=1"))
                .isInstanceOfSatisfying(GenesysApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(GenesysApiException.Kind.SERVER);
                    assertThat(e.status()).isEqualTo(500);
                });
        assertThat(org.requests()).filteredOn(r -> r.endsWith(" 500")).hasSize(4); // maxAttempts
    }

    @Test
    void a_wrong_secret_is_an_auth_failure_naming_invalid_client() {
        assertThatThrownBy(() -> api("wrong", GenesysApi.Settings.defaults(300)).authenticate())
                .isInstanceOfSatisfying(GenesysApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(GenesysApiException.Kind.AUTH);
                    assertThat(e.getMessage()).contains("invalid_client").doesNotContain("wrong");
                });
    }

    @Test
    void a_missing_permission_is_told_apart() throws Exception {
        org.forbid("/api/v2/analytics/conversations/details/query");
        GenesysApi api = api();
        assertThatThrownBy(() -> api.post("/api/v2/analytics/conversations/details/query",
                jakarta.json.Json.createObjectBuilder().add("interval", "2026-03-01T00:00:00Z/2026-03-02T00:00:00Z").build()))
                .isInstanceOfSatisfying(GenesysApiException.class,
                        e -> assertThat(e.kind()).isEqualTo(GenesysApiException.Kind.PERMISSION));
    }

    @Test
    void a_refused_connection_is_told_apart() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        GenesysApi api = new GenesysApi("t1", "org1", GenesysRegion.of(null, "http://127.0.0.1:" + port), "c", "s",
                GenesysApi.newHttpClient(Duration.ofSeconds(2)), GenesysApi.Settings.defaults(300), clock, d -> clock.advance(d));
        assertThatThrownBy(api::authenticate).isInstanceOfSatisfying(GenesysApiException.class,
                e -> assertThat(e.kind()).isEqualTo(GenesysApiException.Kind.CONNECTION));
    }

    @Test
    void the_call_log_keeps_templates_and_percentiles() throws Exception {
        GenesysApi api = api();
        api.get("/api/v2/routing/queues/5f1c2a3b-0000-4c1d-9e2f-123456789abc/members?pageSize=100&pageNumber=1");
        GenesysApiStats stats = api.stats();
        assertThat(stats.recent()).extracting(GenesysApiStats.Call::endpoint)
                .containsExactly("/oauth/token", "/api/v2/routing/queues/{id}/members");
        assertThat(stats.recent()).extracting(GenesysApiStats.Call::status).containsExactly(200, 200);
        assertThat(ApiCallLog.percentile(new long[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 50)).isEqualTo(5);
        assertThat(ApiCallLog.percentile(new long[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 95)).isEqualTo(10);
        assertThat(ApiCallLog.template("/api/v2/notifications/channels/streaming-0-abcdef/subscriptions"))
                .isEqualTo("/api/v2/notifications/channels/{id}/subscriptions");
    }

    @Test
    void regions_give_api_and_login_hosts() {
        GenesysRegion r = GenesysRegion.of("mypurecloud.de", null);
        assertThat(r.api("/api/v2/routing/queues").toString()).isEqualTo("https://api.mypurecloud.de/api/v2/routing/queues");
        assertThat(r.tokenUri().toString()).isEqualTo("https://login.mypurecloud.de/oauth/token");
        assertThat(GenesysRegion.of("usw2.pure.cloud", "").login().toString()).isEqualTo("https://login.usw2.pure.cloud");
        assertThatThrownBy(() -> GenesysRegion.of("example.com", null)).isInstanceOf(IllegalArgumentException.class);
    }
}
