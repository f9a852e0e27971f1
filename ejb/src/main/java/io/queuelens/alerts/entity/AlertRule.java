package io.queuelens.alerts.entity;

import java.time.LocalTime;
import java.util.List;
import java.util.Objects;

/**
 * A tenant's threshold rule (table {@code alert_rule}); checked by {@code AlertRuleChecks} before it is stored.
 *
 * @param id               0 before it is stored
 * @param pauseReason      for PAUSED_AGENTS: only pauses with this reason count; null for any reason
 * @param scopeIds         queue names (QUEUE, QUEUE_GROUP) or agent interfaces (AGENT)
 * @param clearThreshold   the incident resolves once {@code value <op> clearThreshold} no longer holds
 *                         (at or below the threshold for > and >=, at or above it for < and <=)
 * @param minDurationSeconds the condition must hold this long before the rule fires
 * @param quietFrom        start of the quiet hours (tenant's local time), null for none; may be after
 *                         {@code quietTo} (quiet across midnight)
 * @param channelIds       the tenant's channels that get notified (the in-app toast always is)
 */
public record AlertRule(long id, String tenantId, String name, Figure figure, String pauseReason, ScopeKind scopeKind,
                        List<String> scopeIds, Comparison comparison, double threshold, double clearThreshold,
                        int minDurationSeconds, Severity severity, LocalTime quietFrom, LocalTime quietTo,
                        List<Long> channelIds, boolean enabled) {

    public AlertRule {
        Objects.requireNonNull(tenantId, "tenantId");
        scopeIds = scopeIds == null ? List.of() : List.copyOf(scopeIds);
        channelIds = channelIds == null ? List.of() : List.copyOf(channelIds);
    }

    public AlertRule withId(long newId) {
        return new AlertRule(newId, tenantId, name, figure, pauseReason, scopeKind, scopeIds, comparison, threshold,
                clearThreshold, minDurationSeconds, severity, quietFrom, quietTo, channelIds, enabled);
    }

    public boolean hasQuietHours() {
        return quietFrom != null && quietTo != null && !quietFrom.equals(quietTo);
    }

    /** True when {@code local} (the tenant's wall clock) falls in the quiet hours [from, to), across midnight too. */
    public boolean isQuietAt(LocalTime local) {
        if (!hasQuietHours()) {
            return false;
        }
        return quietFrom.isBefore(quietTo)
                ? !local.isBefore(quietFrom) && local.isBefore(quietTo)
                : !local.isBefore(quietFrom) || local.isBefore(quietTo);
    }

    /** "Waiting > 5 (clear <= 2)", for messages. */
    public String condition() {
        return figure + " " + comparison.symbol() + " " + trim(threshold);
    }

    static String trim(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
