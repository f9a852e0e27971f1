package io.queuelens.alerts.control;

import io.queuelens.alerts.entity.AlertRule;
import io.queuelens.alerts.entity.Figure;
import io.queuelens.alerts.entity.RulePreviewResult;
import io.queuelens.alerts.entity.ScopeKind;
import io.queuelens.kpi.control.KpiSettingsHistory;
import io.queuelens.kpi.entity.QueueTotals;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;

/**
 * Replays a day's 15-minute rollups through a fresh {@link RuleEvaluator}: the figure at the end of each interval
 * (interval figures exactly as the engine computes them; live ones approximated, see {@link RulePreviewResult}).
 * Quiet hours do not hide a firing here: the preview shows when the rule would have fired.
 */
public final class RulePreview {

    private RulePreview() {
    }

    /** Whether a figure can be replayed from rollups at all (and over this scope). */
    public static boolean supports(AlertRule rule) {
        return rule.scopeKind() != ScopeKind.AGENT && switch (rule.figure()) {
            case WAITING, AVAILABLE_AGENTS, PAUSED_AGENTS -> false;
            default -> true;
        };
    }

    /**
     * @param buckets totals per bucket start and queue from an hour before the day's start to its end
     */
    public static RulePreviewResult replay(AlertRule rule, LocalDate day, ZoneId zone, NavigableMap<Instant, Map<String, QueueTotals>> buckets,
                                           KpiSettingsHistory history) {
        boolean approximate = !rule.figure().isInterval();
        if (!supports(rule)) {
            return new RulePreviewResult(day, false, approximate, List.of());
        }
        Instant start = day.atStartOfDay(zone).toInstant();
        Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
        RuleEvaluator evaluator = new RuleEvaluator(Duration.ofDays(2), zone);
        Map<String, RulePreviewResult.Firing> open = new LinkedHashMap<>();
        List<RulePreviewResult.Firing> done = new ArrayList<>();
        for (Instant t = start.plus(Duration.ofMinutes(15)); !t.isAfter(end); t = t.plus(Duration.ofMinutes(15))) {
            Instant from = switch (rule.figure()) {
                case SERVICE_LEVEL_TODAY, ABANDON_RATE_TODAY -> start;
                case LONGEST_WAIT -> t.minus(Duration.ofMinutes(15));
                default -> t.minus(Duration.ofMinutes(rule.figure().minutes()));
            };
            Map<String, QueueTotals> totals = sum(buckets.subMap(from, true, t, false));
            for (ScopeValues.Scoped v : values(rule, totals, history, t)) {
                Optional<RuleEvaluator.Outcome> o = evaluator.evaluate(rule, v.scopeKey(), v.value(), t);
                if (o.isEmpty()) {
                    continue;
                }
                switch (o.get().action()) {
                    case FIRE -> open.put(v.scopeKey(), new RulePreviewResult.Firing(v.scopeKey(), t, null, o.get().peak()));
                    case RESOLVE -> {
                        RulePreviewResult.Firing f = open.remove(v.scopeKey());
                        if (f != null) {
                            done.add(new RulePreviewResult.Firing(f.scopeKey(), f.firedAt(), t, o.get().peak()));
                        }
                    }
                    default -> { }
                }
            }
        }
        done.addAll(open.values());
        done.sort(java.util.Comparator.comparing(RulePreviewResult.Firing::firedAt).thenComparing(RulePreviewResult.Firing::scopeKey));
        return new RulePreviewResult(day, true, approximate, done);
    }

    private static List<ScopeValues.Scoped> values(AlertRule rule, Map<String, QueueTotals> totals, KpiSettingsHistory history,
                                                   Instant t) {
        if (rule.figure() != Figure.LONGEST_WAIT) {
            return ScopeValues.interval(rule, totals, history, t);
        }
        List<ScopeValues.Scoped> out = new ArrayList<>();
        if (rule.scopeKind() == ScopeKind.QUEUE_GROUP) {
            long max = rule.scopeIds().stream().mapToLong(q -> totals.getOrDefault(q, QueueTotals.ZERO).maxWait()).max().orElse(0);
            out.add(new ScopeValues.Scoped("group:" + String.join(",", rule.scopeIds()), rule.scopeIds(), (double) max, null));
        } else {
            for (String q : rule.scopeIds()) {
                out.add(new ScopeValues.Scoped("queue:" + q, List.of(q), (double) totals.getOrDefault(q, QueueTotals.ZERO).maxWait(), null));
            }
        }
        return out;
    }

    private static Map<String, QueueTotals> sum(Map<Instant, Map<String, QueueTotals>> buckets) {
        Map<String, QueueTotals> out = new HashMap<>();
        for (Map<String, QueueTotals> b : buckets.values()) {
            b.forEach((q, t) -> out.merge(q, t, QueueTotals::plus));
        }
        return out;
    }
}
