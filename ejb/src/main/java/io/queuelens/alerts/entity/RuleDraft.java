package io.queuelens.alerts.entity;

import java.util.List;

/**
 * A rule as typed in a form or sent to the API, every field as text (so a wrong value is a problem on its field,
 * not an exception of a converter). {@code scopeIds} and {@code channelIds} are comma-separated; quiet hours HH:mm.
 */
public record RuleDraft(String name, String figure, String pauseReason, String scopeKind, String scopeIds,
                        String comparison, String threshold, String clearThreshold, String minDurationSeconds,
                        String severity, String quietFrom, String quietTo, List<Long> channelIds, boolean enabled) {

    public static RuleDraft of(AlertRule r) {
        return new RuleDraft(r.name(), r.figure().name(), r.pauseReason(), r.scopeKind().name(), String.join(",", r.scopeIds()),
                r.comparison().symbol(), AlertRule.trim(r.threshold()), AlertRule.trim(r.clearThreshold()),
                String.valueOf(r.minDurationSeconds()), r.severity().name(),
                r.quietFrom() == null ? "" : r.quietFrom().toString(), r.quietTo() == null ? "" : r.quietTo().toString(),
                r.channelIds(), r.enabled());
    }
}
