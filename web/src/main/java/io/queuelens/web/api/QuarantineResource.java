package io.queuelens.web.api;

import io.queuelens.ingest.boundary.QuarantinedInputs;
import io.queuelens.ingest.entity.QuarantinePage;
import io.queuelens.ingest.entity.QuarantinedLine;
import io.queuelens.reports.entity.InvalidReportRequest;
import io.queuelens.reports.entity.SummaryRequest;
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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code GET /api/v1/quarantine?tenant=T[&source=S][&page=0][&size=50]}: input that ingestion could
 * not understand, newest first: {@code {"count": N, "page": 0, "size": 50, "items": [...]}}, each
 * item with source, position, the raw input as received, the reason and when it was received (UTC).
 * Bad parameters are 400 with the parameter named.
 */
@Path("quarantine")
@RequestScoped
// Server administrators only (they see every tenant): quarantined input is raw PBX data.
@RolesAllowed("ADMIN")
public class QuarantineResource {

    public static final int DEFAULT_SIZE = 50;
    /** A source id as the ingestion writes it (letters, digits, '-', '_', '.'). */
    private static final Pattern SOURCE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    @Inject
    Tenants tenants;

    @Inject
    QuarantinedInputs quarantine;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list(@QueryParam("tenant") String tenant, @QueryParam("source") String source,
                         @QueryParam("page") String page, @QueryParam("size") String size) {
        String tenantId = ReportsResource.requireTenantId(tenant);
        List<InvalidReportRequest.Problem> problems = new ArrayList<>();
        String sourceId = source == null || source.isBlank() ? null : source.strip();
        if (sourceId != null && !SOURCE.matcher(sourceId).matches()) {
            problems.add(new InvalidReportRequest.Problem("source",
                    "source must be a source id (letters, digits, '.', '_' and '-', at most 64), was '" + source + "'"));
        }
        int pageNo = number("page", page, 0, 0, Integer.MAX_VALUE / QuarantinedInputs.MAX_PAGE_SIZE, problems);
        int pageSize = number("size", size, DEFAULT_SIZE, 1, QuarantinedInputs.MAX_PAGE_SIZE, problems);
        if (!problems.isEmpty()) {
            throw new InvalidReportRequest(problems);
        }
        if (tenants.find(tenantId).isEmpty()) {
            return Response.status(Response.Status.NOT_FOUND).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(ApiErrors.body("unknown tenant '" + tenantId + "'", SummaryRequest.TENANT)).build();
        }
        return Response.ok(json(quarantine.page(tenantId, sourceId, pageNo, pageSize))).build();
    }

    static Map<String, Object> json(QuarantinePage p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", p.count());
        m.put("page", p.page());
        m.put("size", p.size());
        List<Map<String, Object>> items = new ArrayList<>();
        for (QuarantinedLine l : p.items()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("source", l.sourceId());
            item.put("position", l.position());
            item.put("raw", l.rawInput());
            item.put("reason", l.reason());
            item.put("receivedAt", l.receivedAt() == null ? null : l.receivedAt().toString());
            items.add(item);
        }
        m.put("items", items);
        return m;
    }

    private static int number(String name, String value, int dflt, int min, int max,
                              List<InvalidReportRequest.Problem> problems) {
        if (value == null || value.isBlank()) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(new InvalidReportRequest.Problem(name, name + " must be a whole number from " + min + " to " + max
                + ", was '" + value + "'"));
        return dflt;
    }
}
