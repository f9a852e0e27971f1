package io.queuelens.web.security;

import io.queuelens.login.boundary.Sessions;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * "Log out everywhere": ends every session and remember-me login of the caller, this one included.
 * POST only, so a link or an image elsewhere cannot trigger it.
 */
@WebServlet("/logout-everywhere")
public class LogoutEverywhereServlet extends HttpServlet {

    @Inject
    Sessions sessions;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse res) throws ServletException, IOException {
        if (req.getUserPrincipal() != null) {
            String user = req.getUserPrincipal().getName();
            sessions.endSessions(user, user, "logout everywhere");
        }
        RememberMeCookie.clear(req, res);
        req.logout();
        if (req.getSession(false) != null) {
            req.getSession(false).invalidate();
        }
        res.sendRedirect(req.getContextPath() + QueueLensAuthentication.LOGIN_PAGE);
    }
}
