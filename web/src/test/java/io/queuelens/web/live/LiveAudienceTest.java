package io.queuelens.web.live;

import io.queuelens.kpi.entity.QueueTotals;
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

class LiveAudienceTest {

    @Test
    void viewersOfTheSameQueuesAreOneAudienceWhateverTheOrder() {
        assertThat(new LiveAudience("demo", List.of("vip", "sales"))).isEqualTo(new LiveAudience("demo", List.of("sales", "vip")));
        assertThat(LiveAudience.everyQueue("demo")).isNotEqualTo(new LiveAudience("demo", List.of("sales")));
        assertThat(LiveAudience.everyQueue("demo").seesEveryQueue()).isTrue();
    }

    @Test
    void aLimitedAudienceGetsItsQueuesMembersAndOnlyGroupsOfItsQueues() {
        Instant now = Instant.parse("2026-12-04T10:00:00Z");
        TreeMap<String, LiveQueue> queues = new TreeMap<>();
        for (String q : List.of("sales", "support")) {
            queues.put(q, new LiveQueue(q, List.of(), 1, 0, 0, 1, QueueTotals.ZERO));
        }
        TreeMap<String, LiveMember> members = new TreeMap<>();
        members.put("a1", new LiveMember("a1", "Ann", Set.of("sales"), MemberState.AVAILABLE, now, null, null, null, 0));
        members.put("a2", new LiveMember("a2", "Bob", Set.of("support"), MemberState.ON_CALL, now, null, "555", "support", 1));
        LiveSnapshot all = new LiveSnapshot("demo", 3, now, queues, members, true);

        LiveAudience sales = new LiveAudience("demo", List.of("sales"));
        LiveSnapshot cut = sales.cut(all);
        assertThat(cut.queues().keySet()).containsExactly("sales");
        assertThat(cut.members().keySet()).containsExactly("a1");
        assertThat(LiveAudience.everyQueue("demo").cut(all)).isSameAs(all);

        assertThat(sales.groupsOf(Set.of("*", "sales", "sales,support", "support"))).containsExactlyInAnyOrder("*", "sales");
        assertThat(LiveAudience.everyQueue("demo").groupsOf(Set.of("sales,support"))).containsExactly("sales,support");
    }
}
