package io.queuelens.reports.control;

import io.queuelens.kpi.control.Formulas;
import io.queuelens.kpi.entity.Formula;
import io.queuelens.kpi.entity.KpiSettings;
import io.queuelens.reports.entity.SettingsUsed;
import io.queuelens.reports.entity.UnknownSettingsVersion;
import io.queuelens.rollups.entity.QueueBucket;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Which settings versions a report's buckets were counted with, for the report's "settings used". */
final class SettingsTally {

    private static final java.util.Comparator<QueueBucket> EARLIEST =
            java.util.Comparator.comparing(QueueBucket::start).thenComparing(QueueBucket::queue);

    private static final class Use {
        QueueBucket earliest;
        KpiSettings settings;
        final Set<String> queues = new TreeSet<>();
        long buckets;

        Use(QueueBucket first) {
            this.earliest = first;
            this.settings = first.settings();
        }
    }

    private final Map<String, Use> byVersion = new TreeMap<>();

    void add(QueueBucket b) {
        Use use = byVersion.computeIfAbsent(b.settingsVersion(), v -> new Use(b));
        if (EARLIEST.compare(b, use.earliest) < 0) {
            // buckets may come in any order: the version's settings are those of its earliest bucket, always
            use.earliest = b;
            use.settings = b.settings();
        }
        use.queues.add(b.queue());
        use.buckets++;
    }

    /** Known versions by name, then every unknown one with the version used in its place. */
    List<SettingsUsed> settingsUsed(List<UnknownSettingsVersion> unknown) {
        List<SettingsUsed> out = new ArrayList<>();
        byVersion.forEach((version, use) -> out.add(new SettingsUsed(version, true, null, use.settings.description(),
                new ArrayList<>(use.queues), use.buckets, renderedFormulas(use.settings))));
        Map<String, List<UnknownSettingsVersion>> unknownByVersion = new TreeMap<>();
        for (UnknownSettingsVersion u : unknown) {
            unknownByVersion.computeIfAbsent(u.version(), v -> new ArrayList<>()).add(u);
        }
        unknownByVersion.forEach((version, list) -> {
            Set<String> queues = new TreeSet<>();
            long buckets = 0;
            for (UnknownSettingsVersion u : list) {
                queues.add(u.queue());
                buckets += u.buckets();
            }
            out.add(new SettingsUsed(version, false, KpiSettings.DEFAULTS.version(),
                    "not in the settings history at the time of these buckets; their counters stand as counted, "
                            + "ratios use KPI.md's defaults (" + KpiSettings.DEFAULTS.version() + ")",
                    new ArrayList<>(queues), buckets, Map.of()));
        });
        return out;
    }

    /** Each queue figure's formula with this version's values, e.g. {@code ... [slaSeconds=20; settings t0]}. */
    static Map<String, String> renderedFormulas(KpiSettings s) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Formula> e : Formulas.queue(s).entrySet()) {
            out.put(e.getKey(), e.getValue().render(s));
        }
        return out;
    }
}
