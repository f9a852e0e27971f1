package io.queuelens.web.api;

import io.queuelens.identity.entity.Access;
import io.queuelens.reports.entity.SummaryRequest;
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

    static Response forbidden(String message, String parameter) {
        return Response.status(Response.Status.FORBIDDEN).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ApiErrors.body(message, parameter)).build();
    }
}
