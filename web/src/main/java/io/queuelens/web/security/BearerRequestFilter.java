package io.queuelens.web.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;

/**
 * A request authenticated by a bearer token keeps no session: otherwise a client that stores cookies
 * would stay logged in through the session after its token was revoked or its user disabled.
 */
@WebFilter("/*")
public class BearerRequestFilter extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(req, res);
        } finally {
            if (req.getAttribute(QueueLensAuthentication.BEARER) != null) {
                HttpSession session = req.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
            }
        }
    }
}
