package io.queuelens.live.control;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.queuelens.live.boundary.RecordingLiveSnapshots;
import io.queuelens.live.entity.LiveChanged;
import io.queuelens.live.entity.LiveSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two (then three) real Hazelcast members in this JVM, joined over loopback TCP under a cluster name of their own:
 * the owner's snapshots arrive on the others under their own consecutive versions, a member that joins late
 * starts from the latest, the owner never takes its own back, and a member that stops hearing from the owner
 * shows the tenant disconnected.
 */
class LiveReplicationTest {

    private static final Duration STALE = Duration.ofMillis(1200);

    private final String clusterName = "queuelens-test-" + UUID.randomUUID();
    private final List<Integer> ports = new ArrayList<>();
    private final List<HazelcastInstance> grids = new ArrayList<>();
    private final List<AutoCloseable> closing = new ArrayList<>();

    /** One member: its grid, its snapshots, and its replication, wired as LiveGrid wires them. */
    private final class Member {
        final RecordingLiveSnapshots recorded;
        final LiveReplication replication;
        final ScheduledExecutorService sender;

        Member(String id, Predicate<String> holds) {
            HazelcastInstance grid = grid();
            AtomicReference<LiveReplication> self = new AtomicReference<>();
            recorded = new RecordingLiveSnapshots(e -> {
                LiveReplication r = self.get();
                if (r != null && holds.test(e.tenantId()) && !recorded().snapshots.followed(e.tenantId())) {
                    r.offer(e.current());
                }
            });
            ScheduledExecutorService receiver = Executors.newSingleThreadScheduledExecutor();
            sender = Executors.newSingleThreadScheduledExecutor();
            replication = new LiveReplication(grid, id, holds, recorded.snapshots, 50, STALE, receiver, sender,
                    Clock.systemUTC());
            self.set(replication);
            closing.add(replication);
            closing.add(receiver::shutdownNow);
            closing.add(sender::shutdownNow);
            replication.start();
        }

        RecordingLiveSnapshots recorded() {
            return recorded;
        }

        LiveSnapshot of(String tenant) {
            return recorded.snapshots.of(tenant);
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
        grids.forEach(h -> h.getLifecycleService().terminate()); // no graceful hand-over of partitions: the test is done
    }

    @Test
    void followersGetTheOwnersSnapshotsUnderTheirOwnVersions() throws Exception {
        ports.add(freePort());
        ports.add(freePort());
        ports.add(freePort());
        Member a = new Member("A", "acme"::equals);
        Member b = new Member("B", t -> false);
        Eventually.until(Duration.ofSeconds(10), "two members", () -> grids.get(1).getCluster().getMembers().size() == 2);

        // the model of A publishes 30 snapshots in a burst: versions 1..30, 1..30 callers waiting in sales
        for (int v = 1; v <= 30; v++) {
            a.recorded.snapshots.publish(LiveSnapshotCodecTest.fullSnapshot("acme", v, v));
        }

        Eventually.until(Duration.ofSeconds(5), "B shows A's latest", () -> waiting(b.of("acme")) == 30);
        List<LiveChanged> onB = b.recorded.changes;
        assertThat(onB.size()).as("coalesced on the way").isLessThan(30);
        for (LiveChanged c : onB) {
            assertThat(c.current().version()).isEqualTo(c.previous().version() + 1);
        }
        assertThat(b.of("acme").version()).isEqualTo(onB.size());
        assertThat(b.recorded.snapshots.followed("acme")).isTrue();
        LiveSnapshot sent = LiveSnapshotCodecTest.fullSnapshot("acme", b.of("acme").version(), 30);
        assertThat(b.of("acme")).isEqualTo(sent);

        // a member joining now starts from the latest in the map, as its own version 1
        Member c = new Member("C", t -> false);
        Eventually.until(Duration.ofSeconds(10), "C shows A's latest", () -> waiting(c.of("acme")) == 30);
        assertThat(c.of("acme").version()).isEqualTo(1);

        // A heard its own frames on the topic (and repeats) and took none of them back
        Thread.sleep(500);
        assertThat(a.recorded.changes).hasSize(30);
        assertThat(a.recorded.snapshots.followed("acme")).isFalse();
        assertThat(a.of("acme").version()).isEqualTo(30);

        // nothing changes on A for longer than STALE: its repeats keep B connected
        Thread.sleep(STALE.toMillis() + 600);
        assertThat(b.of("acme").connected()).isTrue();

        // A falls silent: B keeps the figures, marked disconnected
        a.replication.close();
        a.sender.shutdownNow();
        Eventually.until(Duration.ofSeconds(5), "B shows acme disconnected", () -> !b.of("acme").connected());
        assertThat(waiting(b.of("acme"))).isEqualTo(30);
        LiveChanged last = b.recorded.changes.get(b.recorded.changes.size() - 1);
        assertThat(last.current().version()).isEqualTo(last.previous().version() + 1);
    }

    private static int waiting(LiveSnapshot s) {
        return s.queues().containsKey("sales") ? s.queues().get("sales").waiting().size() : -1;
    }

    /** A member of this test's cluster only: its own port, the test's ports as the only peers, no multicast. */
    private HazelcastInstance grid() {
        int port = ports.get(grids.size());
        Config c = new Config();
        c.setClusterName(clusterName);
        c.setInstanceName(clusterName + "-" + port);
        c.setProperty("hazelcast.logging.type", "jdk");
        c.setProperty("hazelcast.phone.home.enabled", "false");
        c.setProperty("hazelcast.wait.seconds.before.join", "0");
        c.setProperty("hazelcast.socket.bind.any", "false");
        c.setProperty("hazelcast.partition.count", "23"); // fewer partitions to migrate as members come and go
        NetworkConfig n = c.getNetworkConfig();
        n.setPort(port).setPortAutoIncrement(false);
        n.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = n.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true);
        ports.forEach(p -> join.getTcpIpConfig().addMember("127.0.0.1:" + p));
        HazelcastInstance h = Hazelcast.newHazelcastInstance(c);
        grids.add(h);
        return h;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
