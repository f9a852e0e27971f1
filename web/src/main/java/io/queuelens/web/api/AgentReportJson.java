package io.queuelens.web.api;

import io.queuelens.kpi.control.Formulas;
import io.queuelens.kpi.entity.Formula;
import io.queuelens.kpi.entity.KpiSettings;
import io.queuelens.reports.entity.AgentReport;
import io.queuelens.reports.entity.AgentReportRequest;
import io.queuelens.reports.entity.AgentReportRow;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The agent report as JSON maps: times in seconds, percentages 0..100 or null, every figure by its KPI.md name. */
public final class AgentReportJson {

    private AgentReportJson() {
    }

    public static Map<String, Object> of(AgentReport report) {
        return of(report, null);
    }

    /** @param names the tenant's display names: each agent row gets a {@code displayName} next to its id */
    public static Map<String, Object> of(AgentReport report, io.queuelens.names.entity.NameBook names) {
        Map<String, Object> json = new LinkedHashMap<>();
        List<Object> rows = new ArrayList<>(report.rows().size());
        report.rows().forEach(r -> rows.add(row(r, names)));
        json.put("rows", rows);
        json.put("total", row(report.total(), null));
        json.put("settings", settings(report.settings(), report.notes()));
        json.put("request", request(report.request()));
        return json;
    }

    /** {"agent": ...} or {"start": ...} (the total has neither), then every figure. */
    static Map<String, Object> row(AgentReportRow r) {
        return row(r, null);
    }

    static Map<String, Object> row(AgentReportRow r, io.queuelens.names.entity.NameBook names) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (r.agent() != null) {
            m.put("agent", r.agent());
            m.put("displayName", names == null ? r.agent() : names.agent(r.agent()));
        }
        if (r.start() != null) {
            m.put("start", r.start().toString());
        }
        m.putAll(r.figures().asMap());
        return m;
    }

    static Map<String, Object> settings(KpiSettings s, List<String> notes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", s.version());
        m.put("description", s.description());
        m.put("billablePauseReasons", new TreeSet<>(s.billablePauseReasons()));
        m.put("acwMatchSeconds", s.acwMatchSeconds());
        Map<String, String> formulas = new LinkedHashMap<>();
        for (Formula f : Formulas.agent(s).values()) {
            formulas.put(f.figure(), f.render(s));
        }
        m.put("formulas", formulas);
        m.put("notes", notes);
        return m;
    }

    static Map<String, Object> request(AgentReportRequest r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tenant", r.tenant());
        m.put("from", r.from().toString());
        m.put("to", r.to().toString());
        m.put("tz", r.zone().getId());
        m.put("fromLocal", OffsetDateTime.ofInstant(r.from(), r.zone()).toString());
        m.put("toLocal", OffsetDateTime.ofInstant(r.to(), r.zone()).toString());
        m.put("agents", r.agents());
        m.put("queues", r.queues());
        m.put("groupBy", r.groupBy().apiName());
        m.put("interval", r.interval() == null ? null : r.interval().name());
        return m;
    }
}
