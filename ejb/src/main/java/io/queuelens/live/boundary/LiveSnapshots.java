package io.queuelens.live.boundary;

import io.queuelens.live.entity.LiveChanged;
import io.queuelens.live.entity.LiveSnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The latest published live snapshot of every tenant: the one place wallboards, realtime tables and
 * alerts read the live picture from, and the one place the live model's writers publish to. Keeping
 * the hand-over here (not in the model) is what lets a cluster member later read snapshots another
 * member wrote.
 */
@ApplicationScoped
public class LiveSnapshots {

    private final ConcurrentMap<String, LiveSnapshot> latest = new ConcurrentHashMap<>();

    @Inject
    Event<LiveChanged> changed;

    /** The tenant's latest snapshot, or an empty, disconnected one (version 0) before the first publish. */
    public LiveSnapshot of(String tenantId) {
        LiveSnapshot s = latest.get(tenantId);
        return s != null ? s : LiveSnapshot.empty(tenantId, Instant.now());
    }

    /**
     * Replaces the tenant's snapshot and tells the observers. Called by the tenant's single writer only,
     * so versions arrive in order; a version that does not follow the stored one is refused, since a
     * reader relies on them to notice missed changes.
     */
    public void publish(LiveSnapshot snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        LiveSnapshot previous = of(snapshot.tenantId());
        if (latest.containsKey(snapshot.tenantId()) && snapshot.version() != previous.version() + 1) {
            throw new IllegalStateException("live snapshot of " + snapshot.tenantId() + " jumps from version "
                    + previous.version() + " to " + snapshot.version());
        }
        latest.put(snapshot.tenantId(), snapshot);
        changed.fire(new LiveChanged(previous, snapshot));
    }
}
