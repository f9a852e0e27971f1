package io.queuelens.web.security;

import io.queuelens.audit.entity.Audited;
import io.queuelens.login.boundary.Sessions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * The users' session generations for {@link SessionCutoffFilter}, kept for a short time so that a logged-in
 * request does not cost a database query each. Ending a user's sessions on this server forgets their entry
 * once the change committed, so it applies at their next request here; another cluster member notices within
 * {@code queuelens.session.cutoff-cache-ms} (0 = ask the database on every request).
 */
@ApplicationScoped
public class SessionGenerations {

    /** More users than this in the cache: it starts again (a bound, not an eviction policy). */
    static final int MAX_USERS = 10_000;

    @Inject
    Sessions sessions;

    @Inject
    @ConfigProperty(name = "queuelens.session.cutoff-cache-ms", defaultValue = "1000")
    long ttlMillis;

    private record Known(long generation, long readAtNanos) {
    }

    private final ConcurrentMap<String, Known> known = new ConcurrentHashMap<>();
    LongSupplier nanos = System::nanoTime;
    ToLongFunction<String> reader;

    /** The user's current generation: from the cache when read less than the time-to-live ago. */
    public long current(String username) {
        long now = nanos.getAsLong();
        Known k = known.get(username);
        if (k != null && ttlMillis > 0 && now - k.readAtNanos() < ttlMillis * 1_000_000L) {
            return k.generation();
        }
        long generation = reader != null ? reader.applyAsLong(username) : sessions.generation(username);
        if (ttlMillis > 0) {
            if (known.size() >= MAX_USERS) {
                known.clear();
            }
            known.put(username, new Known(generation, now));
        }
        return generation;
    }

    /** The generation read now (a session stamped later than the cached value proves the cache old). */
    public long refresh(String username) {
        forget(username);
        return current(username);
    }

    /** Forgets a user's generation: their sessions were just ended. */
    public void forget(String username) {
        known.remove(username);
    }

    /** After the transaction that ended a user's sessions committed (Sessions audits it as sessions.ended). */
    void sessionsEnded(@Observes(during = TransactionPhase.AFTER_SUCCESS) Audited event) {
        if ("sessions.ended".equals(event.action()) && event.target() != null) {
            forget(event.target());
        }
    }
}
