package io.queuelens.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.AutoApplySession;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.Set;

/**
 * How a request proves who sends it:
 * <ul>
 *   <li>pages: form login on {@code /login.xhtml} (the login bean passes the credential here);
 *       an unauthenticated page request is redirected there and back after login;</li>
 *   <li>REST: the same session, or {@code Authorization: Bearer <token>} with the server-admin token
 *       {@code QUEUELENS_API_TOKEN} (off when unset). An unauthenticated {@code /api/} request gets
 *       401, not a redirect to an HTML page.</li>
 * </ul>
 * Per-user API tokens replace the single token when the identity issue lands.
 */
@ApplicationScoped
@AutoApplySession
public class QueueLensAuthentication implements HttpAuthenticationMechanism {

    static final String LOGIN_PAGE = "/login.xhtml";
    /** Session attribute: the page an unauthenticated visitor asked for, to return there after login. */
    static final String RETURN_TO = "queuelens.returnTo";

    static final String API_TOKEN_CALLER = "api-token";

    @Inject
    IdentityStoreHandler identityStores;

    @Inject
    @ConfigProperty(name = "queuelens.api.token")
    Optional<String> apiToken;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return bearer(authorization.substring(7).strip(), context);
        }
        Credential credential = context.getAuthParameters().getCredential();
        if (credential != null) {
            // An invalid result gives SEND_FAILURE without an error response, so the login page
            // renders its own message instead of the container's 401 page.
            return context.notifyContainerAboutLogin(identityStores.validate(credential));
        }
        if (!context.isProtected()) {
            return context.doNothing();
        }
        if (isApi(request)) {
            return context.responseUnauthorized();
        }
        // Our own redirect rather than @LoginToContinue: its interceptor redirects every protected
        // request before this mechanism runs, which would also send API clients to an HTML page.
        if ("GET".equals(request.getMethod())) {
            String query = request.getQueryString();
            request.getSession().setAttribute(RETURN_TO,
                    request.getRequestURI().substring(request.getContextPath().length()) + (query == null ? "" : "?" + query));
        }
        return context.redirect(request.getContextPath() + LOGIN_PAGE);
    }

    private AuthenticationStatus bearer(String presented, HttpMessageContext context) {
        Optional<String> configured = apiToken.filter(t -> !t.isBlank());
        if (configured.isPresent() && sameSecret(presented, configured.get())) {
            return context.notifyContainerAboutLogin(API_TOKEN_CALLER, Set.of("ADMIN"));
        }
        return context.responseUnauthorized();
    }

    /** Compares digests in constant time, so response timing reveals nothing about the token. */
    static boolean sameSecret(String presented, String configured) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] a = sha.digest(presented.getBytes(StandardCharsets.UTF_8));
            byte[] b = sha.digest(configured.getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(a, b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isApi(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }
}
