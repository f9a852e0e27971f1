package io.queuelens.it;

import io.queuelens.it.support.ClusterOfServers;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two QueueLens servers started in cluster mode ({@code QUEUELENS_CLUSTER_ENABLED}, TCP discovery on
 * loopback) on one MariaDB database: they must form one Payara data grid that the app really sees
 * (the app's {@code Cluster} looks up Payara's Hazelcast instance, so this also proves the app's class
 * loader shares Payara's Hazelcast classes).
 */
class ClusterFailoverIT {

    private static ClusterOfServers cluster;

    @BeforeAll
    static void startTwoMembers() throws Exception {
        cluster = ClusterOfServers.start("cluster", 2, Map.of("QUEUELENS_DEMO_ENABLED", "false"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void theTwoServersFormOneGridThatTheAppSees() throws Exception {
        JsonObject first = cluster.clusterStatus(0);
        JsonObject second = cluster.clusterStatus(1);
        assertThat(first.getBoolean("clustered")).isTrue();
        assertThat(second.getBoolean("clustered")).isTrue();
        String a = first.getString("memberId");
        String b = second.getString("memberId");
        assertThat(a).isNotEqualTo(b);
        assertThat(cluster.membersSeenBy(0)).isEqualTo(Set.of(a, b));
        assertThat(cluster.membersSeenBy(1)).isEqualTo(Set.of(a, b));
    }
}
