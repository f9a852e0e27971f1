package io.queuelens.alerts.entity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * When a rule would have fired over a past day, replayed through the rule evaluator at the end of each of its
 * 15-minute intervals.
 *
 * @param approximate true for a live figure replayed from 15-minute rollups (longest wait = the longest wait of
 *                    the calls of each interval; today's rates = the day so far at each interval's end)
 * @param supported   false for figures the rollups do not hold (waiting callers, agents available or paused)
 */
public record RulePreviewResult(LocalDate day, boolean supported, boolean approximate, List<Firing> firings) implements java.io.Serializable {

    /** @param resolvedAt null when still firing at the end of the day */
    public record Firing(String scopeKey, Instant firedAt, Instant resolvedAt, double peak) implements java.io.Serializable {
    }
}
