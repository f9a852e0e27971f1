package io.queuelens.kpi.entity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The settings every figure is computed with (KPI.md, Settings), resolved for one queue: the tenant's
 * defaults with the queue's overrides applied. Immutable and validated; a report quotes
 * {@link #version()} and {@link #description()} as "settings used".
 *
 * @param version               identifies the resolved settings: {@code t3} (tenant defaults version 3) or
 *                              {@code t3/q2} (those defaults with version 2 of the queue's overrides)
 * @param effectiveFrom         the first instant these settings apply to (visits entering from then on)
 * @param slaSeconds            answer target; answered with wait &lt;= this is within SLA
 * @param shortAbandonSeconds   abandons waiting less than this are "short"; 0 = none are short
 * @param slaMode               denominator of the service level
 * @param shortCallSeconds      answered calls talking less than this are "short calls"; 0 = off
 * @param repeatWindowHours     same caller number again within this many hours = repeat contact; 0 = off
 * @param billablePauseReasons  pause reasons that count as work, upper-cased (PBX reasons are matched
 *                              case-insensitively: agents type "acw", admins type "ACW")
 * @param acwMatchSeconds       an {@code ACW} pause starting within this many seconds of a call's end is that
 *                              call's after-call work
 */
public record KpiSettings(String version, Instant effectiveFrom, int slaSeconds, int shortAbandonSeconds,
                          SlaMode slaMode, int shortCallSeconds, int repeatWindowHours,
                          Set<String> billablePauseReasons, int acwMatchSeconds) {

    /** The pause reason whose pauses right after a call are that call's after-call work (KPI.md, AHT). */
    public static final String ACW_REASON = "ACW";

    /** KPI.md's defaults, version {@code t0}, effective since the epoch. */
    public static final KpiSettings DEFAULTS = builder().build();

    public KpiSettings {
        billablePauseReasons = billablePauseReasons == null ? null : normalize(billablePauseReasons);
        List<String> problems = new ArrayList<>();
        if (version == null || version.isBlank()) {
            problems.add("version is required");
        }
        if (effectiveFrom == null) {
            problems.add("effectiveFrom is required");
        }
        range(problems, "slaSeconds", slaSeconds, 1, 3600);
        range(problems, "shortAbandonSeconds", shortAbandonSeconds, 0, 600);
        if (slaMode == null) {
            problems.add("slaMode is required (OFFERED or ANSWERED)");
        }
        range(problems, "shortCallSeconds", shortCallSeconds, 0, 3600);
        range(problems, "repeatWindowHours", repeatWindowHours, 0, 24 * 31);
        range(problems, "acwMatchSeconds", acwMatchSeconds, 0, 300);
        if (billablePauseReasons == null) {
            problems.add("billablePauseReasons is required (may be empty)");
        } else if (billablePauseReasons.stream().anyMatch(String::isBlank)) {
            problems.add("billablePauseReasons must not contain a blank reason");
        } else if (billablePauseReasons.stream().anyMatch(r -> r.contains(",") || r.length() > 64)) {
            // Stored comma-separated (kpi_tenant_settings), and a PBX pause reason is short.
            problems.add("billablePauseReasons must not contain ',' and each reason is at most 64 characters");
        }
        if (!problems.isEmpty()) {
            throw new InvalidKpiSettingsException(problems);
        }
    }

    private static void range(List<String> problems, String name, int value, int min, int max) {
        if (value < min || value > max) {
            problems.add(name + " must be between " + min + " and " + max + ", was " + value);
        }
    }

    private static Set<String> normalize(Collection<String> reasons) {
        TreeSet<String> upper = new TreeSet<>();
        for (String r : reasons) {
            upper.add(r == null ? "" : r.strip().toUpperCase(Locale.ROOT));
        }
        return Set.copyOf(upper);
    }

    /** Whether time paused with this reason counts as work (occupancy's denominator). Case-insensitive. */
    public boolean isBillable(String pauseReason) {
        return pauseReason != null && billablePauseReasons.contains(pauseReason.strip().toUpperCase(Locale.ROOT));
    }

    /** A pause with this reason right after a call is after-call work: reason ACW, and ACW must be billable. */
    public boolean isAfterCallWork(String pauseReason) {
        return pauseReason != null && ACW_REASON.equalsIgnoreCase(pauseReason.strip()) && isBillable(pauseReason);
    }

    /** The "settings used" line shown next to every figure, e.g. in an export's header. */
    public String description() {
        return "settings " + version + " (effective from " + effectiveFrom + "): slaSeconds=" + slaSeconds
                + ", shortAbandonSeconds=" + shortAbandonSeconds + ", slaMode=" + slaMode
                + ", shortCallSeconds=" + (shortCallSeconds == 0 ? "0 (off)" : shortCallSeconds)
                + ", repeatWindowHours=" + (repeatWindowHours == 0 ? "0 (off)" : repeatWindowHours)
                + ", billablePauseReasons=" + new TreeSet<>(billablePauseReasons)
                + ", acwMatchSeconds=" + acwMatchSeconds;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings (e.g. to apply a queue's overrides). */
    public Builder toBuilder() {
        return new Builder().version(version).effectiveFrom(effectiveFrom).slaSeconds(slaSeconds)
                .shortAbandonSeconds(shortAbandonSeconds).slaMode(slaMode).shortCallSeconds(shortCallSeconds)
                .repeatWindowHours(repeatWindowHours).billablePauseReasons(billablePauseReasons)
                .acwMatchSeconds(acwMatchSeconds);
    }

    /** Tenant defaults are built with {@link #tenantVersion(int)}; every field starts at KPI.md's default. */
    public static final class Builder {
        private String version = "t0";
        private Instant effectiveFrom = Instant.EPOCH;
        private int slaSeconds = 20;
        private int shortAbandonSeconds = 5;
        private SlaMode slaMode = SlaMode.OFFERED;
        private int shortCallSeconds = 0;
        private int repeatWindowHours = 24;
        private Set<String> billablePauseReasons = new HashSet<>(Set.of(ACW_REASON));
        private int acwMatchSeconds = 5;

        private Builder() {
        }

        public Builder version(String value) {
            this.version = value;
            return this;
        }

        /** Version label of tenant defaults: {@code t<n>}. */
        public Builder tenantVersion(int n) {
            return version("t" + n);
        }

        public Builder effectiveFrom(Instant value) {
            this.effectiveFrom = value;
            return this;
        }

        public Builder slaSeconds(int value) {
            this.slaSeconds = value;
            return this;
        }

        public Builder shortAbandonSeconds(int value) {
            this.shortAbandonSeconds = value;
            return this;
        }

        public Builder slaMode(SlaMode value) {
            this.slaMode = value;
            return this;
        }

        public Builder shortCallSeconds(int value) {
            this.shortCallSeconds = value;
            return this;
        }

        public Builder repeatWindowHours(int value) {
            this.repeatWindowHours = value;
            return this;
        }

        public Builder billablePauseReasons(Collection<String> value) {
            this.billablePauseReasons = value == null ? null : new HashSet<>(value);
            return this;
        }

        public Builder billablePauseReasons(String... value) {
            return billablePauseReasons(List.of(value));
        }

        public Builder acwMatchSeconds(int value) {
            this.acwMatchSeconds = value;
            return this;
        }

        public KpiSettings build() {
            return new KpiSettings(version, effectiveFrom, slaSeconds, shortAbandonSeconds, slaMode,
                    shortCallSeconds, repeatWindowHours, billablePauseReasons, acwMatchSeconds);
        }
    }
}
