package io.queuelens.web.reports;

import io.queuelens.web.i18n.Messages;
import io.queuelens.reports.boundary.AgentReports;
import io.queuelens.reports.boundary.SummaryReports;
import io.queuelens.reports.entity.AgentGroupBy;
import io.queuelens.reports.entity.AgentReport;
import io.queuelens.reports.entity.AgentReportRequest;
import io.queuelens.reports.entity.GroupBy;
import io.queuelens.reports.entity.InvalidReportRequest;
import io.queuelens.reports.entity.SummaryRequest;
import io.queuelens.tenancy.boundary.Tenants;
import io.queuelens.web.security.Caller;
import io.queuelens.tenancy.entity.Tenant;
import io.queuelens.web.api.AgentReportParameters;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.omnifaces.cdi.ViewScoped;

import java.io.Serializable;
import java.time.ZoneId;
import java.util.List;
import java.util.TreeSet;

/**
 * Backs reports/agents.xhtml like {@link SummaryBacking} backs the summary: the URL holds the request
 * (the parameters of GET /api/v1/reports/agents, read by the same {@link AgentReportParameters}), the
 * form redirects to the URL of its values, and problems are shown on their fields.
 */
@Named
@ViewScoped // the agent, queue and tenant choices must still be there when the form is posted
public class AgentsBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    io.queuelens.web.names.NamesLookup names;

    @Inject
    AgentReports reports;

    @Inject
    SummaryReports summaries;

    @Inject
    Tenants tenants;

    @Inject
    Caller caller;

    private final AgentFilters filters = new AgentFilters();
    private transient AgentsView view;
    private List<String> agentChoices = List.of();
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
            AgentReportRequest request = AgentReportParameters.parse(filters.agentRaw(), tenantZone);
            if (!caller.mayViewQueues(tenant.getId(), request.queues())) {
                Caller.forbid();
                return;
            }
            request = new AgentReportRequest(request.tenant(), request.from(), request.to(), request.zone(),
                    request.agents(), caller.access().effectiveQueues(request.tenant(), request.queues()),
                    request.groupBy(), request.interval());
            AgentReport report = reports.agents(request);
            view = new AgentsView(report, faces.getViewRoot().getLocale(), Messages::text, names.book(request.tenant())::agent);
            // Choices: every agent with data in the range, every queue with calls in it.
            boolean rowsAreAllAgents = request.groupBy() == AgentGroupBy.AGENT && request.agents().isEmpty()
                    && request.queues().isEmpty();
            TreeSet<String> agents = new TreeSet<>(request.agents());
            (rowsAreAllAgents ? report : reports.agents(new AgentReportRequest(request.tenant(), request.from(),
                    request.to(), request.zone(), List.of(), caller.access().effectiveQueues(request.tenant(), List.of()),
                    AgentGroupBy.AGENT, null)))
                    .rows().forEach(r -> agents.add(r.agent()));
            agentChoices = List.copyOf(agents);
            TreeSet<String> queues = new TreeSet<>(request.queues());
            summaries.summary(new SummaryRequest(request.tenant(), request.from(), request.to(), request.zone(),
                    List.of(), GroupBy.QUEUE, null)).rows().forEach(r -> queues.add(r.queue()));
            queueChoices = QueueVisibility.visible(caller.access(), tenant.getId(), queues);
        } catch (InvalidReportRequest e) {
            agentChoices = filters.getAgentList();
            queueChoices = filters.getQueueList();
            FilterProblems.show(faces, e, "summary.invalid");
        }
    }

    /** The form's action: the same page at the URL of the chosen filters (bookmarkable). */
    public String show() {
        return "/reports/agents?faces-redirect=true&includeViewParams=true";
    }

    public AgentFilters getFilters() {
        return filters;
    }

    /** Null until a report could be made. */
    public AgentsView getView() {
        return view;
    }

    public List<String> getAgentChoices() {
        return agentChoices;
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
        return AgentsView.FIGURES;
    }
}
