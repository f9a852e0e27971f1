package io.queuelens.kpi.control;

import io.queuelens.kpi.entity.KpiSettings;
import io.queuelens.kpi.entity.QueueSettingsOverride;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A tenant's settings over time: its default versions and each queue's override versions. Answers
 * "which settings apply to queue Q at instant T" the same way for live, reports and rebuilds, so a
 * figure for March is computed with March's settings even after they were changed in April.
 */
public final class KpiSettingsHistory {

    private final List<KpiSettings> tenantVersions;
    private final List<QueueSettingsOverride> overrides;

    public KpiSettingsHistory(List<KpiSettings> tenantVersions, List<QueueSettingsOverride> overrides) {
        if (tenantVersions.isEmpty()) {
            throw new IllegalArgumentException("a tenant has at least one version of default settings");
        }
        this.tenantVersions = sorted(tenantVersions, Comparator.comparing(KpiSettings::effectiveFrom));
        this.overrides = sorted(overrides, Comparator.comparing(QueueSettingsOverride::effectiveFrom));
        requireUnique(this.tenantVersions.stream().map(s -> s.effectiveFrom().toString()).toList(),
                "two tenant default versions start at the same instant");
        requireUnique(this.overrides.stream().map(o -> o.queue() + "@" + o.effectiveFrom()).toList(),
                "two override versions of one queue start at the same instant");
    }

    /** Only KPI.md's defaults, no overrides. */
    public static KpiSettingsHistory defaultsOnly() {
        return new KpiSettingsHistory(List.of(KpiSettings.DEFAULTS), List.of());
    }

    /** The settings for visits of {@code queue} entering at {@code at}, or empty before the first tenant version. */
    public Optional<KpiSettings> findEffective(String queue, Instant at) {
        Objects.requireNonNull(queue, "queue");
        KpiSettings defaults = null;
        for (KpiSettings s : tenantVersions) {
            if (!s.effectiveFrom().isAfter(at)) {
                defaults = s;
            }
        }
        if (defaults == null) {
            return Optional.empty();
        }
        QueueSettingsOverride override = null;
        for (QueueSettingsOverride o : overrides) {
            if (o.queue().equals(queue) && !o.effectiveFrom().isAfter(at)) {
                override = o;
            }
        }
        return Optional.of(override == null ? defaults : override.applyTo(defaults));
    }

    /**
     * The tenant's default settings in force at {@code at} (no queue override): what an agent's time
     * is counted with, since an agent serves many queues at once.
     */
    public KpiSettings tenantDefaults(Instant at) {
        KpiSettings defaults = tenantVersions.get(0);
        for (KpiSettings s : tenantVersions) {
            if (!s.effectiveFrom().isAfter(at)) {
                defaults = s;
            }
        }
        return defaults;
    }

    /** Like {@link #findEffective} but an instant before the first version is a caller's error. */
    public KpiSettings getEffective(String queue, Instant at) {
        return findEffective(queue, at).orElseThrow(() -> new IllegalArgumentException(
                "no KPI settings effective at " + at + "; the first version starts at "
                        + tenantVersions.get(0).effectiveFrom()));
    }

    /** The longest repeat window any version uses: how far back a new call can turn a visit into a repeat. */
    public int maxRepeatWindowHours() {
        int max = tenantVersions.stream().mapToInt(KpiSettings::repeatWindowHours).max().orElse(0);
        for (QueueSettingsOverride o : overrides) {
            if (o.repeatWindowHours() != null) {
                max = Math.max(max, o.repeatWindowHours());
            }
        }
        return max;
    }

    private static <T> List<T> sorted(List<T> items, Comparator<T> order) {
        List<T> copy = new ArrayList<>(items);
        copy.sort(order);
        return List.copyOf(copy);
    }

    private static void requireUnique(List<String> keys, String message) {
        Set<String> seen = new HashSet<>();
        for (String k : keys) {
            if (!seen.add(k)) {
                throw new IllegalArgumentException(message + ": " + k);
            }
        }
    }
}
