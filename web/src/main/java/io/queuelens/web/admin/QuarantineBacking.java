package io.queuelens.web.admin;

import io.queuelens.ingest.boundary.QuarantinedInputs;
import io.queuelens.ingest.entity.QuarantinePage;
import io.queuelens.ingest.entity.QuarantinedLine;
import io.queuelens.tenancy.boundary.Tenants;
import io.queuelens.tenancy.entity.Tenant;
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
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Map;

/**
 * Backs admin/quarantine.xhtml: the input ingestion could not understand, per tenant and optionally
 * per source, newest first, a page at a time from the database. Tenant and source are in the URL.
 * The raw lines are shown as text (escaped): they are whatever a file or PBX contained.
 */
@Named
@ViewScoped
public class QuarantineBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    QuarantinedInputs quarantine;

    @Inject
    Tenants tenants;

    private String tenant;
    private String source;
    private String zone = "UTC";
    private boolean ready;
    private transient List<Tenant> tenantChoices;
    private final Lines lines = new Lines();

    public void load() {
        tenantChoices = tenants.findAll();
        if (tenant == null || tenant.isBlank()) {
            tenantChoices.stream().findFirst().ifPresent(t -> tenant = t.getId());
        }
        Tenant found = tenantChoices.stream().filter(t -> t.getId().equals(tenant == null ? null : tenant.strip()))
                .findFirst().orElse(null);
        ready = found != null;
        if (found == null) {
            FacesContext.getCurrentInstance().addMessage("filters:tenant", new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    Messages.text("summary.invalid"), "unknown tenant '" + tenant + "'"));
            return;
        }
        tenant = found.getId();
        zone = found.getTimeZone().getId();
        source = source == null || source.isBlank() ? null : source.strip();
    }

    public String show() {
        return "/admin/quarantine?faces-redirect=true&includeViewParams=true";
    }

    /** Quarantined lines of the tenant (and source), fetched a page at a time. */
    public final class Lines extends LazyDataModel<QuarantinedLine> {

        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return ready ? (int) Math.min(Integer.MAX_VALUE, quarantine.page(tenant, source, 0, 1).count()) : 0;
        }

        @Override
        public List<QuarantinedLine> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
            if (!ready) {
                return List.of();
            }
            int size = Math.max(1, Math.min(QuarantinedInputs.MAX_PAGE_SIZE, pageSize));
            QuarantinePage page = quarantine.page(tenant, source, first / size, size);
            return page.items();
        }

        @Override
        public String getRowKey(QuarantinedLine line) {
            return String.valueOf(line.id());
        }

        @Override
        public QuarantinedLine getRowData(String rowKey) {
            return null; // no row selection on this table
        }
    }

    /** When the line was received, in the tenant's zone. */
    public String time(Instant t) {
        return t == null ? "" : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT, FormatStyle.MEDIUM)
                .withLocale(FacesContext.getCurrentInstance().getViewRoot().getLocale()).withZone(ZoneId.of(zone)).format(t);
    }

    public boolean isReady() {
        return ready;
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

    public String getZone() {
        return zone;
    }

    public String getTenant() { return tenant; }
    public void setTenant(String v) { tenant = v; }
    public String getSource() { return source; }
    public void setSource(String v) { source = v; }
}
