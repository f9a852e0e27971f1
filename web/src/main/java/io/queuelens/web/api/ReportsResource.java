package io.queuelens.web.api;

import io.queuelens.reports.boundary.SummaryReports;
import io.queuelens.reports.entity.InvalidReportRequest;
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
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/v1/reports/summary}: queue figures per queue or per period, from the rollups.
 * Thin on purpose: parameters to a {@link SummaryRequest} ({@link SummaryParameters}), the boundary,
 * then JSON ({@link SummaryJson}). Bad parameters become 400 through {@link InvalidReportRequestMapper}.
 */
@Path("reports")
@RequestScoped
// Report readers; a caller sees only granted tenants (ADMIN: all) and, inside, their visible queues.
@RolesAllowed({"ADMIN", "MANAGER", "REPORTS"})
public class ReportsResource {

    @Inject
    io.queuelens.names.boundary.DisplayNames names;

    @Inject
    Tenants tenants;

    @Inject
    Caller caller;

    @Inject
    SummaryReports summaries;

    @Inject
    ExportsResource exports;

    /**
     * {@code GET /api/v1/reports/{name}?...&format=xlsx|csv|pdf|parquet}: any exportable report as a file,
     * exactly as {@code /api/v1/exports/{name}} (which it calls). The JSON reports keep their literal paths
     * ({@code summary} here, {@code agents} in AgentReportsResource, both also taking {@code format}); a
     * name without a JSON report needs {@code format}.
     */
    @GET
    @Path("{name}")
    public Response file(@PathParam("name") String name, @QueryParam(ExportParameters.FORMAT) String format,
                         @Context UriInfo uri) {
        if (format == null || format.isBlank()) {
            return ApiErrors.notFound("there is no JSON report '" + name + "'; add format=" + io.queuelens.exports.entity.ExportFormat.names()
                    .replace(", ", "|") + " for the file (JSON: /reports/summary, /reports/agents)", ExportParameters.FORMAT);
        }
        return exports.export(name, uri);
    }

    /**
     * @param tz       IANA zone for periods, labels and local from/to; default: the tenant's
     * @param queues   comma-separated and/or repeated; absent = all queues with data
     * @param groupBy  {@code queue} (default) or {@code interval}
     * @param interval with groupBy=interval: PT15M, PT30M, PT1H, P1D, P1W or P1M
     */
    @GET
    @Path("summary")
    @Produces(MediaType.APPLICATION_JSON)
    public Response summary(@QueryParam("tenant") String tenant, @QueryParam("from") String from,
                            @QueryParam("to") String to, @QueryParam("tz") String tz,
                            @QueryParam("queues") List<String> queues, @QueryParam("groupBy") String groupBy,
                            @QueryParam("interval") String interval, @QueryParam(ExportParameters.FORMAT) String format,
                            @Context UriInfo uri) {
        if (format != null) {
            return exports.export("summary", uri); // the file of the same report (issue 6 wording)
        }
        Response refused = ApiAccess.refused(caller.access(), requireTenantId(tenant), SummaryParameters.queues(queues));
        if (refused != null) {
            return refused;
        }
        Optional<Tenant> found = tenants.find(requireTenantId(tenant));
        if (found.isEmpty()) {
            return Response.status(Response.Status.NOT_FOUND).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(ApiErrors.body("unknown tenant '" + tenant.strip() + "'", SummaryRequest.TENANT)).build();
        }
        SummaryRequest request = SummaryParameters.parse(
                new SummaryParameters.Raw(tenant, from, to, tz, queues, groupBy, interval), found.get().getTimeZone());
        // With no queue asked for, a restricted caller's report covers exactly their visible queues.
        request = new SummaryRequest(request.tenant(), request.from(), request.to(), request.zone(),
                caller.access().effectiveQueues(request.tenant(), request.queues()), request.groupBy(), request.interval());
        return Response.ok(SummaryJson.of(summaries.summary(request), names.book(request.tenant()))).build();
    }

    /** The tenant is looked up before the rest is parsed (its zone is the default), so it is checked first. */
    static String requireTenantId(String tenant) {
        if (tenant == null || tenant.isBlank()) {
            throw new InvalidReportRequest(SummaryRequest.TENANT, "tenant is required");
        }
        String id = tenant.strip();
        if (!Tenant.ID_PATTERN.matcher(id).matches()) {
            throw new InvalidReportRequest(SummaryRequest.TENANT,
                    "tenant must be a tenant id (lower-case letters, digits and '-'), was '" + tenant + "'");
        }
        return id;
    }
}
