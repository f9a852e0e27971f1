package io.queuelens.web.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Security headers on every response. Pages get their Content-Security-Policy from PrimeFaces' CSP mode
 * ({@link ContentSecurityPolicy}, with the per-request nonce); every other response (REST JSON, the
 * snapshot, resources, recordings) gets {@link ContentSecurityPolicy#NON_PAGE} here, so a JSON body that
 * a browser is tricked into rendering runs nothing. Strict-Transport-Security only on HTTPS requests:
 * sent over plain HTTP it would be ignored, and a server reached by IP over HTTP must stay reachable.
 */
// ERROR too: a request the container refuses before any filter (401 without credentials) is answered
// through the error dispatch, and its response needs the headers as well.
@WebFilter(urlPatterns = "/*", asyncSupported = true, dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ERROR})
public class SecurityHeadersFilter extends HttpFilter {

    static final String PERMISSIONS = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
            + "interest-cohort=(), fullscreen=(self)";

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        res.setHeader("X-Content-Type-Options", "nosniff");
        res.setHeader("Referrer-Policy", "same-origin");
        res.setHeader("X-Frame-Options", "DENY");
        res.setHeader("Permissions-Policy", PERMISSIONS);
        if (req.isSecure()) {
            res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        }
        if (!isPage(req) && req.getDispatcherType() == DispatcherType.REQUEST) {
            res.setHeader("Content-Security-Policy", ContentSecurityPolicy.NON_PAGE);
        }
        chain.doFilter(req, res);
    }

    /** A Faces page, whose policy PrimeFaces writes (resources under jakarta.faces.resource are files). */
    static boolean isPage(HttpServletRequest req) {
        String path = req.getServletPath();
        if (path == null) {
            return false;
        }
        if (path.isEmpty() || path.equals("/")) {
            return true; // the welcome page
        }
        return path.endsWith(".xhtml") && !path.startsWith("/jakarta.faces.resource/");
    }
}
