package io.queuelens.web.security;

import io.queuelens.identity.entity.Access;
import io.queuelens.identity.entity.Role;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;

/**
 * Every authenticated request: a user who was disabled or deleted since logging in, or whose roles
 * were changed, loses the session at once (pages go to the login, the API gets 403), so that the
 * container's role checks ({@code @RolesAllowed}, web.xml) never act on roles that are gone; a user
 * whose stored roles do not allow the page's path gets 403 ({@link AccessRules}).
 *
 * <p>A page postback naming a tenant the caller may not see is 403 too. Pages take their tenant from
 * a view parameter and check it in their view action, which JSF runs on the first GET only; a crafted
 * postback carrying {@code tenant=other} would otherwise set the parameter after that check.
 */
@WebFilter("/*")
public class AccessFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    transient Caller caller;

    /** The session's roles (given at login) differ from the roles stored now. */
    static boolean rolesChanged(HttpServletRequest req, Access access) {
        for (Role r : Role.values()) {
            if (req.isUserInRole(r.name()) != access.hasRole(r)) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
        if (req.getRemoteUser() == null || path.equals("/logout") || path.startsWith("/jakarta.faces.resource/")) {
            chain.doFilter(req, res);
            return;
        }
        Access access = caller.access();
        if (!access.isKnown() || rolesChanged(req, access)) {
            HttpSession session = req.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            if (path.startsWith("/api/")) {
                res.sendError(HttpServletResponse.SC_FORBIDDEN);
            } else {
                res.sendRedirect(req.getContextPath() + "/login.xhtml");
            }
            return;
        }
        if (AccessRules.rolesFor(path).stream().noneMatch(access::hasRole) || foreignTenantPostback(req, path, access)) {
            res.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        chain.doFilter(req, res);
    }

    /** A page POST whose {@code tenant} parameter (view parameter or crafted field) is not the caller's. */
    static boolean foreignTenantPostback(HttpServletRequest req, String path, Access access) {
        if (!"POST".equals(req.getMethod()) || path.startsWith("/api/")) {
            return false;
        }
        String tenant = req.getParameter("tenant");
        return tenant != null && !tenant.isBlank() && !access.mayViewTenant(tenant);
    }
}
