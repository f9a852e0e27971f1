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
 * the login. The container's own session login ({@code @AutoApplySession}) is not used because Payara
 * does not replicate it whole: on another cluster member the session arrives with the caller's name but
 * without their roles (every page answered 403). Attributes travel with a replicated session, so the
 * login goes on on any member. They are written here, on the server, only after a successful
 * authentication; a client cannot set session attributes. Roles granted or taken later apply at the next
 * login, as with the container's session login; ending a user's sessions (disabling, password change,
 * "log out everywhere") is enforced by {@link SessionCutoffFilter} on every member.
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
