package io.queuelens.web.security;

import io.queuelens.identity.entity.Role;
import io.queuelens.login.boundary.ApiTokens;
import io.queuelens.login.boundary.LoginGuard;
import io.queuelens.login.boundary.RememberMe;
import io.queuelens.login.boundary.SingleSignOn;
import io.queuelens.login.control.LoginSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * How a request proves who sends it:
 * <ul>
 *   <li>pages: form login on {@code /login.xhtml} (the login bean passes the credential here);
 *       an unauthenticated page request is redirected there and back after login;</li>
 *   <li>REST: the same session, or {@code Authorization: Bearer <token>} with a user's API token (acting
 *       as that user with their current roles) or the server-admin token {@code QUEUELENS_API_TOKEN} (off
 *       when unset). A bearer request keeps no session ({@link BearerRequestFilter}), so revoking a token
 *       ends its access at once. An unauthenticated {@code /api/} request gets 401, not a redirect to an
 *       HTML page.</li>
 * </ul>
 * Behind a trusted reverse proxy, the single sign-on header (QUEUELENS_SSO_HEADER, off by default)
 * logs in the existing, enabled user it names; from any other address it is ignored.
 * Pages also accept the opt-in remember-me cookie ({@link RememberMe}) when there is no session.
 * A logged-in session carries its login in its attributes ({@link SessionLogin}), so it goes on on any
 * cluster member the load balancer sends it to.
 * Password guessing is throttled by {@link LoginGuard}: a locked user name or client address is refused
 * before its password is checked, with the same answer as a wrong password.
 */
@ApplicationScoped
public class QueueLensAuthentication implements HttpAuthenticationMechanism {

    static final String LOGIN_PAGE = "/login.xhtml";
    /** Session attribute: the page an unauthenticated visitor asked for, to return there after login. */
    static final String RETURN_TO = "queuelens.returnTo";

    static final String API_TOKEN_CALLER = "api-token";
    /** Request attribute: this request was authenticated by a bearer token (and so must not keep a session). */
    static final String BEARER = "queuelens.bearer";

    private static final Logger LOG = Logger.getLogger(QueueLensAuthentication.class.getName());

    @Inject
    IdentityStoreHandler identityStores;

    @Inject
    LoginGuard guard;

    @Inject
    ApiTokens apiTokens;

    @Inject
    RememberMe rememberMe;

    @Inject
    SingleSignOn singleSignOn;

    /** The single sign-on header, e.g. X-Remote-User; off when unset. */
    @Inject
    @ConfigProperty(name = "queuelens.sso.header")
    Optional<String> ssoHeader;

    private final AtomicBoolean untrustedSsoLogged = new AtomicBoolean();

    @Inject
    LoginSettings loginSettings;

    @Inject
    @ConfigProperty(name = "queuelens.api.token")
    Optional<String> apiToken;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return bearer(authorization.substring(7).strip(), clientAddress(request), request, context);
        }
        Credential credential = context.getAuthParameters().getCredential();
        if (credential != null) {
            // An invalid result gives SEND_FAILURE without an error response, so the login page
            // renders its own message instead of the container's 401 page.
            CredentialValidationResult result = checkPassword(credential, clientAddress(request));
            if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                SessionLogin.remember(request.getSession(), result.getCallerPrincipal().getName(), result.getCallerGroups());
            }
            return context.notifyContainerAboutLogin(result);
        }
        Optional<SessionLogin.Login> session = SessionLogin.of(request.getSession(false));
        if (session.isPresent()) {
            // a logged-in session, on whichever cluster member the request reached
            return context.notifyContainerAboutLogin(session.get().username(), session.get().roles());
        }
        if (!context.isProtected()) {
            return context.doNothing();
        }
        Optional<String> ssoUser = ssoHeader.filter(h -> !h.isBlank()).map(h -> request.getHeader(h.strip()));
        if (ssoUser.isPresent() && !ssoUser.get().isBlank()) {
            if (loginSettings.trustedProxies().trusts(request.getRemoteAddr())) {
                return singleSignOn(ssoUser.get().strip(), request, response, context);
            }
            if (untrustedSsoLogged.compareAndSet(false, true)) {
                LOG.warning("The single sign-on header " + ssoHeader.get() + " came from " + request.getRemoteAddr()
                        + ", which is not in QUEUELENS_TRUSTED_PROXIES: ignored (logged once)");
            }
        }
        Optional<String> remembered = RememberMeCookie.read(request);
        if (remembered.isPresent()) {
            Optional<RememberMe.Login> login = rememberMe.redeem(remembered.get(), clientAddress(request));
            if (login.isPresent()) {
                RememberMeCookie.set(request, response, login.get().nextCookie(), rememberMe.lifetime());
                if (request.getSession(false) != null) {
                    request.changeSessionId(); // session fixation, as at a form login
                }
                Set<String> roles = login.get().roles().stream().map(Role::name).collect(Collectors.toSet());
                SessionCutoffFilter.stamp(request.getSession(), login.get().username());
                SessionLogin.remember(request.getSession(), login.get().username(), roles);
                return context.notifyContainerAboutLogin(login.get().username(), roles);
            }
            RememberMeCookie.clear(request, response);
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

    private AuthenticationStatus singleSignOn(String username, HttpServletRequest request, HttpServletResponse response,
                                              HttpMessageContext context) {
        Optional<ApiTokens.Caller> caller = singleSignOn.logIn(username, request.getRemoteAddr());
        if (caller.isEmpty()) {
            try {
                SsoRefusal.send(response, username, request.getLocale());
            } catch (IOException e) {
                LOG.log(Level.FINE, "could not send the single sign-on refusal", e);
            }
            return AuthenticationStatus.SEND_FAILURE;
        }
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        Set<String> roles = caller.get().roles().stream().map(Role::name).collect(Collectors.toSet());
        SessionCutoffFilter.stamp(request.getSession(), caller.get().username());
        SessionLogin.remember(request.getSession(), caller.get().username(), roles);
        return context.notifyContainerAboutLogin(caller.get().username(), roles);
    }

    private CredentialValidationResult checkPassword(Credential credential, String address) {
        String username = credential instanceof UsernamePasswordCredential up ? up.getCaller() : "";
        if (!guard.mayTry(username, address)) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        CredentialValidationResult result = identityStores.validate(credential);
        try {
            if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                guard.succeeded(username, address);
            } else {
                guard.failed(username, address);
            }
        } catch (RuntimeException e) {
            // Two failures of one name at the same instant may collide on the first row; the login's answer stands.
            LOG.log(Level.WARNING, "could not record the login outcome of " + address, e);
        }
        return result;
    }

    private AuthenticationStatus bearer(String presented, String address, HttpServletRequest request,
                                        HttpMessageContext context) {
        if (!guard.bearerMayTry(address)) {
            return context.responseUnauthorized();
        }
        Optional<String> configured = apiToken.filter(t -> !t.isBlank());
        if (configured.isPresent() && sameSecret(presented, configured.get())) {
            request.setAttribute(BEARER, Boolean.TRUE);
            return context.notifyContainerAboutLogin(API_TOKEN_CALLER, Set.of("ADMIN"));
        }
        Optional<ApiTokens.Caller> caller = apiTokens.authenticate(presented);
        if (caller.isPresent()) {
            request.setAttribute(BEARER, Boolean.TRUE);
            return context.notifyContainerAboutLogin(caller.get().username(),
                    caller.get().roles().stream().map(Role::name).collect(Collectors.toSet()));
        }
        guard.bearerFailed(address);
        return context.responseUnauthorized();
    }

    /** The client's address, from X-Forwarded-For only when the request comes from a trusted proxy. */
    String clientAddress(HttpServletRequest request) {
        return loginSettings.trustedProxies().clientAddress(request.getRemoteAddr(), request.getHeader("X-Forwarded-For"));
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
