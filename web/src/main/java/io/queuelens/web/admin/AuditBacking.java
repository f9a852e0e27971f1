package io.queuelens.web.admin;

import io.queuelens.audit.boundary.AuditLog;
import io.queuelens.audit.entity.AuditEntry;
import io.queuelens.audit.entity.AuditQuery;
import io.queuelens.reports.entity.InvalidReportRequest;
import io.queuelens.tenancy.boundary.Tenants;
import io.queuelens.tenancy.entity.Tenant;
import io.queuelens.web.api.AuditParameters;
import io.queuelens.web.i18n.Messages;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.omnifaces.cdi.ViewScoped;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Map;

/**
 * Backs admin/audit.xhtml: the audit log, newest first, a page at a time from the database, filtered
 * by time range (UTC), tenant, actor and action; the filters are in the URL. Every text of a line is
 * shown escaped: actors, targets and details may carry whatever a user typed.
 */
@Named
@ViewScoped
public class AuditBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    AuditLog log;

    @Inject
    Tenants tenants;

    private String from;
    private String to;
    private String tenant;
    private String actor;
    private String action;
    private AuditQuery query;
    private transient List<Tenant> tenantChoices;
    private final Lines lines = new Lines();

    public void load() {
        try {
            query = AuditParameters.parse(new AuditParameters.Raw(from, to, tenant, actor, action, null, null), ZoneOffset.UTC);
        } catch (InvalidReportRequest e) {
            query = null;
            FacesContext faces = FacesContext.getCurrentInstance();
            for (InvalidReportRequest.Problem p : e.problems()) {
                faces.addMessage("filters:" + p.parameter(), new FacesMessage(FacesMessage.SEVERITY_ERROR,
                        Messages.text("summary.invalid"), p.message()));
            }
        }
    }

    public String show() {
        return "/admin/audit?faces-redirect=true&includeViewParams=true";
    }

    /** The action's name in the bundle ({@code audit.action.<code>}), or the code itself for one this version does not know. */
    public String actionLabel(String code) {
        return Messages.textOr("audit.action." + code, code);
    }

    public String time(Instant t) {
        return t == null ? "" : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT, FormatStyle.MEDIUM)
                .withLocale(FacesContext.getCurrentInstance().getViewRoot().getLocale()).withZone(ZoneOffset.UTC).format(t);
    }

    /** Audit lines of the filters, fetched a page at a time. */
    public final class Lines extends LazyDataModel<AuditEntry> {

        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return query == null ? 0 : (int) Math.min(Integer.MAX_VALUE, log.page(page(0, 1)).count());
        }

        @Override
        public List<AuditEntry> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
            if (query == null) {
                return List.of();
            }
            int size = Math.max(1, Math.min(AuditQuery.MAX_SIZE, pageSize));
            return log.page(page(first / size, size)).items();
        }

        private AuditQuery page(int page, int size) {
            return new AuditQuery(query.from(), query.to(), query.tenantId(), query.actor(), query.action(), page, size);
        }

        @Override
        public String getRowKey(AuditEntry line) {
            return String.valueOf(line.id());
        }

        @Override
        public AuditEntry getRowData(String rowKey) {
            return null; // no row selection on this table
        }
    }

    public boolean isReady() {
        return query != null;
    }

    public Lines getLines() {
        return lines;
    }

    public List<Tenant> getTenants() {
        if (tenantChoices == null) {
            tenantChoices = tenants.findAll();
        }
        return tenantChoices;
    }

    public String getFrom() { return from; }
    public void setFrom(String v) { from = v; }
    public String getTo() { return to; }
    public void setTo(String v) { to = v; }
    public String getTenant() { return tenant; }
    public void setTenant(String v) { tenant = v; }
    public String getActor() { return actor; }
    public void setActor(String v) { actor = v; }
    public String getAction() { return action; }
    public void setAction(String v) { action = v; }
}
