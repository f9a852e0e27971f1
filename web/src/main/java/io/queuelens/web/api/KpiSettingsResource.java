package io.queuelens.web.api;

import io.queuelens.kpi.boundary.KpiSettingsService;
import io.queuelens.kpi.entity.KpiSettings;
import io.queuelens.kpi.entity.RebuildStatus;
import io.queuelens.kpi.entity.SettingsChange;
import io.queuelens.tenancy.boundary.Tenants;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/settings/kpi?tenant=T}: the KPI settings in force now and every stored version,
 * so a client can say which settings a past figure was computed with. Changes are made on the
 * settings page (a form with a message per field); the API reads.
 */
@Path("settings/kpi")
@RequestScoped
@RolesAllowed("ADMIN")
public class KpiSettingsResource {

    @Inject
    Tenants tenants;

    @Inject
    KpiSettingsService settings;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response get(@QueryParam("tenant") String tenant) {
        String id = ReportsResource.requireTenantId(tenant);
        if (tenants.find(id).isEmpty()) {
            return Response.status(Response.Status.NOT_FOUND).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(ApiErrors.body("unknown tenant '" + id + "'", "tenant")).build();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tenant", id);
        body.put("current", view(settings.history(id).getEffective("", Instant.now())));
        List<Map<String, Object>> versions = settings.changes(id).stream().map(KpiSettingsResource::view).toList();
        body.put("versions", versions);
        RebuildStatus rebuild = settings.rebuildStatus(id);
        body.put("rebuild", rebuild == null ? null : Map.of("from", rebuild.from().toString(),
                "running", rebuild.running(), "percentDone", rebuild.percentDone(),
                "error", rebuild.error() == null ? "" : rebuild.error()));
        return Response.ok(body).build();
    }

    private static Map<String, Object> view(SettingsChange c) {
        Map<String, Object> m = c.tenantSettings() != null ? view(c.tenantSettings()) : new LinkedHashMap<>();
        if (c.queueOverride() != null) {
            m.put("version", c.versionLabel());
            m.put("queue", c.queue());
            m.put("effectiveFrom", c.effectiveFrom().toString());
            m.put("overrides", c.queueOverride().description());
        }
        m.put("changedBy", c.changedBy());
        m.put("changedAt", c.changedAt().toString());
        return m;
    }

    private static Map<String, Object> view(KpiSettings s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", s.version());
        m.put("effectiveFrom", s.effectiveFrom().toString());
        m.put("slaSeconds", s.slaSeconds());
        m.put("shortAbandonSeconds", s.shortAbandonSeconds());
        m.put("slaMode", s.slaMode().name());
        m.put("shortCallSeconds", s.shortCallSeconds());
        m.put("repeatWindowHours", s.repeatWindowHours());
        m.put("billablePauseReasons", List.copyOf(new java.util.TreeSet<>(s.billablePauseReasons())));
        m.put("acwMatchSeconds", s.acwMatchSeconds());
        return m;
    }
}
