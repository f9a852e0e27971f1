package io.queuelens.web.security;

import io.queuelens.login.boundary.Sessions;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * Ends a logged-in session that began before its user's "logout everywhere" cut-off (or password
 * change): checked on every request of a logged-in session, so no session anywhere outlives it by
 * more than one request. Pages go to the login page, the API answers 401.
 */
@WebFilter("/*")
public class SessionCutoffFilter extends HttpFilter {

    /** Session attribute: when this session was authenticated (an Instant). */
    static final String AUTHENTICATED_AT = "queuelens.authenticatedAt";

    @Inject
    Sessions sessions;

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpSession session = req.getSession(false);
        if (session != null && req.getUserPrincipal() != null && req.getAttribute(QueueLensAuthentication.BEARER) == null) {
            Object at = session.getAttribute(AUTHENTICATED_AT);
            if (!(at instanceof Instant authenticatedAt)) {
                // Authenticated by a path that did not stamp it: from now on it counts.
                session.setAttribute(AUTHENTICATED_AT, Instant.now());
            } else {
                Optional<Instant> cutoff = sessions.validAfter(req.getUserPrincipal().getName());
                if (cutoff.isPresent() && !authenticatedAt.isAfter(cutoff.get())) {
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

    /** Marks the session as authenticated now (after a login, or when a password change renewed it). */
    static void stamp(HttpSession session) {
        session.setAttribute(AUTHENTICATED_AT, Instant.now());
    }
}
