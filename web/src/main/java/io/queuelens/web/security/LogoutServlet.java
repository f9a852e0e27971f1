package io.queuelens.web.security;

import io.queuelens.login.boundary.RememberMe;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** Ends the session and this browser's remember-me login. POST only, so a link in an e-mail or an image tag cannot log anyone out. */
@WebServlet("/logout")
public class LogoutServlet extends HttpServlet {

    @Inject
    RememberMe rememberMe;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse res) throws ServletException, IOException {
        RememberMeCookie.read(req).ifPresent(rememberMe::forget);
        RememberMeCookie.clear(req, res);
        req.logout();
        if (req.getSession(false) != null) {
            req.getSession(false).invalidate();
        }
        res.sendRedirect(req.getContextPath() + "/login.xhtml");
    }
}
