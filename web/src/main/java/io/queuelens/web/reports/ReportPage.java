package io.queuelens.web.reports;

import io.queuelens.reports.boundary.SummaryReports;
import io.queuelens.reports.entity.GroupBy;
import io.queuelens.reports.entity.InvalidReportRequest;
import io.queuelens.reports.entity.InvalidReportRequest.Problem;
import io.queuelens.reports.entity.SummaryRequest;
import io.queuelens.reports.entity.WaitBuckets;
import io.queuelens.rollups.entity.PeriodUnit;
import io.queuelens.tenancy.boundary.Tenants;
import io.queuelens.web.security.Caller;
import io.queuelens.tenancy.entity.Tenant;
import io.queuelens.web.api.SummaryParameters;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;

import java.io.Serializable;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * What every report page shares with the summary page: the filters live in the URL, {@code load()}
 * (the page's {@code f:viewAction}) fills in defaults, reads every parameter and puts each problem on
 * its field, offers the queues with data in the range, and only then lets the page run its queries.
 */
public abstract class ReportPage implements Serializable {

    private static final long serialVersionUID = 1L;

    /** What a page runs on: the checked request and, where the page has them, band edges and agents. */
    protected record Selection(SummaryRequest request, WaitBuckets buckets, List<String> agents) {
    }

    @Inject
    protected SummaryReports summaries;

    @Inject
    Tenants tenants;

    @Inject
    Caller caller;

    protected final ReportFilters filters;
    private List<String> queueChoices = List.of();
    private transient List<Tenant> tenantChoices;
    private boolean ready;

    protected ReportPage(PeriodUnit defaultInterval) {
        filters = new ReportFilters(defaultInterval);
    }

    /** Runs the page's queries; an {@link InvalidReportRequest} lands on the fields like a bad parameter. */
    protected abstract void run(Selection selection, Locale locale);

    /** The page's own URL, for the form's redirect. */
    protected abstract String outcome();

    public void load() {
        FacesContext faces = FacesContext.getCurrentInstance();
        if (caller.refusedTenant(filters.getTenant())) {
            return; // another tenant's id: 403, whether it exists or not
        }
        tenantChoices = caller.visible(tenants.findAll());
        Tenant tenant = filters.tenantOrDefault(tenantChoices);
        ZoneId tenantZone = tenant == null ? ZoneId.of("UTC") : tenant.getTimeZone();
        filters.fillDefaults(tenantZone);
        ready = false;
        try {
            if (tenant == null) {
                throw new InvalidReportRequest(SummaryRequest.TENANT, "unknown tenant '" + filters.getTenant() + "'");
            }
            List<Problem> problems = new ArrayList<>();
            SummaryRequest request = attempt(problems, () -> SummaryParameters.parse(filters.raw(), tenantZone));
            WaitBuckets buckets = attempt(problems, filters::waitBuckets);
            List<String> agents = attempt(problems, filters::agentNames);
            if (!problems.isEmpty()) {
                throw new InvalidReportRequest(problems);
            }
            if (!caller.mayViewQueues(tenant.getId(), request.queues())) {
                Caller.forbid();
                return;
            }
            request = QueueVisibility.limit(caller.access(), request);
            TreeSet<String> choices = new TreeSet<>(request.queues());
            summaries.summary(new SummaryRequest(request.tenant(), request.from(), request.to(), request.zone(), List.of(),
                    GroupBy.QUEUE, null)).rows().forEach(r -> choices.add(r.queue()));
            queueChoices = QueueVisibility.visible(caller.access(), tenant.getId(), choices);
            run(new Selection(request, buckets, agents), faces.getViewRoot().getLocale());
            ready = true;
        } catch (InvalidReportRequest e) {
            if (queueChoices.isEmpty()) {
                queueChoices = filters.getQueueList();
            }
            FilterProblems.show(faces, e, "summary.invalid");
        }
    }

    private static <T> T attempt(List<Problem> problems, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InvalidReportRequest e) {
            problems.addAll(e.problems());
            return null;
        }
    }

    /** The form's action: this page at the URL of the chosen filters (bookmarkable). */
    public String show() {
        return outcome() + "?faces-redirect=true&includeViewParams=true";
    }

    /** False until the report could be made (then the page shows only the filters and their messages). */
    public boolean isReady() {
        return ready;
    }

    public ReportFilters getFilters() {
        return filters;
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
}
