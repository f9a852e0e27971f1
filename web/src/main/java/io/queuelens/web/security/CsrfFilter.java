package io.queuelens.web.security;

import jakarta.json.Json;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * CSRF protection of the REST API ({@link SameOrigin} says the rule): a cross-site state-changing request
 * riding on the session cookie gets 403 with a JSON error before any resource sees it. The pages are
 * protected by Faces' view state instead (server state saving: a form post without the view's random
 * state id is an expired view and changes nothing).
 */
@WebFilter(urlPatterns = "/api/*", asyncSupported = true)
public class CsrfFilter extends HttpFilter {

    private transient SameOrigin sameOrigin;

    @Override
    public void init() throws ServletException {
        sameOrigin = new SameOrigin(ConfigProvider.getConfig().getOptionalValue("queuelens.public-origin", String.class)
                .orElse(""));
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        String own = req.getScheme() + "://" + (req.getHeader("Host") != null ? req.getHeader("Host")
                : req.getServerName() + ":" + req.getServerPort());
        String refusal = sameOrigin.refusal(req.getMethod(), req.getHeader("Authorization"), req.getHeader("Origin"),
                req.getHeader("Referer"), own);
        if (refusal != null) {
            res.setStatus(HttpServletResponse.SC_FORBIDDEN);
            res.setContentType("application/json");
            res.setCharacterEncoding(StandardCharsets.UTF_8.name());
            res.getWriter().write(Json.createObjectBuilder().add("error", refusal).addNull("parameter").build().toString());
            return;
        }
        chain.doFilter(req, res);
    }
}
