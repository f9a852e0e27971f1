package io.queuelens.web.api;

import io.queuelens.identity.entity.Access;
import io.queuelens.reports.entity.SummaryRequest;
import io.queuelens.tenancy.boundary.Tenants;
import io.queuelens.tenancy.entity.Tenant;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Collection;

/**
 * The tenant and queue checks of the REST resources, made before anything of the tenant is read: a
 * tenant the caller may not see is 403 whether it exists or not (so ids cannot be probed), as is a
 * requested queue outside the caller's visibility.
 */
final class ApiAccess {

    private ApiAccess() {
    }

    /** 403 when the caller may not see the tenant, or one of the named queues of it; else null. */
    static Response refused(Access access, String tenantId, Collection<String> queues) {
        if (!access.mayViewTenant(tenantId)) {
            return forbidden("tenant '" + tenantId + "' is not one of yours", SummaryRequest.TENANT);
        }
        if (queues != null && !access.mayViewQueues(tenantId, queues)) {
            return forbidden("you may not see every queue asked for in tenant '" + tenantId + "'", SummaryRequest.QUEUES);
        }
        return null;
    }

    /** 400 when the {@code tenant} parameter is not a tenant id at all; else null. */
    static Response malformedTenant(String tenant) {
        if (tenant == null || !Tenant.ID_PATTERN.matcher(tenant.strip()).matches()) {
            return ApiErrors.badRequest("tenant must be a tenant id (lower-case letters, digits and '-'), was '" + tenant + "'",
                    SummaryRequest.TENANT);
        }
        return null;
    }

    /** 404 when no tenant has this (well-formed) id; else null. Ask only after the caller's access was checked. */
    static Response unknownTenant(Tenants tenants, String tenant) {
        if (tenants.find(tenant.strip()).isEmpty()) {
            return ApiErrors.notFound("unknown tenant '" + tenant.strip() + "'", SummaryRequest.TENANT);
        }
        return null;
    }

    /** For resources whose callers may manage every tenant (ADMIN): 400 malformed, 404 unknown, else null. */
    static Response malformedOrUnknownTenant(Tenants tenants, String tenant) {
        Response malformed = malformedTenant(tenant);
        return malformed != null ? malformed : unknownTenant(tenants, tenant);
    }

    static Response forbidden(String message, String parameter) {
        return Response.status(Response.Status.FORBIDDEN).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ApiErrors.body(message, parameter)).build();
    }
}
