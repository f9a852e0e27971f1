package io.queuelens.kpi.entity;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored version of a tenant's KPI settings, with who made it and when: either new tenant defaults
 * or a new version of one queue's overrides (exactly one of the two is set).
 */
public record SettingsChange(KpiSettings tenantSettings, QueueSettingsOverride queueOverride, String changedBy,
                             Instant changedAt) {

    public SettingsChange {
        if ((tenantSettings == null) == (queueOverride == null)) {
            throw new IllegalArgumentException("a change is either tenant defaults or a queue override");
        }
        Objects.requireNonNull(changedBy, "changedBy");
        Objects.requireNonNull(changedAt, "changedAt");
    }

    public static SettingsChange ofTenant(KpiSettings settings, String changedBy, Instant changedAt) {
        return new SettingsChange(settings, null, changedBy, changedAt);
    }

    public static SettingsChange ofQueue(QueueSettingsOverride override, String changedBy, Instant changedAt) {
        return new SettingsChange(null, override, changedBy, changedAt);
    }

    /** The queue of an override; null for tenant defaults. */
    public String queue() {
        return queueOverride == null ? null : queueOverride.queue();
    }

    public Instant effectiveFrom() {
        return tenantSettings != null ? tenantSettings.effectiveFrom() : queueOverride.effectiveFrom();
    }

    /** {@code t3} for tenant defaults version 3, {@code q2} for version 2 of a queue's overrides. */
    public String versionLabel() {
        return tenantSettings != null ? tenantSettings.version() : "q" + queueOverride.version();
    }
}
