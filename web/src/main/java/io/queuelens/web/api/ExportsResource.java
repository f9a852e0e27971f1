package io.queuelens.web.api;

import io.queuelens.exports.boundary.ReportExports;
import io.queuelens.exports.control.ExportAccess;
import io.queuelens.exports.entity.ExportFormat;
import io.queuelens.exports.entity.ExportRequest;
import io.queuelens.exports.entity.ReportName;
import io.queuelens.identity.entity.Access;
import io.queuelens.reports.entity.SummaryRequest;
import io.queuelens.tenancy.boundary.Tenants;
import io.queuelens.tenancy.entity.Tenant;
import io.queuelens.web.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/v1/exports/{name}?tenant=T&from=&to=&tz=&queues=...&format=xlsx|csv|pdf|parquet[&bom=true]}:
 * a report of the History pages as a file (attachment), streamed while it is written.
 *
 * <p>Why not {@code /reports/{name}}: {@code /reports/summary} and {@code /reports/agents} are JSON
 * endpoints with literal paths; in JAX-RS a literal path always wins over a template and root
 * resources are not backtracked, so {@code /reports/summary?format=xlsx} would silently answer JSON.
 * A path of its own keeps both unambiguous.
 *
 * <p>Everything that can fail is checked before the first byte: the report name and format (400),
 * the tenant and queues (403, also for a tenant that does not exist, as the JSON reports do), the
 * filters (400 naming the parameter, through the JSON endpoints' parsers).
 */
@Path("exports")
@RequestScoped
// As ReportsResource: report readers, granted tenants and visible queues only.
@RolesAllowed({"ADMIN", "MANAGER", "REPORTS"})
public class ExportsResource {

    @Inject
    Tenants tenants;

    @Inject
    Caller caller;

    @Inject
    ReportExports exports;

    @GET
    @Path("{name}")
    public Response export(@PathParam("name") String name, @Context UriInfo uri) {
        Map<String, List<String>> q = uri.getQueryParameters();
        ReportName report = ExportParameters.report(name);
        ExportFormat format = ExportParameters.format(first(q, ExportParameters.FORMAT));
        boolean bom = ExportParameters.bom(first(q, ExportParameters.BOM));
        String tenantId = ReportsResource.requireTenantId(first(q, SummaryRequest.TENANT));
        Access access = caller.access();
        Response refused = ApiAccess.refused(access, tenantId, ExportParameters.requestedQueues(report, q));
        if (refused != null) {
            return refused;
        }
        Optional<Tenant> found = tenants.find(tenantId);
        if (found.isEmpty()) {
            return Response.status(Response.Status.NOT_FOUND).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(ApiErrors.body("unknown tenant '" + tenantId + "'", SummaryRequest.TENANT)).build();
        }
        ExportRequest request = ExportParameters.parse(report, q, found.get().getTimeZone());
        ExportAccess.authorize(request, access); // refused here (403), not half-way through the body
        StreamingOutput body = out -> exports.export(request, format, bom, access, out);
        return Response.ok(body, format.contentType())
                .header("Content-Disposition", "attachment; filename=\"" + ReportExports.fileName(request, format) + "\"")
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .build();
    }

    private static String first(Map<String, List<String>> q, String key) {
        List<String> v = q.get(key);
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}
