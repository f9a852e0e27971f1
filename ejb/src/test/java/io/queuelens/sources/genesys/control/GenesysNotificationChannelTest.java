package io.queuelens.sources.genesys.control;

import io.queuelens.sources.boundary.SourceStatus;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The channel's lifecycle against the loopback WebSocket stand-in: heartbeats, closings, silence, expiry, failures. */
class GenesysNotificationChannelTest {

    static final List<String> TOPICS = List.of("v2.routing.queues.q1.conversations", "v2.users.u1.routingStatus");

    GenesysNotificationStandIn standIn;
    ScheduledExecutorService scheduler;
    HttpClient http;
    GenesysNotificationChannel channel;
    final List<String> received = new CopyOnWriteArrayList<>();
    final AtomicInteger resyncs = new AtomicInteger();
    final AtomicInteger createFailures = new AtomicInteger();
    volatile Duration lifetime = Duration.ofHours(24);

    @BeforeEach
    void start() throws Exception {
        standIn = new GenesysNotificationStandIn(200);
        scheduler = Executors.newSingleThreadScheduledExecutor();
        http = HttpClient.newHttpClient();
    }

    @AfterEach
    void stop() throws Exception {
        if (channel != null) {
            channel.close();
        }
        scheduler.shutdownNow();
        standIn.close();
    }

    GenesysNotificationChannel open(Duration heartbeatTimeout, Duration renewBefore) {
        GenesysNotificationChannel.Broker broker = new GenesysNotificationChannel.Broker() {
            @Override
            public GenesysNotificationChannel.ChannelInfo create() {
                if (createFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    throw new IllegalStateException("HTTP 503 from POST /api/v2/notifications/channels");
                }
                String id = standIn.newChannel();
                return new GenesysNotificationChannel.ChannelInfo(id, standIn.connectUri(id), Instant.now().plus(lifetime));
            }

            @Override
            public void subscribe(String channelId, List<String> topics) {
                standIn.subscribe(channelId, topics);
            }

            @Override
            public List<String> topics() {
                return TOPICS;
            }
        };
        GenesysNotificationChannel.Listener listener = new GenesysNotificationChannel.Listener() {
            @Override
            public void notification(String topic, JsonObject body) {
                received.add(topic + " " + body.getString("id", "?"));
            }

            @Override
            public void resync() {
                resyncs.incrementAndGet();
            }
        };
        channel = new GenesysNotificationChannel("t1", "org1", broker, listener,
                new GenesysNotificationChannel.Settings(heartbeatTimeout, renewBefore, Duration.ZERO,
                        Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofSeconds(5)), scheduler, http);
        channel.start();
        return channel;
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(20);
        }
    }

    static JsonObject body(String id) {
        return Json.createObjectBuilder().add("id", id).build();
    }

    long counter(String name) {
        return channel.status().counters().get(name);
    }

    @Test
    void connectsSubscribesResyncsAndDeliversNotificationsBetweenHeartbeats() throws Exception {
        open(Duration.ofSeconds(5), Duration.ofMinutes(1));
        await("connected", () -> channel.status().ready());
        assertThat(standIn.topics(channel.channel().id())).containsExactlyInAnyOrderElementsOf(TOPICS);
        await("first resync", () -> resyncs.get() == 1);

        assertThat(standIn.publish("v2.users.u1.routingStatus", body("e1"))).isEqualTo(1);
        assertThat(standIn.publish("v2.users.u9.presence", body("not subscribed"))).isZero();
        await("event", () -> received.contains("v2.users.u1.routingStatus e1"));
        await("heartbeats", () -> counter("heartbeats") >= 2);
        assertThat(received).containsExactly("v2.users.u1.routingStatus e1"); // heartbeats are not notifications
        assertThat(counter("events")).isEqualTo(1);
        assertThat(channel.status().lastEventAt()).isNotNull();
        assertThat(counter("reconnects")).isZero();
    }

    @Test
    void socketClosingMakesANewChannelThatIsResubscribedAndResynced() throws Exception {
        open(Duration.ofSeconds(5), Duration.ofMinutes(1));
        await("connected", () -> resyncs.get() == 1);
        String first = channel.channel().id();

        standIn.closeSockets(true);
        await("a new channel", () -> channel.channel() != null && !channel.channel().id().equals(first));
        await("resynced again", () -> resyncs.get() == 2);
        String second = channel.channel().id();
        assertThat(standIn.topics(second)).containsExactlyInAnyOrderElementsOf(TOPICS);
        assertThat(counter("socketClosings")).isEqualTo(1);
        assertThat(counter("reconnects")).isEqualTo(1);
        assertThat(counter("channelsCreated")).isEqualTo(2);

        standIn.publish("v2.routing.queues.q1.conversations", body("c1"));
        await("event on the new socket", () -> received.contains("v2.routing.queues.q1.conversations c1"));
        assertThat(standIn.openChannels()).containsExactly(second);
    }

    @Test
    void aSocketClosedWithoutWarningIsMadeAgain() throws Exception {
        open(Duration.ofSeconds(5), Duration.ofMinutes(1));
        await("connected", () -> resyncs.get() == 1);
        standIn.closeSockets(false);
        await("reconnected", () -> resyncs.get() == 2 && channel.status().ready());
        assertThat(counter("socketClosings")).isZero();
        assertThat(counter("reconnects")).isEqualTo(1);
        assertThat(standIn.socketsAccepted()).isEqualTo(2);
    }

    @Test
    void aSilentSocketIsNoticedAndReplaced() throws Exception {
        open(Duration.ofMillis(1500), Duration.ofMinutes(1));
        await("connected", () -> resyncs.get() == 1);
        standIn.silent(true);
        await("silence noticed", () -> counter("silences") >= 1);
        standIn.silent(false);
        await("a new channel", () -> resyncs.get() >= 2 && channel.status().ready());
        assertThat(channel.status().state()).isEqualTo(SourceStatus.State.CONNECTED);
        assertThat(standIn.socketsAccepted()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aChannelIsRenewedBeforeItExpires() throws Exception {
        lifetime = Duration.ofMillis(2500);
        open(Duration.ofSeconds(30), Duration.ofSeconds(1));
        await("connected", () -> resyncs.get() == 1);
        String first = channel.channel().id();
        await("renewed", () -> counter("expiries") >= 1 && channel.channel() != null
                && !channel.channel().id().equals(first));
        lifetime = Duration.ofHours(24);
        await("resynced", () -> resyncs.get() >= 2);
    }

    @Test
    void failedAttemptsAreRetriedWithBackoffAndSayWhatFailed() throws Exception {
        createFailures.set(3);
        open(Duration.ofSeconds(5), Duration.ofMinutes(1));
        await("first failure", () -> counter("failedAttempts") >= 1);
        SourceStatus failing = channel.status();
        assertThat(failing.ready()).isFalse();
        assertThat(failing.detail()).contains("creating the notification channel failed").contains("HTTP 503");
        await("connected after the failures", () -> channel.status().ready() && resyncs.get() == 1);
        assertThat(counter("failedAttempts")).isEqualTo(3);
        assertThat(counter("reconnects")).isZero();
    }

    @Test
    void framesThatAreNotJsonAreCountedAndSkipped() throws Exception {
        open(Duration.ofSeconds(5), Duration.ofMinutes(1));
        await("connected", () -> resyncs.get() == 1);
        standIn.sendRaw("not json");
        standIn.sendRaw("{\"no\":\"topic\"}");
        standIn.publish("v2.users.u1.routingStatus", body("after"));
        await("event after the bad frames", () -> received.contains("v2.users.u1.routingStatus after"));
        assertThat(counter("framesMalformed")).isEqualTo(2);
        assertThat(channel.status().ready()).isTrue();
    }

    @Test
    void closeStopsEverything() throws Exception {
        open(Duration.ofSeconds(5), Duration.ofMinutes(1));
        await("connected", () -> resyncs.get() == 1);
        channel.close();
        await("socket closed", () -> standIn.openSockets() == 0);
        assertThat(channel.status().state()).isEqualTo(SourceStatus.State.STOPPED);
        Thread.sleep(500);
        assertThat(standIn.socketsAccepted()).isEqualTo(1);
    }
}
