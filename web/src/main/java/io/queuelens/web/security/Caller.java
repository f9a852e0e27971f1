package io.queuelens.web.security;

import io.queuelens.identity.boundary.CallerAccess;
import io.queuelens.identity.entity.Access;
import io.queuelens.identity.entity.Role;
import io.queuelens.tenancy.entity.Tenant;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;

/**
 * The current request's {@link Access}, asked of {@link CallerAccess} once per request and kept for
 * it, so a page or list checks as often as it likes without a query per row. Pages use it in EL as
 * {@code #{caller.has('MANAGER')}}.
 */
@Named("caller")
@RequestScoped
public class Caller {

    @Inject
    CallerAccess callerAccess;

    @Inject
    HttpServletRequest request;

    private Access access;

    public Access access() {
        if (access == null) {
            String user = request.getRemoteUser();
            String authorization = request.getHeader("Authorization");
            boolean bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
            access = callerAccess.of(user, bearer);
        }
        return access;
    }

    public String name() {
        return access().caller();
    }

    /** EL: {@code #{caller.has('ADMIN')}}. */
    public boolean has(String role) {
        return access().hasRole(Role.valueOf(role));
    }

    /** EL: {@code #{caller.hasAny('ADMIN,MANAGER')}}. */
    public boolean hasAny(String roles) {
        for (String r : roles.split(",")) {
            if (access().hasRole(Role.valueOf(r.strip()))) {
                return true;
            }
        }
        return false;
    }

    public boolean mayViewTenant(String tenantId) {
        return access().mayViewTenant(tenantId);
    }

    public boolean mayViewQueues(String tenantId, Collection<String> queues) {
        return access().mayViewQueues(tenantId, queues);
    }

    /** The tenants for a picker: only those the caller may see. */
    public List<Tenant> visible(List<Tenant> all) {
        return all.stream().filter(t -> access().mayViewTenant(t.getId())).toList();
    }

    /**
     * For a page's view action: when the URL names a tenant the caller may not see, answers 403 and
     * returns true (the page must then stop). An absent tenant is the page's default, chosen among
     * the visible ones.
     */
    public boolean refusedTenant(String requested) {
        if (requested == null || requested.isBlank() || access().mayViewTenant(requested.strip())) {
            return false;
        }
        forbid();
        return true;
    }

    /** Ends the current Faces request with 403. */
    public static void forbid() {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext ec = faces.getExternalContext();
        try {
            ec.responseSendError(403, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        faces.responseComplete();
    }
}
