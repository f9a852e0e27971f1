package io.queuelens.kpi.entity;

import java.time.Instant;
import java.util.Objects;

/**
 * One version of a queue's deviations from the tenant defaults; a null field means "use the tenant
 * default". Billable pause reasons are agent settings and stay tenant-wide.
 *
 * @param queue         queue name as the PBX logs it
 * @param version       1, 2, ... per queue
 * @param effectiveFrom first instant this version applies to
 */
public record QueueSettingsOverride(String queue, int version, Instant effectiveFrom, Integer slaSeconds,
                                    Integer shortAbandonSeconds, SlaMode slaMode, Integer shortCallSeconds,
                                    Integer repeatWindowHours, Integer acwMatchSeconds) {

    public QueueSettingsOverride {
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        if (version < 1) {
            throw new IllegalArgumentException("queue settings versions start at 1, was " + version);
        }
    }

    /**
     * The resolved settings: the defaults with these overrides. Validation runs on the result, so an
     * override that is out of range is reported with the setting's name.
     */
    public KpiSettings applyTo(KpiSettings defaults) {
        KpiSettings.Builder b = defaults.toBuilder()
                .version(defaults.version() + "/q" + version)
                .effectiveFrom(defaults.effectiveFrom().isAfter(effectiveFrom) ? defaults.effectiveFrom() : effectiveFrom);
        if (slaSeconds != null) {
            b.slaSeconds(slaSeconds);
        }
        if (shortAbandonSeconds != null) {
            b.shortAbandonSeconds(shortAbandonSeconds);
        }
        if (slaMode != null) {
            b.slaMode(slaMode);
        }
        if (shortCallSeconds != null) {
            b.shortCallSeconds(shortCallSeconds);
        }
        if (repeatWindowHours != null) {
            b.repeatWindowHours(repeatWindowHours);
        }
        if (acwMatchSeconds != null) {
            b.acwMatchSeconds(acwMatchSeconds);
        }
        return b.build();
    }

    /** The overridden settings only, e.g. {@code slaSeconds=10, slaMode=ANSWERED}; the rest is the tenant's. */
    public String description() {
        java.util.StringJoiner j = new java.util.StringJoiner(", ");
        if (slaSeconds != null) {
            j.add("slaSeconds=" + slaSeconds);
        }
        if (shortAbandonSeconds != null) {
            j.add("shortAbandonSeconds=" + shortAbandonSeconds);
        }
        if (slaMode != null) {
            j.add("slaMode=" + slaMode);
        }
        if (shortCallSeconds != null) {
            j.add("shortCallSeconds=" + shortCallSeconds);
        }
        if (repeatWindowHours != null) {
            j.add("repeatWindowHours=" + repeatWindowHours);
        }
        if (acwMatchSeconds != null) {
            j.add("acwMatchSeconds=" + acwMatchSeconds);
        }
        return j.length() == 0 ? "(tenant defaults)" : j.toString();
    }
}
