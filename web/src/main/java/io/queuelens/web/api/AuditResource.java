package io.queuelens.web.api;

import io.queuelens.audit.boundary.AuditLog;
import io.queuelens.audit.entity.AuditEntry;
import io.queuelens.audit.entity.AuditPage;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/audit}: the audit log, newest first, a page at a time from the database:
 * {@code {"count": N, "page": 0, "size": 50, "items": [{"id", "at", "actor", "tenant", "action", "target", "detail"}]}}.
 * The log is server-wide (logins, users, tenants), so only server administrators read it.
 */
@Path("audit")
@RequestScoped
@RolesAllowed("ADMIN")
@Tag(name = "audit", description = "Who changed what, when; login successes and failures")
public class AuditResource {

    @Inject
    AuditLog log;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Audit log lines, newest first, paged in the database")
    @APIResponse(responseCode = "200", description = "{count, page, size, items[{id, at, actor, tenant, action, target, detail}]}")
    @APIResponse(responseCode = "400", description = "a bad parameter, named in {error, parameter, problems}")
    public Map<String, Object> list(
            @Parameter(description = "from (inclusive): an instant, a date-time with offset, or a UTC date") @QueryParam("from") String from,
            @Parameter(description = "to (exclusive), as from") @QueryParam("to") String to,
            @Parameter(description = "only this tenant id") @QueryParam("tenant") String tenant,
            @Parameter(description = "only this actor (user name, api-token, system)") @QueryParam("actor") String actor,
            @Parameter(description = "only this action code, e.g. source.changed, login.failed") @QueryParam("action") String action,
            @Parameter(description = "0-based page, default 0") @QueryParam("page") String page,
            @Parameter(description = "lines per page, 1 to 500, default 50") @QueryParam("size") String size) {
        return json(log.page(AuditParameters.parse(new AuditParameters.Raw(from, to, tenant, actor, action, page, size), null)));
    }

    static Map<String, Object> json(AuditPage p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", p.count());
        m.put("page", p.page());
        m.put("size", p.size());
        List<Map<String, Object>> items = new ArrayList<>();
        for (AuditEntry e : p.items()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", e.id());
            item.put("at", e.at() == null ? null : e.at().toString());
            item.put("actor", e.actor());
            item.put("tenant", e.tenantId());
            item.put("action", e.action());
            item.put("target", e.target());
            item.put("detail", e.detail());
            items.add(item);
        }
        m.put("items", items);
        return m;
    }
}
