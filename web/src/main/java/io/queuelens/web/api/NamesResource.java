package io.queuelens.web.api;

import io.queuelens.names.boundary.DisplayNames;
import io.queuelens.names.control.NameRules;
import io.queuelens.names.entity.DisplayName;
import io.queuelens.names.entity.InvalidDisplayName;
import io.queuelens.names.entity.NameEntry;
import io.queuelens.names.entity.NameKind;
import io.queuelens.tenancy.boundary.Tenants;
import io.queuelens.web.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Display names of a tenant's queues and agents (names component): {@code GET /api/v1/names?tenant=T}
 * lists them (learned, manual, shown), {@code PUT} with {@code {"kind", "key", "displayName"}} sets a manual
 * one, {@code DELETE ?tenant=T&kind=K&key=...} removes a manual one (the learned name shows again).
 * ADMIN and MANAGER of the tenant; a user limited to some queues reads and names only those queues.
 */
@Path("names")
@RequestScoped
@RolesAllowed({"ADMIN", "MANAGER"})
@Produces(MediaType.APPLICATION_JSON)
public class NamesResource {

    /** The request body of PUT. */
    public static class NameForm {
        public String kind;
        public String key;
        public String displayName;
    }

    @Inject
    DisplayNames names;

    @Inject
    Tenants tenants;

    @Inject
    Caller caller;

    @GET
    public Response list(@QueryParam("tenant") String tenant) {
        String id = ReportsResource.requireTenantId(tenant);
        Response refused = check(id);
        if (refused != null) {
            return refused;
        }
        List<Map<String, Object>> items = names.entries(id).stream()
                .filter(e -> e.kind() != NameKind.QUEUE || caller.access().mayViewQueue(id, e.key()))
                .map(NamesResource::json).toList();
        return Response.ok(Map.of("tenant", id, "names", items)).build();
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Response set(@QueryParam("tenant") String tenant, NameForm form) {
        String id = ReportsResource.requireTenantId(tenant);
        Response refused = check(id);
        if (refused != null) {
            return refused;
        }
        if (form == null) {
            return bad("send {\"kind\": \"QUEUE|AGENT\", \"key\": \"...\", \"displayName\": \"...\"}", null);
        }
        try {
            Response hidden = hiddenQueue(id, NameRules.kind(form.kind), NameRules.key(form.key));
            if (hidden != null) {
                return hidden;
            }
            DisplayName stored = names.setManual(id, form.kind, form.key, form.displayName, caller.name());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("kind", stored.kind().name());
            body.put("key", stored.key());
            body.put("displayName", stored.name());
            body.put("origin", stored.origin().name());
            body.put("updatedAt", stored.updatedAt().toString());
            body.put("updatedBy", stored.updatedBy());
            return Response.ok(body).build();
        } catch (InvalidDisplayName e) {
            return bad(e.getMessage(), e.field());
        }
    }

    @DELETE
    public Response reset(@QueryParam("tenant") String tenant, @QueryParam("kind") String kind, @QueryParam("key") String key) {
        String id = ReportsResource.requireTenantId(tenant);
        Response refused = check(id);
        if (refused != null) {
            return refused;
        }
        try {
            Response hidden = hiddenQueue(id, NameRules.kind(kind), NameRules.key(key));
            if (hidden != null) {
                return hidden;
            }
            return names.resetManual(id, kind, key, caller.name()) ? Response.noContent().build()
                    : Response.status(Response.Status.NOT_FOUND).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(ApiErrors.body("no manual name for " + kind + " '" + key + "' in tenant " + id, "key")).build();
        } catch (InvalidDisplayName e) {
            return bad(e.getMessage(), e.field());
        }
    }

    private Response check(String id) {
        Response refused = ApiAccess.refused(caller.access(), id, null);
        if (refused != null) {
            return refused;
        }
        if (tenants.find(id).isEmpty()) {
            return Response.status(Response.Status.NOT_FOUND).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(ApiErrors.body("unknown tenant '" + id + "'", "tenant")).build();
        }
        return null;
    }

    private Response hiddenQueue(String tenantId, NameKind kind, String key) {
        return kind == NameKind.QUEUE && !caller.access().mayViewQueue(tenantId, key)
                ? ApiAccess.forbidden("queue '" + key + "' is not one of yours", "key") : null;
    }

    private static Response bad(String message, String field) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ApiErrors.body(message, field)).build();
    }

    private static Map<String, Object> json(NameEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", e.kind().name());
        m.put("key", e.key());
        m.put("displayName", e.shown());
        m.put("manual", e.manual());
        m.put("learned", e.learned());
        m.put("updatedAt", e.updatedAt() == null ? null : e.updatedAt().toString());
        m.put("updatedBy", e.updatedBy());
        return m;
    }
}
