package io.queuelens.rollups.control;

import io.queuelens.calls.entity.AgentPause;
import io.queuelens.calls.entity.QueueVisit;
import io.queuelens.kpi.entity.KpiSettings;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.queuelens.rollups.TestVisits.answered;
import static io.queuelens.rollups.TestVisits.pause;
import static org.assertj.core.api.Assertions.assertThat;

class AfterCallWorkMatcherTest {

    private static final KpiSettings S = KpiSettings.DEFAULTS;

    @Test
    void aPauseBelongsToTheClosestCallOnlyAndCopiesPerQueueCountOnce() {
        // two calls of A1 end a second apart (agent in two queues); the ACW pause is logged in both queues
        QueueVisit x = answered("x", 1, "q1", "+1", "2026-03-10T09:00:00Z", 0, 100, 0, "A1", false); // ends 09:01:40
        QueueVisit y = answered("y", 1, "q2", "+2", "2026-03-10T09:00:01Z", 0, 100, 0, "A1", false); // ends 09:01:41
        AgentPause p1 = pause("A1", "ACW", "2026-03-10T09:01:42Z", "2026-03-10T09:02:42Z");
        AgentPause p2 = new AgentPause(p1.tenantId(), p1.sourceId(), "A1", "q2", "ACW", p1.startAt(), p1.endAt());
        Map<String, Integer> acw = AfterCallWorkMatcher.acwSeconds(List.of(x, y), List.of(p1, p2), v -> S);
        assertThat(acw).containsExactly(Map.entry(y.naturalKey(), 60));
    }

    @Test
    void onlyBillableAcwPausesOfTheSameAgentWithinTheWindow() {
        QueueVisit v = answered("v", 1, "q", "+1", "2026-03-10T09:00:00Z", 0, 100, 0, "A1", false); // ends 09:01:40
        assertThat(AfterCallWorkMatcher.acwSeconds(List.of(v), List.of(
                pause("A1", "ACW", "2026-03-10T09:01:46Z", "2026-03-10T09:02:00Z"),    // 6 s: too late
                pause("A2", "ACW", "2026-03-10T09:01:40Z", "2026-03-10T09:02:00Z"),    // other agent
                pause("A1", "Lunch", "2026-03-10T09:01:40Z", "2026-03-10T09:30:00Z")), // not ACW
                x -> S)).isEmpty();
        assertThat(AfterCallWorkMatcher.acwSeconds(List.of(v),
                List.of(pause("A1", "ACW", "2026-03-10T09:01:36Z", "2026-03-10T09:02:00Z")), x -> S))
                .containsExactly(Map.entry(v.naturalKey(), 24));                       // 4 s before the end: logged first
        assertThat(AfterCallWorkMatcher.acwSeconds(List.of(v),
                List.of(pause("A1", "ACW", "2026-03-10T09:01:40Z", null)), x -> S))
                .containsExactly(Map.entry(v.naturalKey(), 0));                        // still in ACW
        KpiSettings acwNotBillable = KpiSettings.builder().billablePauseReasons("Training").build();
        assertThat(AfterCallWorkMatcher.acwSeconds(List.of(v),
                List.of(pause("A1", "ACW", "2026-03-10T09:01:40Z", "2026-03-10T09:02:00Z")), x -> acwNotBillable)).isEmpty();
    }
}
