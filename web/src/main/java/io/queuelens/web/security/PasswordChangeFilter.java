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
 * Until a user has replaced a password someone else chose (the first admin's random one, or one an
 * admin set), every page except the change page, logout and static resources redirects there.
 */
@WebFilter("/*")
public class PasswordChangeFilter extends HttpFilter {

    static final String MUST_CHANGE = "queuelens.mustChangePassword";
    static final String PAGE = "/account/password.xhtml";

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpSession session = req.getSession(false);
        String path = req.getServletPath();
        boolean pending = session != null && Boolean.TRUE.equals(session.getAttribute(MUST_CHANGE));
        if (pending && !path.equals(PAGE) && !path.equals("/logout") && !path.startsWith("/jakarta.faces.resource/")) {
            res.sendRedirect(req.getContextPath() + PAGE);
            return;
        }
        chain.doFilter(req, res);
    }

    static void passwordChanged(HttpSession session) {
        session.removeAttribute(MUST_CHANGE);
    }
}
