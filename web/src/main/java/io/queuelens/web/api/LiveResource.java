package io.queuelens.web.api;

import io.queuelens.live.boundary.LiveModels;
import io.queuelens.live.boundary.LiveSnapshots;
import io.queuelens.tenancy.boundary.Tenants;
import io.queuelens.web.security.Caller;
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
// The live picture: live viewers of granted tenants; the model's health is for administrators only.
@RolesAllowed({"ADMIN", "MANAGER", "DASHBOARD"})
@Produces(MediaType.APPLICATION_JSON)
public class LiveResource {

    @Inject
    LiveSnapshots snapshots;

    @Inject
    LiveModels models;

    @Inject
    Tenants tenants;

    @Inject
    Caller caller;

    @Inject
    io.queuelens.names.boundary.DisplayNames names;

    @GET
    public Response snapshot(@QueryParam("tenant") String tenant) {
        Response bad = checkTenant(tenant);
        if (bad != null) {
            return bad;
        }
        String id = tenant.strip();
        io.queuelens.live.entity.LiveSnapshot s = caller.access().queueLimit(id)
                .map(visible -> LiveSnapshotLimit.to(snapshots.of(id), visible)).orElseGet(() -> snapshots.of(id));
        return Response.ok(withDisplayNames(s, names.book(id))).build();
    }

    /**
     * The snapshot as JSON-B writes it, plus {@code displayNames}: {queues: {id: name}, members: {key: name}}
     * for the queues and members in it (the ids stay the keys everywhere else).
     */
    static jakarta.json.JsonObject withDisplayNames(io.queuelens.live.entity.LiveSnapshot s,
                                                    io.queuelens.names.entity.NameBook book) {
        jakarta.json.JsonObject plain;
        try (jakarta.json.bind.Jsonb jsonb = jakarta.json.bind.JsonbBuilder.create();
             java.io.StringReader in = new java.io.StringReader(jsonb.toJson(s));
             jakarta.json.JsonReader reader = jakarta.json.Json.createReader(in)) {
            plain = reader.readObject();
        } catch (Exception e) {
            throw new IllegalStateException("live snapshot could not be written as JSON", e);
        }
        jakarta.json.JsonObjectBuilder queues = jakarta.json.Json.createObjectBuilder();
        s.queues().keySet().forEach(q -> queues.add(q, book.queue(q)));
        jakarta.json.JsonObjectBuilder members = jakarta.json.Json.createObjectBuilder();
        s.members().values().forEach(m -> {
            String mapped = book.agent(m.agent());
            members.add(m.agent(), mapped.equals(m.agent()) ? m.name() : mapped);
        });
        return jakarta.json.Json.createObjectBuilder(plain).add("displayNames", jakarta.json.Json.createObjectBuilder()
                .add("queues", queues).add("members", members)).build();
    }

    @GET
    @Path("model")
    @RolesAllowed("ADMIN")
    public Response model(@QueryParam("tenant") String tenant) {
        Response bad = checkTenant(tenant);
        if (bad != null) {
            return bad;
        }
        return models.stats(tenant.strip()).map(s -> Response.ok(s).build())
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND)
                        .entity(ApiErrors.body("tenant " + tenant.strip() + " has no live source", "tenant")).build());
    }

    /** 400 malformed, 403 not the caller's (whether it exists or not), 404 unknown; else null. */
    private Response checkTenant(String tenant) {
        Response malformed = ApiAccess.malformedTenant(tenant);
        if (malformed != null) {
            return malformed;
        }
        if (!caller.mayViewTenant(tenant.strip())) {
            return ApiAccess.forbidden("tenant '" + tenant.strip() + "' is not one of yours", "tenant");
        }
        return ApiAccess.unknownTenant(tenants, tenant);
    }
}
