package io.queuelens.web.api;

import io.queuelens.reports.entity.SettingsUsed;
import io.queuelens.reports.entity.SummaryReport;
import io.queuelens.reports.entity.SummaryRequest;
import io.queuelens.reports.entity.SummaryRow;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The summary report as the API's JSON, built as ordered maps. Why not records straight to JSON-B:
 * Yasson 3 (Payara 6) does serialize records, but it leaves out null properties and orders them
 * alphabetically, while here a figure without data must read {@code null} and figures keep KPI.md's
 * order ({@code QueueFigures.asMap()}). Maps keep both, and Yasson writes map nulls as JSON null.
 * Every value is a string, number, boolean, list or map, so no date format depends on JSON-B settings.
 */
public final class SummaryJson {

    private SummaryJson() {
    }

    public static Map<String, Object> of(SummaryReport report) {
        return of(report, null);
    }

    /** @param names the tenant's display names: each queue row gets a {@code displayName} next to its id */
    public static Map<String, Object> of(SummaryReport report, io.queuelens.names.entity.NameBook names) {
        Map<String, Object> json = new LinkedHashMap<>();
        List<Object> rows = new ArrayList<>(report.rows().size());
        report.rows().forEach(r -> rows.add(row(r, names)));
        json.put("rows", rows);
        json.put("total", row(report.total(), null));
        json.put("settings", settings(report));
        json.put("request", request(report.request()));
        return json;
    }

    /** {"queue": ...} or {"start": ...} (the total has neither), then every figure, then the settings versions. */
    static Map<String, Object> row(SummaryRow r) {
        return row(r, null);
    }

    static Map<String, Object> row(SummaryRow r, io.queuelens.names.entity.NameBook names) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (r.queue() != null) {
            m.put("queue", r.queue());
            m.put("displayName", names == null ? r.queue() : names.queue(r.queue()));
        }
        if (r.start() != null) {
            m.put("start", iso(r.start()));
        }
        m.putAll(r.figures().asMap());
        m.put("settingsVersions", r.settingsVersions());
        return m;
    }

    static Map<String, Object> settings(SummaryReport report) {
        List<Object> versions = new ArrayList<>();
        for (SettingsUsed s : report.settings()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("version", s.version());
            m.put("known", s.known());
            m.put("usedInstead", s.usedInstead());
            m.put("description", s.description());
            m.put("queues", s.queues());
            m.put("buckets", s.buckets());
            m.put("formulas", s.formulas());
            versions.add(m);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("versions", versions);
        m.put("notes", report.notes());
        return m;
    }

    static Map<String, Object> request(SummaryRequest r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tenant", r.tenant());
        m.put("from", r.from().toString());
        m.put("to", r.to().toString());
        m.put("tz", r.zone().getId());
        m.put("fromLocal", iso(OffsetDateTime.ofInstant(r.from(), r.zone())));
        m.put("toLocal", iso(OffsetDateTime.ofInstant(r.to(), r.zone())));
        m.put("queues", r.queues());
        m.put("groupBy", r.groupBy().apiName());
        m.put("interval", r.interval() == null ? null : r.interval().name());
        return m;
    }

    /** ISO-8601 with offset, minutes precision when seconds are zero: {@code 2026-11-20T00:00+01:00}. */
    private static String iso(OffsetDateTime t) {
        return t.toString();
    }
}
