package io.queuelens.web.api;

import io.queuelens.live.entity.LiveMember;
import io.queuelens.live.entity.LiveQueue;
import io.queuelens.live.entity.LiveSnapshot;
import io.queuelens.live.entity.MemberState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class LiveSnapshotLimitTest {

    @Test
    void onlyVisibleQueuesAndTheirMembersRemain() {
        Instant now = Instant.parse("2026-12-04T10:00:00Z");
        TreeMap<String, LiveQueue> queues = new TreeMap<>();
        for (String q : List.of("sales", "support", "vip")) {
            queues.put(q, new LiveQueue(q, List.of(), 1, 0, 0, 1, QUEUE_TOTALS_ZERO));
        }
        TreeMap<String, LiveMember> members = new TreeMap<>();
        members.put("a1", new LiveMember("a1", "Ann", Set.of("sales", "vip"), MemberState.ON_CALL, now, null, "555", "vip", 3));
        members.put("a2", new LiveMember("a2", "Bob", Set.of("vip"), MemberState.ON_CALL, now, null, "556", "vip", 1));
        members.put("a3", new LiveMember("a3", "Cem", Set.of("support"), MemberState.ON_CALL, now, null, "557", "support", 2));
        LiveSnapshot all = new LiveSnapshot("demo", 7, now, queues, members, true);

        LiveSnapshot cut = LiveSnapshotLimit.to(all, Set.of("sales", "support"));

        assertThat(cut.queues()).containsOnlyKeys("sales", "support");
        assertThat(cut.members()).containsOnlyKeys("a1", "a3");
        assertThat(cut.members().get("a1").queues()).containsExactly("sales");
        assertThat(cut.members().get("a1").callerNumber()).as("a call of a hidden queue").isNull();
        assertThat(cut.members().get("a1").callQueue()).isNull();
        assertThat(cut.members().get("a3").callerNumber()).isEqualTo("557");
        assertThat(cut.version()).isEqualTo(7);
    }

    private static final io.queuelens.kpi.entity.QueueTotals QUEUE_TOTALS_ZERO = io.queuelens.kpi.entity.QueueTotals.ZERO;
}
