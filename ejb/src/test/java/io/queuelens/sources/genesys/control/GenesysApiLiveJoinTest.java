package io.queuelens.sources.genesys.control;

import io.queuelens.sources.genesys.entity.GenesysRegion;
import org.asteriskjava.manager.event.ManagerEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two halves joined: the live session makes its REST calls through the org's {@link GenesysApi}
 * (token, channel, subscriptions, queues, members, observations) against the HTTP stand-in, and its
 * WebSocket over the same client against the notification stand-in.
 */
class GenesysApiLiveJoinTest {

    @Test
    void the_live_session_runs_on_the_org_client() throws Exception {
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
        try (GenesysNotificationStandIn ws = new GenesysNotificationStandIn(200);
             GenesysStandIn org = new GenesysStandIn("client-1", "s3cret")) {
            org.notifications(ws).queue("q1", "Sales", "u1", "u2").queue("q2", "Support", "u2");
            GenesysApi api = new GenesysApi("t1", "org1", GenesysRegion.of(null, org.baseUrl()), "client-1", "s3cret",
                    GenesysApi.newHttpClient(Duration.ofSeconds(5)), GenesysApi.Settings.defaults(300));
            List<ManagerEvent> events = new CopyOnWriteArrayList<>();
            List<Boolean> connected = new CopyOnWriteArrayList<>();
            GenesysLiveSession session = new GenesysLiveSession("t1", "org1-live", api, new GenesysLiveSession.Feed() {
                @Override
                public void accept(ManagerEvent event) {
                    events.add(event);
                }

                @Override
                public void connected(boolean up) {
                    connected.add(up);
                }
            }, Function.identity(), new GenesysNotificationChannel.Settings(Duration.ofSeconds(5), Duration.ofMinutes(1),
                    Duration.ZERO, Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofSeconds(5)), scheduler, api.http());
            try {
                session.start();
                long deadline = System.currentTimeMillis() + 10_000;
                while (System.currentTimeMillis() < deadline && (ws.openChannels().isEmpty()
                        || ws.topics(ws.openChannels().get(0)).isEmpty() || !connected.contains(true))) {
                    Thread.sleep(50);
                }
                String channel = ws.openChannels().get(0);
                assertThat(ws.topics(channel)).contains("v2.routing.queues.q1.conversations",
                        "v2.routing.queues.q2.conversations", "v2.users.u1.presence", "v2.users.u2.routingStatus");
                assertThat(org.tokensIssued()).isEqualTo(1);
                assertThat(api.stats().recent()).extracting(c -> c.endpoint()).contains("/oauth/token",
                        "/api/v2/notifications/channels", "/api/v2/notifications/channels/{id}/subscriptions",
                        "/api/v2/routing/queues", "/api/v2/routing/queues/{id}/members");
                assertThat(api.stats().errors()).isZero();
            } finally {
                session.close();
            }
        } finally {
            scheduler.shutdownNow();
        }
    }
}
