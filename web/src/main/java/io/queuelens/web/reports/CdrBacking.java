package io.queuelens.web.reports;

import io.queuelens.cdrs.boundary.CdrSearch;
import io.queuelens.cdrs.entity.CdrListing;
import io.queuelens.cdrs.entity.CdrQuery;
import io.queuelens.reports.entity.InvalidReportRequest;
import io.queuelens.tenancy.boundary.Tenants;
import io.queuelens.web.security.Caller;
import io.queuelens.tenancy.entity.Tenant;
import io.queuelens.web.i18n.Messages;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.omnifaces.cdi.ViewScoped;

import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;

/**
 * Backs reports/cdr.xhtml: the filters are the URL ({@code f:viewParam}s), the table is a lazy model
 * that pages and sorts in the database, and a row with a recording gets a play button whose audio is
 * streamed by {@code GET /api/v1/cdrs/{id}/recording}.
 */
@Named
@ViewScoped // the lazy model pages and sorts by ajax against the filters of this view
public class CdrBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Inject
    CdrSearch search;

    @Inject
    Tenants tenants;

    @Inject
    Caller caller;

    private final CdrFilters filters = new CdrFilters();
    private CdrLazyModel rows;
    private List<String> queueChoices = List.of();
    private transient List<Tenant> tenantChoices;
    private ZoneId zone = ZoneId.of("UTC");

    /** f:viewAction: fill in the defaults, check the filters (problems on their fields), prepare the table. */
    public void load() {
        FacesContext faces = FacesContext.getCurrentInstance();
        if (caller.refusedTenant(filters.getTenant())) {
            return; // another tenant's id: 403, whether it exists or not
        }
        tenantChoices = caller.visible(tenants.findAll());
        Tenant tenant = filters.tenantOrDefault(tenantChoices);
        ZoneId tenantZone = tenant == null ? ZoneId.of("UTC") : tenant.getTimeZone();
        filters.fillDefaults(tenantZone);
        zone = filters.zoneOr(tenantZone);
        try {
            if (tenant == null) {
                throw new InvalidReportRequest("tenant", "unknown tenant '" + filters.getTenant() + "'");
            }
            CdrQuery checked = filters.query(tenantZone, null, false, 0, 1); // every problem now, on its field
            if (checked.queue() != null && !caller.mayViewQueues(tenant.getId(), List.of(checked.queue()))) {
                Caller.forbid();
                return;
            }
            CdrFilters f = filters;
            // a restricted caller's list holds only rows of their queues
            Set<String> limit = caller.access().queueLimit(tenant.getId()).orElse(Set.of());
            rows = new CdrLazyModel(search, (sort, asc, offset, limit1) ->
                    f.query(tenantZone, sort, asc, offset, limit1).limitedTo(limit));
            queueChoices = QueueVisibility.visible(caller.access(), tenant.getId(), search.queues(tenant.getId()));
        } catch (InvalidReportRequest e) {
            rows = null;
            FilterProblems.show(faces, e, "cdr.invalid");
        }
    }

    /** The form's action: the same page at the URL of the chosen filters (bookmarkable). */
    public String show() {
        return "/reports/cdr?faces-redirect=true&includeViewParams=true";
    }

    public String time(CdrListing row) {
        return TIME.format(row.calldate().atZone(zone));
    }

    public static String duration(int seconds) {
        return String.format("%d:%02d", seconds / 60, seconds % 60);
    }

    public String durationOf(int seconds) {
        return duration(seconds);
    }

    /** Where the player fetches a row's audio (relative to the context root; the page prefixes it). */
    public String recordingPath(CdrListing row) {
        return "/api/v1/cdrs/" + row.id() + "/recording?tenant="
                + URLEncoder.encode(filters.getTenant() == null ? "" : filters.getTenant(), StandardCharsets.UTF_8);
    }

    public String dispositionLabel(String disposition) {
        if (disposition == null || disposition.isEmpty()) {
            return "";
        }
        String key = "cdr.disposition." + disposition.replace(' ', '_');
        try {
            return Messages.text(key);
        } catch (java.util.MissingResourceException e) {
            return disposition; // a PBX-specific disposition is shown as the PBX wrote it
        }
    }

    public CdrFilters getFilters() {
        return filters;
    }

    /** Null while the filters have problems (then the page shows only the form and its messages). */
    public CdrLazyModel getRows() {
        return rows;
    }

    public List<String> getQueueChoices() {
        return queueChoices;
    }

    public List<Tenant> getTenants() {
        if (tenantChoices == null) {
            tenantChoices = caller.visible(tenants.findAll());
        }
        return tenantChoices;
    }

    public String getZoneId() {
        return zone.getId();
    }
}
