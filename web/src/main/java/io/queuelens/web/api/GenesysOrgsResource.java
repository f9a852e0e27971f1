package io.queuelens.web.api;

import io.queuelens.sources.asterisk.entity.InvalidSourceConfig;
import io.queuelens.sources.genesys.boundary.GenesysOrgs;
import io.queuelens.sources.genesys.entity.ConnectionTest;
import io.queuelens.sources.genesys.entity.CrossCheckRow;
import io.queuelens.sources.genesys.entity.GenesysApiException;
import io.queuelens.sources.genesys.entity.GenesysSourceConfig;
import io.queuelens.sources.genesys.entity.GenesysSourceForm;
import io.queuelens.tenancy.boundary.Tenants;
import io.queuelens.vault.control.VaultException;
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

import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Genesys Cloud orgs configured per tenant, for server administrators (like the Asterisk sources):
 * {@code GET /api/v1/genesys/orgs?tenant=T} lists them, {@code POST} adds one, {@code GET|PUT|DELETE /{id}},
 * {@code POST /{id}/test} (body: settings to try, or empty for the stored ones) reports each step and
 * exactly what failed (DNS, CONNECTION, TIMEOUT, AUTH, PERMISSION, RATE_LIMIT, SERVER),
 * {@code POST /{id}/import?day=YYYY-MM-DD} reads a day of conversation details again and cross-checks it,
 * {@code GET /crosscheck?from=&to=&mismatchesOnly=} lists the cross-checks, {@code GET /api-calls} the
 * orgs' API-call statistics. The client secret is accepted but never returned ({@code clientSecretSet}).
 */
@Path("genesys/orgs")
@RequestScoped
@RolesAllowed("ADMIN")
@Produces(MediaType.APPLICATION_JSON)
public class GenesysOrgsResource {

    @Inject
    GenesysOrgs orgs;

    @Inject
    Tenants tenants;

    /** One org as the API shows it: its settings without the secret. */
    public record OrgJson(long id, String tenant, String name, String displayName, boolean enabled, String region,
                          String baseUrl, String clientId, boolean clientSecretSet) {

        static OrgJson of(GenesysSourceConfig c) {
            return new OrgJson(c.id(), c.tenantId(), c.name(), c.displayName(), c.enabled(), c.region(), c.baseUrl(),
                    c.clientId(), c.clientSecret() != null);
        }
    }

    @GET
    public Response list(@QueryParam("tenant") String tenant) throws SQLException {
        Response bad = ApiAccess.malformedOrUnknownTenant(tenants, tenant);
        return bad != null ? bad : Response.ok(orgs.ofTenant(tenant.strip()).stream().map(OrgJson::of).toList()).build();
    }

    @GET
    @Path("{id}")
    public Response get(@QueryParam("tenant") String tenant, @PathParam("id") long id) throws SQLException {
        Response bad = ApiAccess.malformedOrUnknownTenant(tenants, tenant);
        if (bad != null) {
            return bad;
        }
        return orgs.find(tenant.strip(), id).map(c -> Response.ok(OrgJson.of(c)).build()).orElseGet(() -> noOrg(tenant, id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@QueryParam("tenant") String tenant, GenesysSourceForm form) throws SQLException {
        Response bad = ApiAccess.malformedOrUnknownTenant(tenants, tenant);
        if (bad != null || form == null) {
            return bad != null ? bad : ApiErrors.badRequest("send the org's settings as a JSON object", null);
        }
        try {
            return Response.status(Response.Status.CREATED).entity(OrgJson.of(orgs.create(tenant.strip(), form))).build();
        } catch (InvalidSourceConfig e) {
            return ApiErrors.badRequest(e);
        }
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@QueryParam("tenant") String tenant, @PathParam("id") long id, GenesysSourceForm form)
            throws SQLException {
        Response bad = ApiAccess.malformedOrUnknownTenant(tenants, tenant);
        if (bad != null || form == null) {
            return bad != null ? bad : ApiErrors.badRequest("send the org's settings as a JSON object", null);
        }
        try {
            return Response.ok(OrgJson.of(orgs.update(tenant.strip(), id, form))).build();
        } catch (InvalidSourceConfig e) {
            return e.isUnknownSource() ? noOrg(tenant, id) : ApiErrors.badRequest(e);
        }
    }

    @DELETE
    @Path("{id}")
    public Response delete(@QueryParam("tenant") String tenant, @PathParam("id") long id) throws SQLException {
        Response bad = ApiAccess.malformedOrUnknownTenant(tenants, tenant);
        if (bad != null) {
            return bad;
        }
        return orgs.delete(tenant.strip(), id) ? Response.noContent().build() : noOrg(tenant, id);
    }

    /** Tries the settings in the body (empty fields: the stored org's), or the stored org's when there is no body. */
    @POST
    @Path("{id}/test")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    public Response test(@QueryParam("tenant") String tenant, @PathParam("id") long id, GenesysSourceForm form)
            throws SQLException, InterruptedException {
        Response bad = ApiAccess.malformedOrUnknownTenant(tenants, tenant);
        if (bad != null) {
            return bad;
        }
        var stored = orgs.find(tenant.strip(), id);
        if (stored.isEmpty()) {
            return noOrg(tenant, id);
        }
        GenesysSourceForm trial = GenesysSourceForm.of(stored.get());
        if (form != null) { // what the body gives replaces the stored settings
            trial.setRegion(form.getRegion() != null ? form.getRegion() : trial.getRegion());
            trial.setBaseUrl(form.getBaseUrl() != null ? form.getBaseUrl() : trial.getBaseUrl());
            trial.setClientId(form.getClientId() != null ? form.getClientId() : trial.getClientId());
            trial.setClientSecret(form.getClientSecret());
        }
        try {
            ConnectionTest result = orgs.test(tenant.strip(), id, trial);
            return Response.ok(result).build();
        } catch (InvalidSourceConfig e) {
            return ApiErrors.badRequest(e);
        } catch (VaultException e) {
            return ApiErrors.badRequest("the stored secret cannot be opened: " + e.getMessage(), "id");
        }
    }

    /** Reads a day of the org's conversation details again (idempotent) and cross-checks it against the aggregates. */
    @POST
    @Path("{id}/import")
    public Response importDay(@QueryParam("tenant") String tenant, @PathParam("id") long id, @QueryParam("day") String day)
            throws SQLException, InterruptedException {
        Response bad = ApiAccess.malformedOrUnknownTenant(tenants, tenant);
        if (bad != null) {
            return bad;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(day == null ? "" : day.strip());
        } catch (DateTimeException e) {
            return ApiErrors.badRequest("day must be a date YYYY-MM-DD, was '" + day + "'", "day");
        }
        if (orgs.find(tenant.strip(), id).isEmpty()) {
            return noOrg(tenant, id);
        }
        ZoneId zone = tenants.find(tenant.strip()).orElseThrow().getTimeZone();
        try {
            return Response.ok(orgs.importDay(tenant.strip(), id, date, zone)).build();
        } catch (GenesysApiException e) {
            Map<String, Object> body = ApiErrors.body(e.getMessage(), null);
            body.put("failure", e.kind().name());
            body.put("status", e.status());
            return Response.status(Response.Status.BAD_GATEWAY).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
        }
    }

    /** The cross-checks of the tenant's orgs between two days (inclusive); {@code mismatchesOnly=true} keeps the differing rows. */
    @GET
    @Path("crosscheck")
    public Response crossCheck(@QueryParam("tenant") String tenant, @QueryParam("from") String from,
                               @QueryParam("to") String to, @QueryParam("mismatchesOnly") boolean mismatchesOnly)
            throws SQLException {
        Response bad = ApiAccess.malformedOrUnknownTenant(tenants, tenant);
        if (bad != null) {
            return bad;
        }
        LocalDate a;
        LocalDate b;
        try {
            a = LocalDate.parse(from == null ? "" : from.strip());
        } catch (DateTimeException e) {
            return ApiErrors.badRequest("from must be a date YYYY-MM-DD, was '" + from + "'", "from");
        }
        try {
            b = to == null || to.isBlank() ? a : LocalDate.parse(to.strip());
        } catch (DateTimeException e) {
            return ApiErrors.badRequest("to must be a date YYYY-MM-DD, was '" + to + "'", "to");
        }
        if (b.isBefore(a)) {
            return ApiErrors.badRequest("to must not be before from", "to");
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (CrossCheckRow r : orgs.crossChecks(tenant.strip(), a, b)) {
            if (mismatchesOnly && !r.mismatch()) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("org", r.sourceId());
            m.put("day", r.day().toString());
            m.put("queue", r.queue());
            m.put("offeredGenesys", r.offeredGenesys());
            m.put("answeredGenesys", r.answeredGenesys());
            m.put("offeredFacts", r.offeredFacts());
            m.put("answeredFacts", r.answeredFacts());
            m.put("mismatch", r.mismatch());
            m.put("checkedAt", r.checkedAt().toString());
            rows.add(m);
        }
        return Response.ok(rows).build();
    }

    /** The API-call statistics of the tenant's running orgs: count, errors, 429s, p50/p95 and the recent calls. */
    @GET
    @Path("api-calls")
    public Response apiCalls(@QueryParam("tenant") String tenant) {
        Response bad = ApiAccess.malformedOrUnknownTenant(tenants, tenant);
        return bad != null ? bad : Response.ok(orgs.apiStats(tenant.strip())).build();
    }


    private static Response noOrg(String tenant, long id) {
        return Response.status(Response.Status.NOT_FOUND)
                .entity(ApiErrors.body("tenant " + tenant.strip() + " has no Genesys org " + id, "id")).build();
    }
}
