package io.queuelens.web.api;

import io.queuelens.web.security.Caller;
import io.queuelens.payouts.boundary.RateCards;
import io.queuelens.payouts.entity.AgentGroup;
import io.queuelens.payouts.entity.InvalidPayoutInput;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * Agent groups of a tenant (named sets of agents that rate cards are assigned to):
 * {@code GET /api/v1/agent-groups?tenant=T}, {@code POST} with {@code {"name": ..., "agents": [...]}},
 * {@code PUT /{id}} (replaces name and members), {@code DELETE /{id}} (400 while a rate card uses it).
 */
@Path("agent-groups")
@RequestScoped
@RolesAllowed({"ADMIN", "MANAGER"})
@Produces(MediaType.APPLICATION_JSON)
public class AgentGroupsResource {

    /** The body of POST and PUT. */
    public static class GroupForm {
        public String name;
        public List<String> agents;
    }

    @Inject
    Caller caller;

    @Inject
    RateCards cards;

    @GET
    public Response list(@QueryParam("tenant") String tenant) {
        String id = ReportsResource.requireTenantId(tenant);
        Response refused = ApiAccess.refused(caller.access(), id, null);
        return refused != null ? refused : Response.ok(cards.groups(id)).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@QueryParam("tenant") String tenant, GroupForm form) {
        String id = ReportsResource.requireTenantId(tenant);
        Response refused = ApiAccess.refused(caller.access(), id, null);
        if (refused != null) {
            return refused;
        }
        GroupForm f = require(form);
        AgentGroup saved = cards.saveGroup(id, null, f.name, f.agents, caller.name()).orElseThrow();
        return Response.status(Response.Status.CREATED).entity(saved).build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@QueryParam("tenant") String tenant, @PathParam("id") long groupId, GroupForm form) {
        String id = ReportsResource.requireTenantId(tenant);
        Response refused = ApiAccess.refused(caller.access(), id, null);
        if (refused != null) {
            return refused;
        }
        GroupForm f = require(form);
        return cards.saveGroup(id, groupId, f.name, f.agents, caller.name()).map(g -> Response.ok(g).build())
                .orElseGet(() -> notFound(id, groupId));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@QueryParam("tenant") String tenant, @PathParam("id") long groupId) {
        String id = ReportsResource.requireTenantId(tenant);
        Response refused = ApiAccess.refused(caller.access(), id, null);
        if (refused != null) {
            return refused;
        }
        return cards.deleteGroup(id, groupId, caller.name()) ? Response.noContent().build() : notFound(id, groupId);
    }

    private static GroupForm require(GroupForm form) {
        if (form == null) {
            throw InvalidPayoutInput.of("body", "send the group as a JSON object");
        }
        return form;
    }

    private static Response notFound(String tenant, long id) {
        return ApiErrors.notFound("tenant " + tenant + " has no agent group " + id, "id");
    }
}
