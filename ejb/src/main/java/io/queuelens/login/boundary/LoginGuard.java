package io.queuelens.login.boundary;

import io.queuelens.audit.entity.Audited;
import io.queuelens.login.control.LockoutPolicy;
import io.queuelens.login.control.LoginSettings;
import io.queuelens.login.entity.UserFailures;
import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Throttles password guessing. The authentication mechanism asks {@link #mayTry} before it checks a
 * password and reports the outcome with {@link #failed} or {@link #succeeded}. A locked user name or
 * client address is refused without checking the password, with the same answer as a wrong password,
 * so the lock reveals neither the password nor whether the user exists.
 */
@Stateless
public class LoginGuard {

    /** Actor of audit lines about bearer-token attempts, whose user is not known. */
    public static final String BEARER = "bearer-token";

    @PersistenceContext
    EntityManager em;

    @Inject
    LoginSettings settings;

    @Inject
    Event<Audited> audit;

    /** Whether a password for {@code username} from {@code address} may be checked now; a refusal is audited. */
    public boolean mayTry(String username, String address) {
        String user = key(username);
        Instant now = Instant.now();
        String why = settings.ipFailures().lockedAt(address, now) ? "address locked"
                : userState(user).lockedAt(now) ? "user locked" : null;
        if (why == null) {
            return true;
        }
        audit.fire(Audited.now(user, null, "login.failed", user, "from " + address + ", " + why + ", password not checked"));
        return false;
    }

    /** Counts a wrong password (or unknown or disabled user); locks the user name or address when it is one too many. */
    public void failed(String username, String address) {
        String user = key(username);
        Instant now = Instant.now();
        UserFailures row = em.find(UserFailures.class, user, LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            row = new UserFailures(user);
            em.persist(row);
        }
        LockoutPolicy.State before = row.state();
        LockoutPolicy.State after = settings.userPolicy().failed(before, now);
        row.set(after);
        audit.fire(Audited.now(user, null, "login.failed", user, "from " + address));
        if (!before.lockedAt(now) && after.lockedAt(now)) {
            audit.fire(Audited.now("system", null, "login.locked", user, "user locked for "
                    + Duration.between(now, after.lockedUntil()).toSeconds() + " s after repeated failures"));
        }
        addressFailed(address, now);
    }

    /** A correct password: the user name's failures are forgotten (the address's are not: one known account must not reset guessing at others). */
    public void succeeded(String username, String address) {
        String user = key(username);
        UserFailures row = em.find(UserFailures.class, user);
        if (row != null) {
            em.remove(row);
        }
        audit.fire(Audited.now(user, null, "login.succeeded", user, "from " + address));
    }

    /** Whether a bearer token from {@code address} may be checked now. */
    public boolean bearerMayTry(String address) {
        return !settings.ipFailures().lockedAt(address, Instant.now());
    }

    /** Counts an unknown, revoked or expired bearer token against its address. */
    public void bearerFailed(String address) {
        Instant now = Instant.now();
        audit.fire(Audited.now(BEARER, null, "login.failed", null, "bearer token refused, from " + address));
        addressFailed(address, now);
    }

    private void addressFailed(String address, Instant now) {
        if (settings.ipFailures().failed(address, now)) {
            audit.fire(Audited.now("system", null, "login.locked", address, "address locked after repeated failures"));
        }
    }

    /** Whether the user name is locked now (for tests and the admin pages). */
    public boolean userLocked(String username) {
        return userState(key(username)).lockedAt(Instant.now());
    }

    /** Forgets stale failures of user names, so names an attacker made up do not pile up. */
    @Schedule(hour = "*", minute = "23", persistent = false)
    public void purge() {
        Instant now = Instant.now();
        em.createQuery("select f from UserFailures f", UserFailures.class).getResultStream()
                .filter(f -> !settings.userPolicy().worthKeeping(f.state(), now))
                .forEach(em::remove);
    }

    private LockoutPolicy.State userState(String user) {
        UserFailures row = em.find(UserFailures.class, user);
        return row == null ? LockoutPolicy.State.NONE : row.state();
    }

    /** User names are compared case-insensitively (as MariaDB's collation finds them), at most 100 characters. */
    static String key(String username) {
        String s = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        return s.length() > 100 ? s.substring(0, 100) : s;
    }
}
