package io.queuelens.web.api;

import io.queuelens.tenancy.boundary.Tenants;
import io.queuelens.tenancy.entity.InvalidTenant;
import io.queuelens.tenancy.entity.Tenant;
import io.queuelens.tenancy.entity.TenantDraft;
import io.queuelens.web.security.Caller;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * Tenants for server administrators, as on /admin/tenants.xhtml: {@code GET /api/v1/tenants},
 * {@code POST /api/v1/tenants} ({@code {"id", "name", "timeZone", "locale", "currency"}}) and
 * {@code PUT /api/v1/tenants/{id}} (the same without id). Bad fields are 400 naming each field.
 */
@Path("tenants")
@RequestScoped
@RolesAllowed("ADMIN")
@Produces(MediaType.APPLICATION_JSON)
public class TenantsResource {

    @Inject
    Tenants tenants;

    @Inject
    Caller caller;

    public static class TenantForm {
        public String id;
        public String name;
        public String timeZone;
        public String locale;
        public String currency;
    }

    public record TenantJson(String id, String name, String timeZone, String locale, String currency) {
        static TenantJson of(Tenant t) {
            return new TenantJson(t.getId(), t.getName(), t.getTimeZone().getId(), t.getLocale().toLanguageTag(),
                    t.getCurrency().getCurrencyCode());
        }
    }

    @GET
    public List<TenantJson> list() {
        return tenants.findAll().stream().map(TenantJson::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(TenantForm f) {
        try {
            TenantForm form = f == null ? new TenantForm() : f;
            Tenant t = tenants.create(new TenantDraft(form.id, form.name, form.timeZone, form.locale, form.currency),
                    caller.name());
            return Response.status(Response.Status.CREATED).entity(TenantJson.of(t)).build();
        } catch (InvalidTenant e) {
            return UsersResource.invalid(e.problems());
        }
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response change(@PathParam("id") String id, TenantForm f) {
        try {
            TenantForm form = f == null ? new TenantForm() : f;
            if (tenants.find(id).isEmpty()) {
                return Response.status(Response.Status.NOT_FOUND).entity(ApiErrors.body("unknown tenant '" + id + "'", "id"))
                        .build();
            }
            Tenant t = tenants.change(new TenantDraft(id, form.name, form.timeZone, form.locale, form.currency),
                    caller.name());
            return Response.ok(TenantJson.of(t)).build();
        } catch (InvalidTenant e) {
            return UsersResource.invalid(e.problems());
        }
    }

}
