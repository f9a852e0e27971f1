package io.queuelens.web.api;

import io.queuelens.web.security.Caller;
import io.queuelens.identity.entity.Access;
import io.queuelens.jobs.boundary.Jobs;
import io.queuelens.jobs.entity.JobRun;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * The job history: {@code GET /api/v1/jobs?tenant=T} (tenant optional: every tenant the caller may
 * see) lists executions newest first with status, times, item counts, progress and error;
 * {@code POST /api/v1/jobs/{executionId}/restart} restarts a FAILED or STOPPED one, once (409 after).
 * ADMIN sees every tenant, MANAGER their granted tenants; another tenant's execution is 404.
 */
@Path("jobs")
@RequestScoped
@RolesAllowed({"ADMIN", "MANAGER"})
@Produces(MediaType.APPLICATION_JSON)
public class JobsResource {

    @Inject
    Caller caller;

    @Inject
    Jobs jobs;

    @GET
    public Response history(@QueryParam("tenant") String tenant) {
        Access access = caller.access();
        if (tenant != null && !tenant.isBlank()) {
            String id = ReportsResource.requireTenantId(tenant);
            Response refused = ApiAccess.refused(access, id, null);
            return refused != null ? refused : Response.ok(jobs.history(List.of(id))).build();
        }
        return Response.ok(jobs.history(access.isAdmin() ? null : access.grantedTenants())).build();
    }

    @POST
    @Path("{id}/restart")
    public Response restart(@PathParam("id") long executionId) {
        Access access = caller.access();
        JobRun run = jobs.restart(executionId, access::mayViewTenant, access.caller());
        return Response.status(Response.Status.ACCEPTED).entity(run).build();
    }
}
