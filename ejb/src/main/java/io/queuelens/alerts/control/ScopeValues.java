package io.queuelens.alerts.control;

import io.queuelens.alerts.entity.AlertRule;
import io.queuelens.alerts.entity.Figure;
import io.queuelens.alerts.entity.ScopeKind;
import io.queuelens.kpi.control.KpiCalculator;
import io.queuelens.kpi.control.KpiSettingsHistory;
import io.queuelens.kpi.entity.KpiSettings;
import io.queuelens.kpi.entity.QueueFigures;
import io.queuelens.kpi.entity.QueueTotals;
import io.queuelens.live.entity.LiveMember;
import io.queuelens.live.entity.LiveQueue;
import io.queuelens.live.entity.LiveSnapshot;
import io.queuelens.live.entity.MemberState;
import io.queuelens.live.entity.WaitingCaller;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The value of a rule's figure for each of its scopes: live figures from a live snapshot, interval figures from
 * summed rollup totals. Rates go through the one KPI calculator ({@link KpiCalculator#queueFigures}) with the
 * queue's settings in force (a group: the tenant defaults, as the wallboard's group cards do).
 */
public final class ScopeValues {

    /**
     * One scope's value.
     *
     * @param value     null when there is nothing to compare (a rate without calls, a queue the PBX does not report)
     * @param crossesAt for a longest wait under its threshold: when the oldest caller will cross it (the engine looks
     *                  again then, since no event marks that moment); else null
     */
    public record Scoped(String scopeKey, List<String> queues, Double value, Instant crossesAt) {
    }

    private ScopeValues() {
    }

    /** A rule over a live figure (including today's rates) against a snapshot, at {@code now} (server clock). */
    public static List<Scoped> live(AlertRule rule, LiveSnapshot s, KpiSettingsHistory history, Instant now) {
        List<Scoped> out = new ArrayList<>();
        switch (rule.scopeKind()) {
            case QUEUE -> {
                for (String q : rule.scopeIds()) {
                    out.add(queues(rule, s, List.of(q), "queue:" + q, history, now));
                }
            }
            case QUEUE_GROUP -> out.add(queues(rule, s, rule.scopeIds(), "group:" + String.join(",", rule.scopeIds()), history, now));
            case AGENT -> {
                for (String a : rule.scopeIds()) {
                    LiveMember m = s.members().get(a);
                    double v = m == null ? 0 : switch (rule.figure()) {
                        case AVAILABLE_AGENTS -> m.state() == MemberState.AVAILABLE ? 1 : 0;
                        case PAUSED_AGENTS -> pausedFor(m, rule.pauseReason()) ? 1 : 0;
                        default -> 0;
                    };
                    out.add(new Scoped("agent:" + a, m == null ? List.of() : List.copyOf(m.queues()), v, null));
                }
            }
        }
        return out;
    }

    /** A rule over an interval figure against the period's totals per queue. */
    public static List<Scoped> interval(AlertRule rule, Map<String, QueueTotals> totals, KpiSettingsHistory history, Instant at) {
        List<Scoped> out = new ArrayList<>();
        if (rule.scopeKind() == ScopeKind.QUEUE_GROUP) {
            QueueTotals sum = QueueTotals.ZERO;
            for (String q : rule.scopeIds()) {
                sum = sum.plus(totals.getOrDefault(q, QueueTotals.ZERO));
            }
            out.add(new Scoped("group:" + String.join(",", rule.scopeIds()), rule.scopeIds(),
                    rate(rule.figure(), sum, history.tenantDefaults(at)), null));
        } else if (rule.scopeKind() == ScopeKind.QUEUE) {
            for (String q : rule.scopeIds()) {
                out.add(new Scoped("queue:" + q, List.of(q),
                        rate(rule.figure(), totals.getOrDefault(q, QueueTotals.ZERO), history.getEffective(q, at)), null));
            }
        }
        return out;
    }

    private static Scoped queues(AlertRule rule, LiveSnapshot s, List<String> names, String key, KpiSettingsHistory history,
                                 Instant now) {
        List<LiveQueue> found = names.stream().map(s.queues()::get).filter(java.util.Objects::nonNull).toList();
        if (found.isEmpty()) {
            return new Scoped(key, names, null, null);
        }
        Double value;
        Instant crossesAt = null;
        switch (rule.figure()) {
            case WAITING -> value = (double) found.stream().mapToInt(q -> q.waiting().size()).sum();
            case LONGEST_WAIT -> {
                WaitingCaller oldest = null;
                for (LiveQueue q : found) {
                    WaitingCaller w = q.longestWaiting();
                    if (w != null && (oldest == null || w.enteredAt().isBefore(oldest.enteredAt()))) {
                        oldest = w;
                    }
                }
                value = oldest == null ? 0.0 : (double) oldest.waitSeconds(now);
                if (oldest != null && !rule.comparison().holds(value, rule.threshold())) {
                    crossesAt = oldest.enteredAt().plusSeconds((long) Math.floor(rule.threshold()) + 1);
                }
            }
            case AVAILABLE_AGENTS -> value = found.size() == 1 ? (double) found.get(0).available()
                    : (double) members(s, names, m -> m.state() == MemberState.AVAILABLE);
            case PAUSED_AGENTS -> value = found.size() == 1 && rule.pauseReason() == null ? (double) found.get(0).paused()
                    : (double) members(s, names, m -> pausedFor(m, rule.pauseReason()));
            case SERVICE_LEVEL_TODAY, ABANDON_RATE_TODAY -> {
                QueueTotals sum = QueueTotals.ZERO;
                for (LiveQueue q : found) {
                    sum = sum.plus(q.today());
                }
                KpiSettings settings = names.size() == 1 ? history.getEffective(names.get(0), now) : history.tenantDefaults(now);
                value = rate(rule.figure(), sum, settings);
            }
            default -> value = null; // interval figures are not read from the snapshot
        }
        return new Scoped(key, names, value, crossesAt);
    }

    private static long members(LiveSnapshot s, List<String> queues, java.util.function.Predicate<LiveMember> which) {
        return s.members().values().stream()
                .filter(m -> m.queues().stream().anyMatch(queues::contains))
                .filter(which).count();
    }

    private static boolean pausedFor(LiveMember m, String reason) {
        return m.state() == MemberState.PAUSED && (reason == null || reason.equalsIgnoreCase(m.pauseReason()));
    }

    /** Service level or abandon rate (KPI.md) of the totals; null without calls to rate. */
    static Double rate(Figure figure, QueueTotals totals, KpiSettings settings) {
        QueueFigures f = KpiCalculator.queueFigures(totals, settings);
        return figure.isServiceLevel() ? f.serviceLevel() : f.abandonRate();
    }
}
