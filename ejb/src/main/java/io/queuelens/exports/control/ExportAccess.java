package io.queuelens.exports.control;

import io.queuelens.exports.entity.ExportRefused;
import io.queuelens.exports.entity.ExportRequest;
import io.queuelens.identity.entity.Access;
import io.queuelens.identity.entity.Role;
import io.queuelens.reports.entity.SummaryRequest;

import java.util.Set;

/**
 * The REST reports' access rule applied to an export, so a download (or a scheduled export run with
 * its owner's access) shows exactly what the same person sees on the page: report readers only,
 * granted tenants only, requested queues only when visible, and no queue asked for means the
 * caller's visible queues.
 */
public final class ExportAccess {

    private ExportAccess() {
    }

    /** @return the request narrowed to the caller's visibility; @throws ExportRefused otherwise */
    public static ExportRequest authorize(ExportRequest request, Access access) {
        if (access == null || !access.hasAnyRole(Role.ADMIN, Role.MANAGER, Role.REPORTS)) {
            throw new ExportRefused(null, "exports are for ADMIN, MANAGER and REPORTS users");
        }
        if (request.report() == io.queuelens.exports.entity.ReportName.PAYOUTS && !access.hasAnyRole(Role.ADMIN, Role.MANAGER)) {
            throw new ExportRefused(null, "payouts are for ADMIN and MANAGER users");
        }
        String tenant = request.tenant();
        if (!access.mayViewTenant(tenant)) {
            throw new ExportRefused(SummaryRequest.TENANT, "tenant '" + tenant + "' is not one of yours");
        }
        if (!access.mayViewQueues(tenant, request.queues())) {
            throw new ExportRefused(SummaryRequest.QUEUES, "you may not see every queue asked for in tenant '" + tenant + "'");
        }
        Set<String> limit = access.queueLimit(tenant).orElse(Set.of());
        return request.scopedTo(access.effectiveQueues(tenant, request.queues()), limit);
    }
}
