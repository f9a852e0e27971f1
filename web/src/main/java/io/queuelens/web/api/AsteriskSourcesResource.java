package io.queuelens.web.api;

import io.queuelens.sources.asterisk.boundary.AsteriskSourceConfigs;
import io.queuelens.sources.asterisk.entity.AsteriskSourceConfig;
import io.queuelens.sources.asterisk.entity.AsteriskSourceForm;
import io.queuelens.sources.asterisk.entity.ConfiguredSourceView;
import io.queuelens.sources.asterisk.entity.ConnectionCheck;
import io.queuelens.sources.asterisk.entity.InvalidSourceConfig;
import io.queuelens.tenancy.boundary.Tenants;
import io.queuelens.vault.control.VaultException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The Asterisk PBXs configured per tenant, for server administrators:
 * {@code GET /api/v1/sources/asterisk?tenant=T} lists them with their readers' state,
 * {@code POST} (body: the settings as JSON) adds one, {@code PUT /{id}} changes one,
 * {@code POST /{id}/enable} and {@code /{id}/disable} switch one, {@code POST /test} tries settings.
 * Passwords and secrets are accepted but never returned ({@code dbPasswordSet}, {@code amiSecretSet} say
 * whether one is stored). Invalid settings answer 400 with every problem and the property it belongs to.
 */
@Path("sources/asterisk")
@RequestScoped
@RolesAllowed("ADMIN")
@Produces(MediaType.APPLICATION_JSON)
public class AsteriskSourcesResource {

    @Inject
    AsteriskSourceConfigs configs;

    @Inject
    Tenants tenants;

    /** One configured source as the API shows it: its settings without secrets, and its reader's state. */
    public record SourceJson(long id, String tenant, String name, String displayName, boolean enabled, String mode,
                             String dbUrl, String dbUser, boolean dbPasswordSet, String queueLogTable, String queueLogFile,
                             String cdrTable, String amiHost, Integer amiPort, String amiUser, boolean amiSecretSet,
                             String timeZone, String state, boolean ready, String detail, String lastError, String position,
                             long linesRead, long quarantined, Instant lastReadAt) {

        static SourceJson of(ConfiguredSourceView v) {
            AsteriskSourceConfig c = v.config();
            return new SourceJson(c.id(), c.tenantId(), c.name(), c.displayName(), c.enabled(), c.mode().name(), c.dbUrl(),
                    c.dbUser(), c.dbPassword() != null, c.queueLogTable(), c.queueLogFile(), c.cdrTable(), c.amiHost(),
                    c.amiPort(), c.amiUser(), c.amiSecret() != null, c.timeZone() == null ? null : c.timeZone().getId(),
                    v.status().state().name(), v.status().ready(), v.status().detail(), v.lastError(), v.shortPosition(),
                    v.linesRead(), v.quarantined(), v.status().lastEventAt());
        }
    }

    @GET
    public Response list(@QueryParam("tenant") String tenant) throws SQLException {
        if (tenant == null || tenant.isBlank()) {
            return Response.ok(configs.all().stream().map(SourceJson::of).toList()).build();
        }
        Response bad = ApiAccess.malformedOrUnknownTenant(tenants, tenant);
        return bad != null ? bad : Response.ok(configs.ofTenant(tenant.strip()).stream().map(SourceJson::of).toList()).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@QueryParam("tenant") String tenant, AsteriskSourceForm form) throws SQLException {
        Response bad = ApiAccess.malformedOrUnknownTenant(tenants, tenant);
        if (bad != null || form == null) {
            return bad != null ? bad : ApiErrors.badRequest("send the source's settings as a JSON object", null);
        }
        try {
            AsteriskSourceConfig saved = configs.create(tenant.strip(), form);
            return Response.status(Response.Status.CREATED).entity(view(saved)).build();
        } catch (InvalidSourceConfig e) {
            return ApiErrors.badRequest(e);
        }
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@QueryParam("tenant") String tenant, @PathParam("id") long id, AsteriskSourceForm form)
            throws SQLException {
        Response bad = ApiAccess.malformedOrUnknownTenant(tenants, tenant);
        if (bad != null || form == null) {
            return bad != null ? bad : ApiErrors.badRequest("send the source's settings as a JSON object", null);
        }
        try {
            return Response.ok(view(configs.update(tenant.strip(), id, form))).build();
        } catch (InvalidSourceConfig e) {
            return e.isUnknownSource()
                    ? Response.status(Response.Status.NOT_FOUND).entity(ApiErrors.body(e.getMessage(), "id")).build()
                    : ApiErrors.badRequest(e);
        }
    }

    @POST
    @Path("{id}/enable")
    public Response enable(@QueryParam("tenant") String tenant, @PathParam("id") long id) throws SQLException {
        return switchTo(tenant, id, true);
    }

    @POST
    @Path("{id}/disable")
    public Response disable(@QueryParam("tenant") String tenant, @PathParam("id") long id) throws SQLException {
        return switchTo(tenant, id, false);
    }

    /** Tries the settings in the body; {@code id} names a stored source whose secrets fill in empty ones. */
    @POST
    @Path("test")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response test(@QueryParam("tenant") String tenant, @QueryParam("id") Long id, AsteriskSourceForm form)
            throws SQLException {
        Response bad = ApiAccess.malformedOrUnknownTenant(tenants, tenant);
        if (bad != null || form == null) {
            return bad != null ? bad : ApiErrors.badRequest("send the settings to try as a JSON object", null);
        }
        try {
            List<ConnectionCheck> checks = configs.testConnection(tenant.strip(), id, form);
            return Response.ok(Map.of("ok", checks.stream().allMatch(ConnectionCheck::ok), "checks", checks)).build();
        } catch (InvalidSourceConfig e) {
            return ApiErrors.badRequest(e);
        } catch (VaultException e) {
            return ApiErrors.badRequest("the stored secret cannot be opened: " + e.getMessage(), "id");
        }
    }

    private Response switchTo(String tenant, long id, boolean enabled) throws SQLException {
        Response bad = ApiAccess.malformedOrUnknownTenant(tenants, tenant);
        if (bad != null) {
            return bad;
        }
        if (!configs.setEnabled(tenant.strip(), id, enabled)) {
            return Response.status(Response.Status.NOT_FOUND)
                    .entity(ApiErrors.body("tenant " + tenant.strip() + " has no source " + id, "id")).build();
        }
        return Response.ok(view(configs.find(tenant.strip(), id).orElseThrow())).build();
    }

    private SourceJson view(AsteriskSourceConfig saved) throws SQLException {
        return configs.ofTenant(saved.tenantId()).stream().filter(v -> v.config().id() == saved.id())
                .map(SourceJson::of).findFirst().orElseThrow();
    }

}
