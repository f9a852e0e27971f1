package io.queuelens.web.security;

import io.queuelens.login.boundary.Sessions;
import jakarta.enterprise.inject.spi.CDI;
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
 * Ends a logged-in session authenticated before its user's last "logout everywhere" (or password
 * change), i.e. in an earlier session generation: checked on every request of a logged-in session, so
 * no session anywhere outlives it by more than one request. Pages go to the login page, the API
 * answers 401.
 */
@WebFilter("/*")
public class SessionCutoffFilter extends HttpFilter {

    /** Session attribute: the user's session generation when this session was authenticated (a Long). */
    static final String GENERATION = "queuelens.sessionGeneration";

    @Inject
    SessionGenerations generations;

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpSession session = req.getSession(false);
        if (session != null && req.getUserPrincipal() != null && req.getAttribute(QueueLensAuthentication.BEARER) == null) {
            Object stamped = session.getAttribute(GENERATION);
            long current = generations.current(req.getUserPrincipal().getName()); // cached briefly, forgotten on a cut-off
            if (!(stamped instanceof Long generation)) {
                // Authenticated by a path that did not stamp it: from now on it counts.
                session.setAttribute(GENERATION, current);
            } else {
                if (generation > current) {
                    // stamped after the cached value was read: generations only grow, so ask again
                    current = generations.refresh(req.getUserPrincipal().getName());
                }
                if (generation != current) {
                    session.invalidate();
                    req.logout();
                    if (req.getRequestURI().startsWith(req.getContextPath() + "/api/")) {
                        res.sendError(HttpServletResponse.SC_UNAUTHORIZED);
                    } else {
                        res.sendRedirect(req.getContextPath() + QueueLensAuthentication.LOGIN_PAGE);
                    }
                    return;
                }
            }
        }
        chain.doFilter(req, res);
    }

    /** Marks the session as authenticated in the user's current generation (after a login, or when a password change renewed it). */
    static void stamp(HttpSession session, String username) {
        session.setAttribute(GENERATION, CDI.current().select(Sessions.class).get().generation(username));
    }
}
