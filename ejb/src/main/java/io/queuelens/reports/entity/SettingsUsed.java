package io.queuelens.reports.entity;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One settings version a report's figures were counted and computed with, stated next to the figures
 * (KPI.md: a report states which settings it used).
 *
 * @param version     e.g. {@code t0} or {@code t3/q2}
 * @param known       false when buckets name a version the settings history does not have in force at
 *                    their time (settings edited without a rollup rebuild); those buckets are divided
 *                    with {@code usedInstead}
 * @param usedInstead the version used in place of an unknown one; null when known
 * @param description the settings with their values, or for an unknown version what happened
 * @param queues      the queues with buckets counted with this version, sorted
 * @param buckets     how many 15-minute buckets were counted with it
 * @param formulas    figure name to formula with this version's values, in KPI.md order; empty when unknown
 */
public record SettingsUsed(String version, boolean known, String usedInstead, String description,
                           List<String> queues, long buckets, Map<String, String> formulas) {

    public SettingsUsed {
        queues = List.copyOf(queues);
        formulas = Collections.unmodifiableMap(new LinkedHashMap<>(formulas));
    }
}
