package io.queuelens.web.security;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * The remember-me cookie: HttpOnly (no script reads it), SameSite=Lax (not sent with cross-site posts),
 * Secure when the request came over HTTPS, scoped to the application's path.
 */
final class RememberMeCookie {

    static final String NAME = "QL_REMEMBER";

    private RememberMeCookie() {
    }

    static Optional<String> read(HttpServletRequest req) {
        Cookie[] cookies = req.getCookies();
        return cookies == null ? Optional.empty()
                : Arrays.stream(cookies).filter(c -> NAME.equals(c.getName())).map(Cookie::getValue).findFirst();
    }

    static void set(HttpServletRequest req, HttpServletResponse res, String value, Duration maxAge) {
        res.addHeader("Set-Cookie", header(value, maxAge.toSeconds(), req.isSecure(), path(req)));
    }

    static void clear(HttpServletRequest req, HttpServletResponse res) {
        if (read(req).isPresent()) {
            res.addHeader("Set-Cookie", header("", 0, req.isSecure(), path(req)));
        }
    }

    static String header(String value, long maxAgeSeconds, boolean secure, String path) {
        return NAME + "=" + value + "; Path=" + path + "; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Lax"
                + (secure ? "; Secure" : "");
    }

    private static String path(HttpServletRequest req) {
        return req.getContextPath().isEmpty() ? "/" : req.getContextPath();
    }
}
