package io.queuelens.web.reports;

import io.queuelens.cdrs.entity.CdrQuery;
import io.queuelens.cdrs.entity.CdrSort;
import io.queuelens.reports.entity.SummaryRequest;
import io.queuelens.tenancy.entity.Tenant;
import io.queuelens.web.api.SummaryParameters;

import java.io.Serializable;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * The CDR page's filters, held as the URL's raw parameters: tenant, from/to (as on the summary page:
 * {@code to} exclusive, dates read in {@code tz}), tz, number, did, disposition, queue, agent. The
 * date pickers edit them as days, the last one included.
 */
public class CdrFilters implements Serializable {

    private static final long serialVersionUID = 1L;

    private final SummaryFilters dates = new SummaryFilters();
    private String number;
    private String did;
    private String disposition;
    private String queue;
    private String agent;

    Tenant tenantOrDefault(List<Tenant> all) {
        return dates.tenantOrDefault(all);
    }

    /** Unset filters: the tenant's zone and the last 7 local days ending today. */
    void fillDefaults(ZoneId tenantZone) {
        dates.fillDefaults(tenantZone);
    }

    /**
     * The query for one page, every problem named by its parameter.
     *
     * @throws io.queuelens.reports.entity.InvalidReportRequest when a filter cannot be read
     */
    CdrQuery query(ZoneId tenantZone, CdrSort sort, boolean ascending, int offset, int limit) {
        SummaryRequest range = SummaryParameters.parse(new SummaryParameters.Raw(dates.getTenant(), dates.getFrom(),
                dates.getTo(), dates.getTz(), List.of(), "queue", null), tenantZone);
        return new CdrQuery(range.tenant(), range.from(), range.to(), number, did, disposition, queue, agent, sort,
                ascending, offset, limit);
    }

    ZoneId zoneOr(ZoneId fallback) {
        try {
            return dates.getTz() == null || dates.getTz().isBlank() ? fallback : ZoneId.of(dates.getTz().strip());
        } catch (DateTimeException e) {
            return fallback;
        }
    }

    public LocalDate getFromDate() { return dates.getFromDate(); }
    public void setFromDate(LocalDate d) { dates.setFromDate(d); }
    public LocalDate getToDate() { return dates.getToDate(); }
    public void setToDate(LocalDate d) { dates.setToDate(d); }
    public List<String> getZones() { return dates.getZones(); }
    public List<String> getDispositions() { return CdrQuery.DISPOSITIONS; }

    // Raw parameters, bound by f:viewParam.
    public String getTenant() { return dates.getTenant(); }
    public void setTenant(String v) { dates.setTenant(v); }
    public String getFrom() { return dates.getFrom(); }
    public void setFrom(String v) { dates.setFrom(v); }
    public String getTo() { return dates.getTo(); }
    public void setTo(String v) { dates.setTo(v); }
    public String getTz() { return dates.getTz(); }
    public void setTz(String v) { dates.setTz(v); }
    public String getNumber() { return number; }
    public void setNumber(String v) { number = v; }
    public String getDid() { return did; }
    public void setDid(String v) { did = v; }
    public String getDisposition() { return disposition; }
    public void setDisposition(String v) { disposition = v; }
    public String getQueue() { return queue; }
    public void setQueue(String v) { queue = v; }
    public String getAgent() { return agent; }
    public void setAgent(String v) { agent = v; }
}
