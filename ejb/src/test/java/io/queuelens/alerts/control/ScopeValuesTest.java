package io.queuelens.alerts.control;

import io.queuelens.alerts.entity.AlertRule;
import io.queuelens.alerts.entity.Comparison;
import io.queuelens.alerts.entity.Figure;
import io.queuelens.alerts.entity.RulePreviewResult;
import io.queuelens.alerts.entity.ScopeKind;
import io.queuelens.alerts.entity.Severity;
import io.queuelens.kpi.control.KpiSettingsHistory;
import io.queuelens.kpi.entity.QueueTotals;
import io.queuelens.live.entity.LiveMember;
import io.queuelens.live.entity.LiveQueue;
import io.queuelens.live.entity.LiveSnapshot;
import io.queuelens.live.entity.MemberState;
import io.queuelens.live.entity.WaitingCaller;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Figure values per scope from a live snapshot and from rollup totals, and the replay over a past day. */
class ScopeValuesTest {

    static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    static final KpiSettingsHistory DEFAULTS = KpiSettingsHistory.defaultsOnly();

    /** offered visits of which answered (inSla within 20 s) and abandoned (none short); maxWait seconds. */
    static QueueTotals t(long offered, long answered, long inSla, long abandoned, long maxWait) {
        return new QueueTotals(offered, 0, answered, abandoned, 0, offered - answered - abandoned, 0, 0, 0, 0, inSla, 0, 0,
                offered, 0, 0, 0, 0, 0, 0, maxWait, maxWait > 0 ? 1 : 0);
    }

    static AlertRule rule(Figure f, ScopeKind kind, List<String> ids, Comparison c, double threshold, double clear, String reason) {
        return new AlertRule(1, "t1", "r", f, reason, kind, ids, c, threshold, clear, 0, Severity.WARNING, null, null, List.of(), true);
    }

    static LiveSnapshot snapshot() {
        TreeMap<String, LiveQueue> queues = new TreeMap<>();
        queues.put("a", new LiveQueue("a", List.of(
                new WaitingCaller("a", "1.1", "555", null, 1, NOW.minusSeconds(30)),
                new WaitingCaller("a", "1.2", "556", null, 2, NOW.minusSeconds(90))), 1, 0, 2, 3, t(10, 8, 6, 1, 95)));
        queues.put("b", new LiveQueue("b", List.of(new WaitingCaller("b", "2.1", "557", null, 1, NOW.minusSeconds(10))),
                0, 1, 1, 2, t(10, 10, 10, 0, 5)));
        TreeMap<String, LiveMember> members = new TreeMap<>();
        members.put("PJSIP/1", new LiveMember("PJSIP/1", "Ann", Set.of("a", "b"), MemberState.PAUSED, NOW, "Lunch", null, null, 0));
        members.put("PJSIP/2", new LiveMember("PJSIP/2", "Bob", Set.of("a"), MemberState.PAUSED, NOW, "ACW", null, null, 0));
        members.put("PJSIP/3", new LiveMember("PJSIP/3", "Cy", Set.of("a"), MemberState.AVAILABLE, NOW, null, null, null, 0));
        members.put("PJSIP/4", new LiveMember("PJSIP/4", "Di", Set.of("b"), MemberState.ON_CALL, NOW, null, null, null, 0));
        return new LiveSnapshot("t1", 5, NOW, queues, members, true);
    }

    @Test
    void liveQueueFigures() {
        LiveSnapshot s = snapshot();
        assertThat(ScopeValues.live(rule(Figure.WAITING, ScopeKind.QUEUE, List.of("a", "b", "gone"), Comparison.GT, 1, 1, null), s,
                DEFAULTS, NOW)).extracting(ScopeValues.Scoped::scopeKey, ScopeValues.Scoped::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("queue:a", 2.0), org.assertj.core.groups.Tuple.tuple("queue:b", 1.0),
                        org.assertj.core.groups.Tuple.tuple("queue:gone", null));
        ScopeValues.Scoped longest = ScopeValues.live(rule(Figure.LONGEST_WAIT, ScopeKind.QUEUE, List.of("a"), Comparison.GT, 120, 60, null),
                s, DEFAULTS, NOW).get(0);
        assertThat(longest.value()).isEqualTo(90.0);
        assertThat(longest.crossesAt()).as("when the oldest caller passes 120 s").isEqualTo(NOW.minusSeconds(90).plusSeconds(121));
        // SL today of a: 6 in SLA of 10 offered (OFFERED mode) = 60 %; abandon rate 1/10
        assertThat(ScopeValues.live(rule(Figure.SERVICE_LEVEL_TODAY, ScopeKind.QUEUE, List.of("a"), Comparison.LT, 80, 80, null), s,
                DEFAULTS, NOW).get(0).value()).isEqualTo(60.0);
        assertThat(ScopeValues.live(rule(Figure.ABANDON_RATE_TODAY, ScopeKind.QUEUE, List.of("a"), Comparison.GT, 5, 5, null), s,
                DEFAULTS, NOW).get(0).value()).isEqualTo(10.0);
    }

    @Test
    void aGroupSumsItsQueuesAndCountsEachAgentOnce() {
        LiveSnapshot s = snapshot();
        List<String> ab = List.of("a", "b");
        ScopeValues.Scoped waiting = ScopeValues.live(rule(Figure.WAITING, ScopeKind.QUEUE_GROUP, ab, Comparison.GT, 1, 1, null), s,
                DEFAULTS, NOW).get(0);
        assertThat(waiting.scopeKey()).isEqualTo("group:a,b");
        assertThat(waiting.value()).isEqualTo(3.0);
        assertThat(waiting.queues()).containsExactly("a", "b");
        assertThat(ScopeValues.live(rule(Figure.PAUSED_AGENTS, ScopeKind.QUEUE_GROUP, ab, Comparison.GT, 1, 1, null), s, DEFAULTS, NOW)
                .get(0).value()).isEqualTo(2.0); // Ann is in both queues: once
        assertThat(ScopeValues.live(rule(Figure.SERVICE_LEVEL_TODAY, ScopeKind.QUEUE_GROUP, ab, Comparison.LT, 80, 80, null), s,
                DEFAULTS, NOW).get(0).value()).isEqualTo(80.0); // 16 of 20
    }

    @Test
    void pauseReasonsAndAgentScopes() {
        LiveSnapshot s = snapshot();
        assertThat(ScopeValues.live(rule(Figure.PAUSED_AGENTS, ScopeKind.QUEUE, List.of("a"), Comparison.GE, 1, 1, "lunch"), s,
                DEFAULTS, NOW).get(0).value()).isEqualTo(1.0);
        assertThat(ScopeValues.live(rule(Figure.PAUSED_AGENTS, ScopeKind.QUEUE, List.of("a"), Comparison.GE, 1, 1, null), s,
                DEFAULTS, NOW).get(0).value()).isEqualTo(2.0);
        List<ScopeValues.Scoped> agents = ScopeValues.live(rule(Figure.PAUSED_AGENTS, ScopeKind.AGENT, List.of("PJSIP/1", "PJSIP/3",
                "PJSIP/9"), Comparison.GE, 1, 1, null), s, DEFAULTS, NOW);
        assertThat(agents).extracting(ScopeValues.Scoped::value).containsExactly(1.0, 0.0, 0.0);
        assertThat(agents.get(0).queues()).containsExactlyInAnyOrder("a", "b");
        assertThat(agents.get(2).queues()).isEmpty();
    }

    @Test
    void intervalFiguresComeFromTheTotalsAndHaveNoValueWithoutCalls() {
        Map<String, QueueTotals> totals = Map.of("a", t(4, 3, 2, 1, 40));
        List<ScopeValues.Scoped> v = ScopeValues.interval(rule(Figure.SERVICE_LEVEL_30M, ScopeKind.QUEUE, List.of("a", "b"), Comparison.LT,
                80, 80, null), totals, DEFAULTS, NOW);
        assertThat(v.get(0).value()).isEqualTo(50.0);
        assertThat(v.get(1).value()).as("no calls: no service level, never 0 %").isNull();
    }

    @Test
    void yesterdaysReplayFiresAndResolvesAtIntervalEnds() {
        LocalDate day = LocalDate.of(2026, 3, 1);
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        TreeMap<Instant, Map<String, QueueTotals>> buckets = new TreeMap<>();
        for (int i = 0; i < 96; i++) {
            Map<String, QueueTotals> m = new HashMap<>();
            // 10:00-11:00 bad (SL 20 %), else good (SL 100 %)
            boolean bad = i >= 40 && i < 44;
            m.put("a", bad ? t(10, 5, 2, 5, 300) : t(10, 10, 10, 0, 5));
            buckets.put(start.plusSeconds(i * 900L), m);
        }
        AlertRule sl = rule(Figure.SERVICE_LEVEL_15M, ScopeKind.QUEUE, List.of("a"), Comparison.LT, 80, 90, null);
        RulePreviewResult r = RulePreview.replay(sl, day, ZoneOffset.UTC, buckets, DEFAULTS);
        assertThat(r.supported()).isTrue();
        assertThat(r.approximate()).isFalse();
        assertThat(r.firings()).hasSize(1);
        assertThat(r.firings().get(0).firedAt()).isEqualTo(start.plusSeconds(41 * 900L)); // end of the first bad interval
        assertThat(r.firings().get(0).resolvedAt()).isEqualTo(start.plusSeconds(45 * 900L));
        assertThat(r.firings().get(0).peak()).isEqualTo(20.0);

        AlertRule longest = rule(Figure.LONGEST_WAIT, ScopeKind.QUEUE, List.of("a"), Comparison.GT, 120, 60, null);
        RulePreviewResult approx = RulePreview.replay(longest, day, ZoneOffset.UTC, buckets, DEFAULTS);
        assertThat(approx.approximate()).isTrue();
        assertThat(approx.firings()).hasSize(1);

        AlertRule waiting = rule(Figure.WAITING, ScopeKind.QUEUE, List.of("a"), Comparison.GT, 1, 1, null);
        assertThat(RulePreview.replay(waiting, day, ZoneOffset.UTC, buckets, DEFAULTS).supported()).isFalse();
    }
}
