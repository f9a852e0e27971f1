package io.queuelens.web.api;

import io.queuelens.reports.boundary.AgentReports;
import io.queuelens.reports.entity.AgentReportRequest;
import io.queuelens.reports.entity.SummaryRequest;
import io.queuelens.tenancy.boundary.Tenants;
import io.queuelens.web.security.Caller;
import io.queuelens.tenancy.entity.Tenant;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/v1/reports/agents}: agent figures per agent or per period, from the agent rollups.
 * Parameters to an {@link AgentReportRequest} ({@link AgentReportParameters}), the boundary, then
 * JSON ({@link AgentReportJson}); bad parameters become 400 through {@link InvalidReportRequestMapper}.
 */
@Path("reports/agents")
@RequestScoped
// As ReportsResource: report readers, granted tenants and visible queues only.
@RolesAllowed({"ADMIN", "MANAGER", "REPORTS"})
public class AgentReportsResource {

    @Inject
    ExportsResource exports;

    @Inject
    io.queuelens.names.boundary.DisplayNames names;

    @Inject
    Tenants tenants;

    @Inject
    Caller caller;

    @Inject
    AgentReports reports;

    /**
     * @param agents   comma-separated and/or repeated; absent = every agent with data
     * @param queues   select the agents who were members of or answered in these queues
     * @param groupBy  {@code agent} (default) or {@code interval}
     * @param interval with groupBy=interval: PT15M, PT30M, PT1H, P1D, P1W or P1M
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response agents(@QueryParam("tenant") String tenant, @QueryParam("from") String from,
                           @QueryParam("to") String to, @QueryParam("tz") String tz,
                           @QueryParam("agents") List<String> agents, @QueryParam("queues") List<String> queues,
                           @QueryParam("groupBy") String groupBy, @QueryParam("interval") String interval,
                           @QueryParam(ExportParameters.FORMAT) String format, @jakarta.ws.rs.core.Context jakarta.ws.rs.core.UriInfo uri) {
        if (format != null) {
            return exports.export("agents", uri); // the file of the same report (issue 6 wording)
        }
        Response refused = ApiAccess.refused(caller.access(), ReportsResource.requireTenantId(tenant),
                SummaryParameters.queues(queues));
        if (refused != null) {
            return refused;
        }
        Optional<Tenant> found = tenants.find(ReportsResource.requireTenantId(tenant));
        if (found.isEmpty()) {
            return Response.status(Response.Status.NOT_FOUND).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(ApiErrors.body("unknown tenant '" + tenant.strip() + "'", SummaryRequest.TENANT)).build();
        }
        AgentReportRequest request = AgentReportParameters.parse(
                new AgentReportParameters.Raw(tenant, from, to, tz, agents, queues, groupBy, interval),
                found.get().getTimeZone());
        request = new AgentReportRequest(request.tenant(), request.from(), request.to(), request.zone(), request.agents(),
                caller.access().effectiveQueues(request.tenant(), request.queues()), request.groupBy(), request.interval());
        return Response.ok(AgentReportJson.of(reports.agents(request), names.book(request.tenant()))).build();
    }
}
