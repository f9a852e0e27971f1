package io.queuelens.sources.asterisk.control;

import io.queuelens.sources.asterisk.entity.AsteriskSourceConfig;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What runs for each configured Asterisk source (a history reader, an AMI connection), kept in step
 * with the configuration: {@link #reconcile} starts one for a new or changed source, stops the one of a
 * changed, disabled or removed source, and leaves unchanged ones running. A source's version is its
 * {@code updatedAt}, so any edit restarts what runs for it with the new settings.
 *
 * @param <T> what runs per source
 */
public final class RunningSources<T> {

    /** Starts and stops what runs for one source. */
    public interface Lifecycle<T> {
        /** Starts it; throwing skips the source until the next {@link #reconcile} (see {@link #failed}). */
        T start(AsteriskSourceConfig config);

        void stop(T running);

        /** Told when {@link #start} threw; the other sources are reconciled all the same. */
        default void failed(AsteriskSourceConfig config, RuntimeException e) {
        }
    }

    private record Entry<T>(String tenantId, Instant version, T running) {
    }

    private final Map<Long, Entry<T>> byId = new ConcurrentHashMap<>();
    private final Predicate<AsteriskSourceConfig> wanted;
    private final Lifecycle<T> lifecycle;

    /** @param wanted which sources need something running (e.g. enabled, or enabled and with AMI settings) */
    public RunningSources(Predicate<AsteriskSourceConfig> wanted, Lifecycle<T> lifecycle) {
        this.wanted = wanted;
        this.lifecycle = lifecycle;
    }

    /**
     * Brings what runs in line with {@code all} (every configured source). One at a time with itself
     * and {@link #stopTenant} (synchronized: in a cluster the lease keeper's thread stops a tenant's
     * sources while the owner's reconcile may be starting them). A source whose start throws is
     * retried at the next call.
     */
    public synchronized void reconcile(List<AsteriskSourceConfig> all) {
        Set<Long> keep = new HashSet<>();
        for (AsteriskSourceConfig c : all) {
            if (!wanted.test(c)) {
                continue;
            }
            keep.add(c.id());
            Entry<T> current = byId.get(c.id());
            if (current != null && current.version().equals(c.updatedAt())) {
                continue;
            }
            if (current != null) {
                byId.remove(c.id());
                lifecycle.stop(current.running());
            }
            try {
                byId.put(c.id(), new Entry<>(c.tenantId(), c.updatedAt(), lifecycle.start(c)));
            } catch (RuntimeException e) {
                lifecycle.failed(c, e);
            }
        }
        byId.entrySet().removeIf(e -> {
            if (keep.contains(e.getKey())) {
                return false;
            }
            lifecycle.stop(e.getValue().running());
            return true;
        });
    }

    public Optional<T> get(long id) {
        return Optional.ofNullable(byId.get(id)).map(Entry::running);
    }

    public <R> List<R> all(Function<T, R> view) {
        return byId.values().stream().map(e -> view.apply(e.running())).toList();
    }

    /**
     * Stops at once whatever runs for the tenant's sources, without reading the configuration (this
     * member lost the tenant, perhaps because the database is out of reach). A later {@link #reconcile}
     * starts them again only if its {@code wanted} test lets them.
     */
    public synchronized void stopTenant(String tenantId) {
        List<Entry<T>> stopped = byId.values().stream().filter(e -> e.tenantId().equals(tenantId)).toList();
        byId.values().removeAll(stopped);
        stopped.forEach(e -> lifecycle.stop(e.running()));
    }

    /** Stops everything (at shutdown). */
    public synchronized void stopAll() {
        Collection<Entry<T>> entries = List.copyOf(byId.values());
        byId.clear();
        entries.forEach(e -> lifecycle.stop(e.running()));
    }
}
