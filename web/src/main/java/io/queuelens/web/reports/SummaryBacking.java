package io.queuelens.web.reports;

import io.queuelens.web.i18n.Messages;
import io.queuelens.reports.boundary.SummaryReports;
import io.queuelens.reports.entity.GroupBy;
import io.queuelens.reports.entity.InvalidReportRequest;
import io.queuelens.reports.entity.SummaryReport;
import io.queuelens.reports.entity.SummaryRequest;
import io.queuelens.tenancy.boundary.Tenants;
import io.queuelens.web.security.Caller;
import io.queuelens.tenancy.entity.Tenant;
import io.queuelens.web.api.SummaryParameters;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.omnifaces.cdi.ViewScoped;

import java.io.Serializable;
import java.time.ZoneId;
import java.util.List;
import java.util.TreeSet;

/**
 * Backs reports/summary.xhtml. The URL holds the request ({@code f:viewParam}s named as in the REST
 * API, read by the same {@link SummaryParameters}), so a report is bookmarkable and the form only
 * redirects to the URL of its values. Problems are shown on the field the parameter belongs to.
 */
@Named
@ViewScoped // the queue and tenant choices must still be there when the form is posted and validated
public class SummaryBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    io.queuelens.web.names.NamesLookup names;

    @Inject
    SummaryReports summaries;

    @Inject
    Tenants tenants;

    @Inject
    Caller caller;

    private final SummaryFilters filters = new SummaryFilters();
    private transient SummaryView view;
    private List<String> queueChoices = List.of();
    private transient List<Tenant> tenantChoices;

    /** f:viewAction: fill in the defaults, run the report, or put each problem on its field. */
    public void load() {
        FacesContext faces = FacesContext.getCurrentInstance();
        if (caller.refusedTenant(filters.getTenant())) {
            return; // another tenant's id: 403, whether it exists or not
        }
        tenantChoices = caller.visible(tenants.findAll());
        Tenant tenant = filters.tenantOrDefault(tenantChoices);
        ZoneId tenantZone = tenant == null ? ZoneId.of("UTC") : tenant.getTimeZone();
        filters.fillDefaults(tenantZone);
        try {
            if (tenant == null) {
                throw new InvalidReportRequest(SummaryRequest.TENANT, "unknown tenant '" + filters.getTenant() + "'");
            }
            SummaryRequest request = SummaryParameters.parse(filters.raw(), tenantZone);
            if (!caller.mayViewQueues(tenant.getId(), request.queues())) {
                Caller.forbid();
                return;
            }
            request = QueueVisibility.limit(caller.access(), request);
            SummaryReport report = summaries.summary(request);
            view = new SummaryView(report, faces.getViewRoot().getLocale(), Messages::text, names.book(request.tenant())::queue);
            // The queue choices: every queue with data in the range (the rows already, when they are queues).
            boolean rowsAreAllQueues = request.groupBy() == GroupBy.QUEUE && request.allQueues();
            TreeSet<String> choices = new TreeSet<>(request.queues());
            (rowsAreAllQueues ? report : summaries.summary(new SummaryRequest(request.tenant(), request.from(),
                    request.to(), request.zone(), List.of(), GroupBy.QUEUE, null))).rows().forEach(r -> choices.add(r.queue()));
            queueChoices = QueueVisibility.visible(caller.access(), tenant.getId(), choices);
        } catch (InvalidReportRequest e) {
            queueChoices = filters.getQueueList();
            FilterProblems.show(faces, e, "summary.invalid");
        }
    }

    /** The form's action: the same page at the URL of the chosen filters (bookmarkable). */
    public String show() {
        return "/reports/summary?faces-redirect=true&includeViewParams=true";
    }

    public SummaryFilters getFilters() {
        return filters;
    }

    /** Null until a report could be made (then the page shows only the filters and their messages). */
    public SummaryView getView() {
        return view;
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

    public List<String> getFigures() {
        return SummaryView.FIGURES;
    }
}
