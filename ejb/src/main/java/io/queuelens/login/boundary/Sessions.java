package io.queuelens.login.boundary;

import io.queuelens.audit.entity.Audited;
import io.queuelens.identity.boundary.PasswordChanged;
import io.queuelens.identity.entity.UserAccount;
import io.queuelens.login.entity.SessionCutoff;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.Optional;

/**
 * "Logout everywhere": ending every session of a user, on every device, at once. Each user has a
 * session generation, counted up by every ending; a session remembers the generation it was
 * authenticated in, and the web module's session filter ends it on its next request once that is
 * no longer {@link #generation current}. Ending the sessions also deletes the user's remember-me tokens. A password
 * change does the same for the user's other sessions (the web module renews the one that changed it).
 */
@Stateless
public class Sessions {

    @PersistenceContext
    EntityManager em;

    @Inject
    Event<Audited> audit;

    /**
     * Ends every session and remember-me login of {@code username}; for other components too (e.g.
     * disabling a user).
     *
     * @return the cut-off, or empty when there is no such user
     */
    public Optional<Instant> endSessions(String username) {
        return endSessions(username, "system", "all sessions ended");
    }

    /** As {@link #endSessions(String)}, audited as done by {@code actor} for {@code reason}. */
    public Optional<Instant> endSessions(String username, String actor, String reason) {
        Optional<UserAccount> user = user(username);
        if (user.isEmpty()) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        Long id = user.get().getId();
        SessionCutoff cutoff = em.find(SessionCutoff.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (cutoff == null) {
            em.persist(new SessionCutoff(id, now));
        } else {
            cutoff.endGeneration(now);
        }
        int rememberMe = em.createQuery("delete from RememberMeToken t where t.user.id = :id").setParameter("id", id).executeUpdate();
        audit.fire(Audited.now(actor, null, "sessions.ended", username,
                reason + (rememberMe > 0 ? "; " + rememberMe + " remember-me login(s) deleted" : "")));
        return Optional.of(now);
    }

    /** The current session generation of {@code username}: 0 until their sessions are first ended. */
    public long generation(String username) {
        return em.createQuery("select c.generation from SessionCutoff c, UserAccount u "
                        + "where c.userId = u.id and u.username = :username", Long.class)
                .setParameter("username", username).getResultStream().findFirst().orElse(0L);
    }

    /** A new password ends the user's sessions elsewhere: whoever knew the old one is out. */
    public void passwordChanged(@Observes PasswordChanged event) {
        endSessions(event.username(), event.username(), "password changed");
    }

    private Optional<UserAccount> user(String username) {
        return em.createNamedQuery("UserAccount.findByUsername", UserAccount.class)
                .setParameter("username", username).getResultStream().findFirst();
    }
}
