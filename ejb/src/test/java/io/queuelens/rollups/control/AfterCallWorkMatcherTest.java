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

    /**
     * The matcher compares a pause only with the calls ending near its start; the pairs it finds are those of
     * comparing every pause with every call of its agent (the reference below), on random days with settings
     * per queue (windows of 0 to 30 s, ACW billable or not), pause copies per queue, sub-millisecond times and
     * calls ending at the same instant.
     */
    @Test
    void matchesAsComparingEveryPauseWithEveryCall() {
        KpiSettings narrow = KpiSettings.builder().acwMatchSeconds(2).build();
        KpiSettings wide = KpiSettings.builder().acwMatchSeconds(30).build();
        KpiSettings none = KpiSettings.builder().acwMatchSeconds(0).build();
        KpiSettings notBillable = KpiSettings.builder().billablePauseReasons("Training").acwMatchSeconds(30).build();
        Map<String, KpiSettings> byQueue = Map.of("q1", narrow, "q2", wide, "q3", none, "q4", notBillable, "q5", S);
        java.util.function.Function<QueueVisit, KpiSettings> settings = v -> byQueue.get(v.queue());
        java.time.Instant day = java.time.Instant.parse("2026-03-10T09:00:00Z");
        int matched = 0;
        for (long seed = 0; seed < 300; seed++) {
            java.util.Random r = new java.util.Random(seed);
            List<QueueVisit> visits = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                // entered at whole seconds or with a fraction below the millisecond; ends on few distinct instants
                String entered = day.plusSeconds(r.nextInt(600)).plusNanos(r.nextBoolean() ? 0 : r.nextInt(1_000_000)).toString();
                visits.add(answered("c" + i, 1, "q" + (1 + r.nextInt(5)), "+1", entered, r.nextInt(3), r.nextInt(40),
                        0, "A" + r.nextInt(3), false));
            }
            List<AgentPause> pauses = new java.util.ArrayList<>();
            for (int i = 0; i < 30; i++) {
                java.time.Instant start = day.plusSeconds(r.nextInt(700)).plusNanos(r.nextBoolean() ? 0 : r.nextInt(1_000_000));
                AgentPause p = new AgentPause(io.queuelens.rollups.TestVisits.TENANT, "demo", "A" + r.nextInt(3), "q" + (1 + r.nextInt(2)),
                        r.nextInt(4) == 0 ? "Lunch" : "ACW", start, start.plusSeconds(1 + r.nextInt(60)));
                pauses.add(p);
                if (r.nextInt(3) == 0) { // the same pause logged in another queue
                    pauses.add(new AgentPause(p.tenantId(), p.sourceId(), p.agent(), "q9", p.reason(), p.startAt(), p.endAt()));
                }
            }
            Map<String, AgentPause> found = AfterCallWorkMatcher.match(visits, pauses, settings);
            assertThat(found).as("seed " + seed).isEqualTo(everyPairCompared(visits, pauses, settings));
            matched += found.size();
        }
        assertThat(matched).as("calls given an ACW pause over all seeds").isGreaterThan(1_000);
    }

    /** The matching of KPI.md by brute force: every pause against every answered call of its agent. */
    private static Map<String, AgentPause> everyPairCompared(List<QueueVisit> visits, List<AgentPause> pauses,
                                                            java.util.function.Function<QueueVisit, KpiSettings> settings) {
        record Pair(QueueVisit visit, AgentPause pause, long gapMillis) {
        }
        List<Pair> pairs = new java.util.ArrayList<>();
        for (AgentPause p : pauses) {
            for (QueueVisit v : visits) {
                if (!v.answered() || v.endedAt() == null || !p.agent().equals(v.agent()) || !p.tenantId().equals(v.tenantId())) {
                    continue;
                }
                long gap = java.time.Duration.between(v.endedAt(), p.startAt()).toMillis();
                KpiSettings s = settings.apply(v);
                if (s.isAfterCallWork(p.reason()) && Math.abs(gap) <= s.acwMatchSeconds() * 1000L) {
                    pairs.add(new Pair(v, p, gap));
                }
            }
        }
        pairs.sort(java.util.Comparator.comparingLong((Pair c) -> Math.abs(c.gapMillis()))
                .thenComparing(c -> c.gapMillis() < 0)
                .thenComparing(c -> c.visit().endedAt(), java.util.Comparator.reverseOrder())
                .thenComparing(c -> c.visit().naturalKey()));
        Map<String, AgentPause> matched = new java.util.HashMap<>();
        java.util.Set<String> taken = new java.util.HashSet<>();
        for (Pair c : pairs) {
            String pauseKey = c.pause().tenantId() + "|" + c.pause().agent() + "|" + c.pause().startAt();
            if (!matched.containsKey(c.visit().naturalKey()) && taken.add(pauseKey)) {
                matched.put(c.visit().naturalKey(), c.pause());
            }
        }
        return matched;
    }
}
