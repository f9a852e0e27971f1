package io.queuelens.web.api;

import io.queuelens.live.boundary.LiveModels;
import io.queuelens.live.boundary.LiveSnapshots;
import io.queuelens.tenancy.boundary.Tenants;
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

/**
 * The live picture of a tenant for administrators and tests: {@code GET /api/v1/live?tenant=T} is the
 * latest published snapshot (queues with their waiting callers and today's totals, members with their
 * states), {@code GET /api/v1/live/model?tenant=T} the model's own health (backlog, lag, resyncs,
 * evicted calls). Wallboards get the same snapshots pushed over their socket.
 */
@Path("live")
@RequestScoped
@RolesAllowed("ADMIN")
@Produces(MediaType.APPLICATION_JSON)
public class LiveResource {

    @Inject
    LiveSnapshots snapshots;

    @Inject
    LiveModels models;

    @Inject
    Tenants tenants;

    @GET
    public Response snapshot(@QueryParam("tenant") String tenant) {
        Response bad = checkTenant(tenant);
        return bad != null ? bad : Response.ok(snapshots.of(tenant.strip())).build();
    }

    @GET
    @Path("model")
    public Response model(@QueryParam("tenant") String tenant) {
        Response bad = checkTenant(tenant);
        if (bad != null) {
            return bad;
        }
        return models.stats(tenant.strip()).map(s -> Response.ok(s).build())
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND)
                        .entity(ApiErrors.body("tenant " + tenant.strip() + " has no live source", "tenant")).build());
    }

    private Response checkTenant(String tenant) {
        if (tenant == null || !Tenant.ID_PATTERN.matcher(tenant.strip()).matches()) {
            return Response.status(Response.Status.BAD_REQUEST).entity(ApiErrors.body(
                    "tenant must be a tenant id (lower-case letters, digits and '-'), was '" + tenant + "'", "tenant")).build();
        }
        if (tenants.find(tenant.strip()).isEmpty()) {
            return Response.status(Response.Status.NOT_FOUND)
                    .entity(ApiErrors.body("unknown tenant '" + tenant.strip() + "'", "tenant")).build();
        }
        return null;
    }
}
