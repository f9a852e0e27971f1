package io.queuelens.web.security;

import io.queuelens.web.i18n.Messages;
import jakarta.json.Json;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.MessageFormat;
import java.util.HexFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * Request rate limits ({@link RateLimiter}, token buckets): login form posts per client IP, REST calls
 * per caller (the user, the bearer token, or the IP). Over the limit the answer is 429 with
 * {@code Retry-After} in seconds: a JSON error for the API, a short page with the login page's message
 * for the form. The IP is the connection's: behind a proxy all clients share the proxy's address, so
 * the login limit then counts them together (raise it, or let the proxy limit).
 */
@WebFilter(urlPatterns = {"/api/*", "/login.xhtml"}, asyncSupported = true)
public class RateLimitFilter extends HttpFilter {

    static final int MAX_CLIENTS = 100_000;

    private transient RateLimiter api;
    private transient RateLimiter login;

    @Override
    public void init() throws ServletException {
        Config config = ConfigProvider.getConfig();
        api = new RateLimiter(setting(config, "queuelens.rate-limit.api-per-minute", 1200),
                setting(config, "queuelens.rate-limit.api-burst", 300), MAX_CLIENTS, System::nanoTime);
        login = new RateLimiter(setting(config, "queuelens.rate-limit.login-per-minute", 30),
                setting(config, "queuelens.rate-limit.login-burst", 10), MAX_CLIENTS, System::nanoTime);
    }

    private static int setting(Config config, String name, int dflt) {
        return config.getOptionalValue(name, Integer.class).orElse(dflt);
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (req.getServletPath().startsWith("/api")) {
            long wait = api.retryAfterSeconds(caller(req));
            if (wait > 0) {
                refuse(res, wait, "application/json", Json.createObjectBuilder()
                        .add("error", "too many requests: wait " + wait + " s (limit QUEUELENS_RATE_LIMIT_API_PER_MINUTE)")
                        .addNull("parameter").add("retryAfterSeconds", wait).build().toString());
                return;
            }
        } else if ("POST".equals(req.getMethod()) && req.getParameter("login") != null) { // the login form, not the language switch
            long wait = login.retryAfterSeconds("ip:" + req.getRemoteAddr());
            if (wait > 0) {
                res.setHeader("Content-Security-Policy", ContentSecurityPolicy.NON_PAGE);
                refuse(res, wait, "text/html", loginPage(req, wait));
                return;
            }
        }
        chain.doFilter(req, res);
    }

    /** The user or token the request is authenticated as (the container has checked it), else the IP. */
    static String caller(HttpServletRequest req) {
        String authorization = req.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return "token:" + sha256(authorization.substring(7).strip()); // never keep the token itself
        }
        return req.getUserPrincipal() != null ? "user:" + req.getUserPrincipal().getName() : "ip:" + req.getRemoteAddr();
    }

    private static void refuse(HttpServletResponse res, long seconds, String type, String body) throws IOException {
        res.setStatus(429);
        res.setHeader("Retry-After", Long.toString(seconds));
        res.setContentType(type);
        res.setCharacterEncoding(StandardCharsets.UTF_8.name());
        res.getWriter().write(body);
    }

    private static String loginPage(HttpServletRequest req, long seconds) {
        Locale locale = req.getLocale() == null ? Locale.ENGLISH : req.getLocale();
        ResourceBundle bundle = ResourceBundle.getBundle(Messages.BUNDLE, locale);
        String text = new MessageFormat(bundle.getString("ratelimit.login"), bundle.getLocale()).format(new Object[]{seconds});
        String back = bundle.getString("ratelimit.back");
        return "<!DOCTYPE html><html lang=\"" + escape(bundle.getLocale().getLanguage()) + "\"><head><meta charset=\"UTF-8\"><title>"
                + escape(bundle.getString("login.title")) + "</title></head><body><p id=\"rate-limited\">" + escape(text)
                + "</p><p><a href=\"" + escape(req.getContextPath()) + "/login.xhtml\">" + escape(back) + "</a></p></body></html>";
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
