package io.queuelens.login.boundary;

import io.queuelens.audit.entity.Audited;
import io.queuelens.identity.entity.Role;
import io.queuelens.identity.entity.UserAccount;
import io.queuelens.login.control.Secrets;
import io.queuelens.login.entity.RememberMeToken;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Remember-me logins (opt-in on the login form). The cookie value is {@code selector:validator}: the
 * selector finds the row, the validator proves the cookie; only the validator's SHA-256 is stored and
 * a new validator replaces it at every use. A cookie whose selector is known but whose validator is not
 * the current one is an old copy: someone used the cookie after it was copied, so every remember-me
 * login of that user is revoked.
 */
@Stateless
public class RememberMe {

    private static final Pattern COOKIE = Pattern.compile("([A-Za-z0-9_-]{16}):([A-Za-z0-9_-]{43})");

    @PersistenceContext
    EntityManager em;

    @Inject
    Event<Audited> audit;

    @Inject
    @ConfigProperty(name = "queuelens.login.remember-me-days", defaultValue = "14")
    int days;

    /** Who a remember-me cookie logged in, and the cookie value that replaces the one used. */
    public record Login(String username, Set<Role> roles, String nextCookie) {
        @Override
        public String toString() {
            return "Login[" + username + "]"; // never the cookie
        }
    }

    /** How long a remember-me login lasts without being used. */
    public Duration lifetime() {
        return Duration.ofDays(Math.max(1, days));
    }

    /** A new remember-me login for {@code username}: the cookie value, or empty for an unknown user. */
    public Optional<String> issue(String username) {
        Optional<UserAccount> user = em.createNamedQuery("UserAccount.findByUsername", UserAccount.class)
                .setParameter("username", username).getResultStream().findFirst();
        if (user.isEmpty()) {
            return Optional.empty();
        }
        String selector = Secrets.random(12);
        String validator = Secrets.random(32);
        Instant now = Instant.now();
        em.persist(new RememberMeToken(selector, user.get(), Secrets.sha256(validator), now, now.plus(lifetime())));
        return Optional.of(selector + ":" + validator);
    }

    /** Logs in by a cookie value, replacing its validator; empty (and the cookie should go) when it does not hold. */
    public Optional<Login> redeem(String cookie, String address) {
        var m = cookie == null ? null : COOKIE.matcher(cookie);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        RememberMeToken token = em.find(RememberMeToken.class, m.group(1));
        if (token == null) {
            return Optional.empty();
        }
        UserAccount user = token.getUser();
        Instant now = Instant.now();
        if (!Secrets.same(Secrets.sha256(m.group(2)), token.getValidatorHash())) {
            int revoked = em.createQuery("delete from RememberMeToken t where t.user.id = :id")
                    .setParameter("id", user.getId()).executeUpdate();
            audit.fire(Audited.now(user.getUsername(), null, "login.failed", user.getUsername(), "from " + address
                    + ": an old remember-me cookie was used again (copied?); " + revoked + " remember-me login(s) revoked"));
            return Optional.empty();
        }
        if (!now.isBefore(token.getExpiresAt()) || !user.isEnabled() || user.isMustChangePassword()) {
            em.remove(token);
            return Optional.empty();
        }
        String validator = Secrets.random(32);
        token.rotate(Secrets.sha256(validator));
        audit.fire(Audited.now(user.getUsername(), null, "login.succeeded", user.getUsername(), "from " + address + ", remember-me"));
        return Optional.of(new Login(user.getUsername(), user.getRoles(), m.group(1) + ":" + validator));
    }

    /** Deletes the remember-me login of this cookie (at logout). */
    public void forget(String cookie) {
        var m = cookie == null ? null : COOKIE.matcher(cookie);
        if (m != null && m.matches()) {
            RememberMeToken token = em.find(RememberMeToken.class, m.group(1));
            if (token != null && Secrets.same(Secrets.sha256(m.group(2)), token.getValidatorHash())) {
                em.remove(token);
            }
        }
    }
}
