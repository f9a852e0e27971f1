package io.queuelens.web.live;

import io.queuelens.tenancy.boundary.Tenants;
import io.queuelens.tenancy.entity.Tenant;
import io.queuelens.web.security.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The layout's {@code alerts} socket: the caller's {@link AlertAudience}, registered for pushes, and the session's
 * permission to open that socket ({@link LiveSocketGuard}).
 */
@Named
@RequestScoped
public class AlertSocket {

    static final String GRANT = "queuelens.alerts.socket";

    @Inject
    Caller caller;

    @Inject
    Tenants tenants;

    @Inject
    AlertPush push;

    private AlertAudience audience;

    /** Null (no socket) for a caller who sees no tenant. */
    public AlertAudience getAudience() {
        if (audience == null) {
            AlertAudience a = AlertAudience.of(caller.access(), tenants.findAll().stream().map(Tenant::getId).toList());
            if (a.tenants().isEmpty()) {
                return null;
            }
            audience = push.register(a);
            HttpServletRequest request = (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
            request.getSession().setAttribute(GRANT, Boolean.TRUE);
        }
        return audience;
    }

    /** True when this session's pages rendered the alerts socket for a user still known. */
    static boolean maySubscribe(HttpServletRequest request) {
        var session = request.getSession(false);
        return session != null && Boolean.TRUE.equals(session.getAttribute(GRANT)) && request.getRemoteUser() != null;
    }
}
