package io.queuelens.web.reports;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The download menu's links: {@code /api/v1/exports/{report}} with the page's current filters (the
 * values the page resolved, defaults included, so the file shows what the page shows). A plain GET:
 * the browser's session authenticates it like the page.
 */
@Named
@ApplicationScoped
public class ExportLinks {

    /**
     * @param contextPath the application's context path
     * @param report      the export's report name (summary, intervals, ...)
     * @param format      xlsx, csv, pdf or parquet; "csv-excel" = CSV with a byte order mark
     * @param filters     the page's filters (SummaryFilters and subclasses, or CdrFilters)
     */
    public String href(String contextPath, String report, String format, Object filters) {
        Map<String, String> p = new LinkedHashMap<>();
        if (filters instanceof CdrFilters f) {
            put(p, "tenant", f.getTenant());
            put(p, "from", f.getFrom());
            put(p, "to", f.getTo());
            put(p, "tz", f.getTz());
            put(p, "number", f.getNumber());
            put(p, "did", f.getDid());
            put(p, "disposition", f.getDisposition());
            put(p, "queue", f.getQueue());
            put(p, "agent", f.getAgent());
        } else if (filters instanceof SummaryFilters f) {
            put(p, "tenant", f.getTenant());
            put(p, "from", f.getFrom());
            put(p, "to", f.getTo());
            put(p, "tz", f.getTz());
            put(p, "queues", f.getQueues());
            put(p, "groupBy", f.getGroupBy());
            put(p, "interval", f.getInterval());
            if (f instanceof ReportFilters r) {
                put(p, "agents", r.getAgents());
                put(p, "buckets", r.getBuckets());
            } else if (f instanceof AgentFilters a) {
                put(p, "agents", a.getAgents());
            }
        }
        boolean excel = "csv-excel".equals(format);
        put(p, "format", excel ? "csv" : format);
        if (excel) {
            p.put("bom", "true");
        }
        StringBuilder url = new StringBuilder(contextPath == null ? "" : contextPath).append("/api/v1/exports/")
                .append(URLEncoder.encode(report, StandardCharsets.UTF_8));
        char sep = '?';
        for (Map.Entry<String, String> e : p.entrySet()) {
            url.append(sep).append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            sep = '&';
        }
        return url.toString();
    }

    /**
     * The "Subscribe…" entry: the subscriptions page with a new subscription's form prefilled with this
     * report and the page's tenant, queues, agents and time zone (the period is chosen there: a subscription
     * reports on a period relative to each run, not on the page's dates).
     */
    public String subscribeHref(String contextPath, String report, Object filters) {
        Map<String, String> p = new LinkedHashMap<>();
        put(p, "subscribe", report);
        if (filters instanceof CdrFilters f) {
            put(p, "tenant", f.getTenant());
            put(p, "tz", f.getTz());
            put(p, "queues", f.getQueue());
            put(p, "agents", f.getAgent());
        } else if (filters instanceof SummaryFilters f) {
            put(p, "tenant", f.getTenant());
            put(p, "tz", f.getTz());
            put(p, "queues", f.getQueues());
            if (f instanceof ReportFilters r) {
                put(p, "agents", r.getAgents());
            } else if (f instanceof AgentFilters a) {
                put(p, "agents", a.getAgents());
            }
        }
        StringBuilder url = new StringBuilder(contextPath == null ? "" : contextPath).append("/reports/subscriptions.xhtml");
        char sep = '?';
        for (Map.Entry<String, String> e : p.entrySet()) {
            url.append(sep).append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            sep = '&';
        }
        return url.toString();
    }

    private static void put(Map<String, String> p, String key, String value) {
        if (value != null && !value.isBlank()) {
            p.put(key, value);
        }
    }
}
