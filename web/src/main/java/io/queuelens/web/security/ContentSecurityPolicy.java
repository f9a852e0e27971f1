package io.queuelens.web.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The Content-Security-Policy of the pages. PrimeFaces' CSP mode ({@code primefaces.CSP=true} in web.xml)
 * writes the header of every page: it reads this policy through {@code primefaces.CSP_POLICY} and appends
 * {@code 'nonce-…';}, the nonce it puts on every script it renders and with which it registers the on*
 * handlers of components (so they are not inline handlers). That is why {@code script-src} comes last.
 *
 * <p>Scripts: only this server's files and PrimeFaces' nonced init scripts, never 'unsafe-inline'.
 * Styles keep 'unsafe-inline': PrimeFaces components and jQuery UI write style attributes (positions of
 * overlays, sizes of charts) that no nonce can cover. {@code connect-src} names the page's own host for
 * ws/wss as well, for the live socket, since older browsers do not count ws: as 'self'.
 */
@Named("contentSecurityPolicy")
@RequestScoped
public class ContentSecurityPolicy {

    /** For everything that is not a page (JSON, files, scripts): nothing may run, nobody may frame it. */
    public static final String NON_PAGE = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    @Inject
    HttpServletRequest request;

    /** The page policy up to and including {@code script-src 'self'}; PrimeFaces appends the nonce. */
    public String getPagePolicy() {
        return forPage(request.getHeader("Host"));
    }

    static String forPage(String host) {
        String sockets = host == null || !host.matches("[A-Za-z0-9.:\\[\\]-]{1,300}") ? "" : " ws://" + host + " wss://" + host;
        return "default-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; "
                + "img-src 'self' data:; font-src 'self' data:; media-src 'self'; style-src 'self' 'unsafe-inline'; "
                + "connect-src 'self'" + sockets + "; script-src 'self'";
    }
}
