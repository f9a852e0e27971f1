package io.queuelens.web.api;

import io.queuelens.reports.boundary.CallLists;
import io.queuelens.reports.entity.CallListRequest;
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
 * {@code GET /api/v1/calls}: pages of queue visits (the facts behind every figure) with the total
 * count, filtered by entry time, queues, agents, outcome and caller number.
 */
@Path("calls")
@RequestScoped
// As ReportsResource: report readers, granted tenants and visible queues only.
@RolesAllowed({"ADMIN", "MANAGER", "REPORTS"})
public class CallsResource {

    @Inject
    io.queuelens.names.boundary.DisplayNames names;

    @Inject
    Tenants tenants;

    @Inject
    Caller caller;

    @Inject
    CallLists calls;

    /**
     * @param outcome comma-separated outcomes (ANSWERED, ABANDONED, ...); absent = all
     * @param caller  the caller number exactly
     * @param page    0-based, default 0
     * @param size    1..1000, default 50
     * @param sort    {@code FIELD[,asc|desc]}, default {@code enteredAt,desc}
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response calls(@QueryParam("tenant") String tenant, @QueryParam("from") String from,
                          @QueryParam("to") String to, @QueryParam("tz") String tz,
                          @QueryParam("queues") List<String> queues, @QueryParam("agents") List<String> agents,
                          @QueryParam("outcome") List<String> outcome, @QueryParam("caller") String caller,
                          @QueryParam("page") String page, @QueryParam("size") String size,
                          @QueryParam("sort") String sort) {
        Response refused = ApiAccess.refused(this.caller.access(), ReportsResource.requireTenantId(tenant),
                SummaryParameters.queues(queues));
        if (refused != null) {
            return refused;
        }
        Optional<Tenant> found = tenants.find(ReportsResource.requireTenantId(tenant));
        if (found.isEmpty()) {
            return Response.status(Response.Status.NOT_FOUND).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(ApiErrors.body("unknown tenant '" + tenant.strip() + "'", SummaryRequest.TENANT)).build();
        }
        CallListRequest request = CallListParameters.parse(new CallListParameters.Raw(tenant, from, to, tz, queues,
                agents, outcome, caller, page, size, sort), found.get().getTimeZone());
        request = new CallListRequest(request.tenant(), request.from(), request.to(), request.zone(),
                this.caller.access().effectiveQueues(request.tenant(), request.queues()), request.agents(),
                request.outcomes(), request.caller(), request.page(), request.size(), request.sort(), request.descending());
        return Response.ok(CallsJson.of(calls.page(request), names.book(request.tenant()))).build();
    }
}
