package io.queuelens.alerts.control;

import com.sun.net.httpserver.HttpServer;
import io.queuelens.alerts.entity.AlertChannel;
import io.queuelens.alerts.entity.AlertDelivery;
import io.queuelens.alerts.entity.AlertIncident;
import io.queuelens.alerts.entity.AlertNotice;
import io.queuelens.alerts.entity.ChannelKind;
import io.queuelens.alerts.entity.Figure;
import io.queuelens.alerts.entity.IncidentState;
import io.queuelens.alerts.entity.Severity;
import io.queuelens.mail.control.Backoff;
import io.queuelens.testsupport.TestDatabases;
import io.queuelens.testsupport.TestDatabases.Db;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The delivery log and its retries against a loopback receiver, on both databases (V20 must migrate on each). */
class DeliverySenderTest {

    record Received(String path, String body, Map<String, String> headers) {
    }

    HttpServer server;
    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger failFirst = new AtomicInteger();
    String base;

    @BeforeEach
    void receiver() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> h = new ConcurrentHashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> h.put(k.toLowerCase(), v.get(0)));
            received.add(new Received(ex.getRequestURI().getPath(), body, h));
            int status = failFirst.getAndDecrement() > 0 ? 503 : 200;
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void signedGenericWebhookIsRetriedWithBackoffThenSent(String kind) throws Exception {
        try (Db db = TestDatabases.open(kind)) {
            tenant(db);
            AlertStore store = new AlertStore(db.dataSource());
            Instant now = Instant.parse("2026-03-02T09:00:00Z");
            long channel = store.insertChannel(new AlertChannel(0, "t1", "ops hook", ChannelKind.WEBHOOK_GENERIC, base + "/hook",
                    false, true), "enc:s3cret", "ann", now);
            long incident = store.openIncident(incident(now));
            String payload = Webhooks.payload(notice(incident, now));
            long delivery = store.insertDelivery("t1", incident, channel, ChannelKind.WEBHOOK_GENERIC, payload, now);
            failFirst.set(1);
            List<String> mails = new ArrayList<>();
            DeliverySender sender = new DeliverySender(store, HttpClient.newHttpClient(), s -> s.substring(4),
                    (t, to, subject, text) -> { mails.add(subject); return 1; },
                    new DeliverySender.Settings(new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(5)), 3,
                            Duration.ofSeconds(5), base), Clock.systemUTC());

            assertThat(sender.attempt(delivery)).contains("RETRYING");
            AlertDelivery first = store.deliveries("t1", incident, 10).get(0);
            assertThat(first.status()).isEqualTo("RETRYING");
            assertThat(first.httpStatus()).isEqualTo(503);
            assertThat(first.nextAttemptAt()).isAfter(Instant.now().plusSeconds(4));
            assertThat(sender.attempt(delivery)).as("not due yet").isEmpty();

            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE alert_delivery SET next_attempt_at = '2000-01-01 00:00:00' WHERE id = " + delivery);
            }
            assertThat(store.due(Instant.now(), 10)).containsExactly(delivery);
            assertThat(sender.attempt(delivery)).contains("SENT");
            AlertDelivery sent = store.deliveries("t1", incident, 10).get(0);
            assertThat(sent.status()).isEqualTo("SENT");
            assertThat(sent.attempts()).isEqualTo(2);
            assertThat(sent.httpStatus()).isEqualTo(200);

            Received r = received.get(1);
            assertThat(r.body()).isEqualTo(payload);
            assertThat(r.headers().get("x-queuelens-signature"))
                    .isEqualTo(Webhooks.signature(payload.getBytes(StandardCharsets.UTF_8), "s3cret"))
                    .isNotEqualTo(Webhooks.signature(payload.getBytes(StandardCharsets.UTF_8), "other"));
            assertThat(Long.parseLong(r.headers().get("x-queuelens-timestamp"))).isCloseTo(Instant.now().getEpochSecond(),
                    org.assertj.core.data.Offset.offset(30L));
            assertThat(mails).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2"})
    void telegramGoesToTheBotPathAndGivesUpAfterMaxAttempts(String kind) throws Exception {
        try (Db db = TestDatabases.open(kind)) {
            tenant(db);
            AlertStore store = new AlertStore(db.dataSource());
            Instant now = Instant.now();
            long channel = store.insertChannel(new AlertChannel(0, "t1", "tg", ChannelKind.WEBHOOK_TELEGRAM, "-100200",
                    false, true), "enc:123:ABC", "ann", now);
            long incident = store.openIncident(incident(now));
            long delivery = store.insertDelivery("t1", incident, channel, ChannelKind.WEBHOOK_TELEGRAM,
                    Webhooks.payload(notice(incident, now)), now);
            failFirst.set(10);
            DeliverySender sender = new DeliverySender(store, HttpClient.newHttpClient(), s -> s.substring(4),
                    (t, to, subject, text) -> 1,
                    new DeliverySender.Settings(new Backoff(Duration.ofMillis(1), Duration.ofMillis(2)), 2,
                            Duration.ofSeconds(5), base + "/"), Clock.systemUTC());
            assertThat(sender.attempt(delivery)).contains("RETRYING");
            Thread.sleep(20);
            assertThat(sender.attempt(delivery)).contains("FAILED");
            assertThat(store.due(Instant.now().plusSeconds(3600), 10)).isEmpty();
            assertThat(received).hasSize(2);
            assertThat(received.get(0).path()).isEqualTo("/bot123:ABC/sendMessage");
            assertThat(received.get(0).body()).contains("\"chat_id\":\"-100200\"").contains("Long queue firing");
            assertThat(received.get(0).headers()).doesNotContainKey("x-queuelens-signature");
            assertThat(store.deliveries("t1", incident, 10).get(0).lastError()).isEqualTo("HTTP 503");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2"})
    void emailIsHandedToTheMailOutboxAndIncidentsAcknowledgeOnce(String kind) throws Exception {
        try (Db db = TestDatabases.open(kind)) {
            tenant(db);
            AlertStore store = new AlertStore(db.dataSource());
            Instant now = Instant.now();
            long channel = store.insertChannel(new AlertChannel(0, "t1", "sup", ChannelKind.EMAIL, "a@example.com,b@example.com",
                    false, true), null, "ann", now);
            long incident = store.openIncident(incident(now));
            long delivery = store.insertDelivery("t1", incident, channel, ChannelKind.EMAIL, Webhooks.payload(notice(incident, now)), now);
            List<List<String>> to = new ArrayList<>();
            DeliverySender sender = new DeliverySender(store, HttpClient.newHttpClient(), s -> s,
                    (t, addresses, subject, text) -> { to.add(addresses); return 42; },
                    new DeliverySender.Settings(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2)), 2,
                            Duration.ofSeconds(5), base), Clock.systemUTC());
            assertThat(sender.attempt(delivery)).contains("SENT");
            assertThat(to).containsExactly(List.of("a@example.com", "b@example.com"));
            assertThat(store.deliveries("t1", 0, 10).get(0).lastError()).isEqualTo("mail outbox #42");

            assertThat(store.acknowledge("t1", incident, "bob", now)).isTrue();
            assertThat(store.acknowledge("t1", incident, "eve", now)).isFalse();
            assertThat(store.acknowledge("other", incident, "eve", now)).isFalse();
            AlertIncident acked = store.incident("t1", incident).orElseThrow();
            assertThat(acked.state()).isEqualTo(IncidentState.ACKNOWLEDGED);
            assertThat(acked.acknowledgedBy()).isEqualTo("bob");
            assertThat(store.resolve(incident, now, 1, 9)).isTrue();
            assertThat(store.incidents("t1", List.of(IncidentState.RESOLVED), 10)).extracting(AlertIncident::id).containsExactly(incident);
            assertThat(store.incidents("t1", List.of(IncidentState.FIRING), 10)).isEmpty();
        }
    }

    static AlertIncident incident(Instant now) {
        return new AlertIncident(0, "t1", 5, "Long queue", Severity.CRITICAL, Figure.WAITING, "queue:sales", List.of("sales"),
                IncidentState.FIRING, now, null, null, null, 9, 9, 5);
    }

    static AlertNotice notice(long incident, Instant now) {
        return new AlertNotice("FIRING", incident, "t1", "Long queue", Severity.CRITICAL, Figure.WAITING, "queue:sales", "sales",
                List.of("sales"), 9, "WAITING > 5", now, now.toEpochMilli());
    }

    static void tenant(Db db) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO tenant (id, name, time_zone, locale, currency, created_at) "
                    + "VALUES ('t1', 'T', 'UTC', 'en', 'EUR', CURRENT_TIMESTAMP)");
        }
    }
}
