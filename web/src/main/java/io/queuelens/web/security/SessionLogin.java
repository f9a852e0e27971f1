package io.queuelens.web.security;

import jakarta.servlet.http.HttpSession;

import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Who a session is logged in as, kept in two session attributes: the user name and the roles granted at
 * the login. Not the container's own session login ({@code @AutoApplySession}): in a cluster trial with
 * replicated sessions Payara restored that login on another member without the caller's roles (every
 * page answered 403), while attributes travel whole; keeping the login here keeps that door open (see
 * docs/CLUSTER.md, "Sessions"). They are written here, on the server, only after a successful
 * authentication; a client cannot set session attributes. Roles granted or taken later apply at the next
 * login, as with the container's session login; ending a user's sessions (disabling, password change,
 * "log out everywhere") is enforced by {@link SessionCutoffFilter}.
 */
final class SessionLogin {

    static final String CALLER = "queuelens.sessionCaller";
    static final String ROLES = "queuelens.sessionRoles";

    record Login(String username, Set<String> roles) {
    }

    private SessionLogin() {
    }

    /** After a successful authentication of a session's user. */
    static void remember(HttpSession session, String username, Collection<String> roles) {
        session.setAttribute(CALLER, username);
        session.setAttribute(ROLES, String.join(",", new TreeSet<>(roles)));
    }

    /** The login the session carries, if any. */
    static Optional<Login> of(HttpSession session) {
        if (session == null || !(session.getAttribute(CALLER) instanceof String username)
                || !(session.getAttribute(ROLES) instanceof String roles)) {
            return Optional.empty();
        }
        return Optional.of(new Login(username, Arrays.stream(roles.split(",")).filter(r -> !r.isBlank())
                .collect(Collectors.toUnmodifiableSet())));
    }
}
