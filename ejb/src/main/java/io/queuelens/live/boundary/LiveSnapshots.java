package io.queuelens.live.boundary;

import io.queuelens.live.entity.LiveChanged;
import io.queuelens.live.entity.LiveSnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Predicate;

/**
 * The latest published live snapshot of every tenant: the one place wallboards, realtime tables and
 * alerts read the live picture from, and the one place the live picture is written to. Two writers
 * exist: the tenant's own live model ({@link #publish}), on the member that runs the tenant's sources,
 * and, on every other cluster member, the copy of that member's snapshots ({@link #follow}). Both go
 * through here so that this member's versions stay consecutive whoever wrote them: the browsers of this
 * member see one unbroken sequence even when the tenant's owner moves between members.
 */
@ApplicationScoped
public class LiveSnapshots {

    /** The stored snapshot and whether it was copied from another member (not built by the local model). */
    private record Stored(LiveSnapshot snapshot, boolean followed) {
    }

    private final ConcurrentMap<String, Stored> latest = new ConcurrentHashMap<>();
    /** One lock per tenant: a model's publish and a copy's follow never interleave, nor their LiveChanged events. */
    private final ConcurrentMap<String, Object> locks = new ConcurrentHashMap<>();

    @Inject
    Event<LiveChanged> changed;

    /** The tenant's latest snapshot, or an empty, disconnected one (version 0) before the first publish. */
    public LiveSnapshot of(String tenantId) {
        Stored s = latest.get(tenantId);
        return s != null ? s.snapshot() : LiveSnapshot.empty(tenantId, Instant.now());
    }

    /** True when the tenant's latest snapshot is a copy of another member's (this member does not run its model). */
    public boolean followed(String tenantId) {
        Stored s = latest.get(tenantId);
        return s != null && s.followed();
    }

    /**
     * Stores the local model's snapshot and tells the observers; returns what was stored, whose version the model
     * continues from. Versions must follow one another, since a reader relies on them to notice missed changes: a
     * version that does not follow the model's own previous one is refused. The one exception is a model taking
     * over from copies of another member's snapshots (this member became the tenant's owner): its snapshot is
     * re-based onto the copy's version + 1, so that the sequence this member's readers see goes on unbroken.
     */
    public LiveSnapshot publish(LiveSnapshot snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        synchronized (lock(snapshot.tenantId())) {
            Stored previous = latest.get(snapshot.tenantId());
            LiveSnapshot stored = snapshot;
            if (previous != null && previous.followed()) {
                stored = withVersion(snapshot, previous.snapshot().version() + 1);
            } else if (previous != null && snapshot.version() != previous.snapshot().version() + 1) {
                throw new IllegalStateException("live snapshot of " + snapshot.tenantId() + " jumps from version "
                        + previous.snapshot().version() + " to " + snapshot.version());
            }
            store(previous, new Stored(stored, false));
            return stored;
        }
    }

    /**
     * Stores a copy of the snapshot another member's model published (this member does not hold the tenant) as
     * this member's next version, and tells the observers as for a local one: pushes to browsers, realtime tables
     * and everything else reading here work the same on every member. The copy's own version is the other
     * member's and is not kept: members number their snapshots independently.
     */
    public LiveSnapshot follow(LiveSnapshot copy) {
        Objects.requireNonNull(copy, "copy");
        synchronized (lock(copy.tenantId())) {
            Stored previous = latest.get(copy.tenantId());
            LiveSnapshot stored = withVersion(copy, previous == null ? 1 : previous.snapshot().version() + 1);
            store(previous, new Stored(stored, true));
            return stored;
        }
    }

    /**
     * As {@link #follow}, unless {@code heldHere} says this member holds the tenant by the time the copy would be
     * stored. Asked under the tenant's lock, where the model publishes, and a model publishes only once its member
     * holds the tenant: so a copy taken from the grid just before this member took the tenant over cannot land on
     * top of what its own model published since, where it would stay until the model's next change.
     *
     * @return what was stored, or empty when the tenant is held here
     */
    public Optional<LiveSnapshot> followUnlessHeld(LiveSnapshot copy, Predicate<String> heldHere) {
        Objects.requireNonNull(copy, "copy");
        synchronized (lock(copy.tenantId())) {
            return heldHere.test(copy.tenantId()) ? Optional.empty() : Optional.of(follow(copy));
        }
    }

    private void store(Stored previous, Stored next) {
        String tenantId = next.snapshot().tenantId();
        LiveSnapshot before = previous != null ? previous.snapshot() : LiveSnapshot.empty(tenantId, Instant.now());
        latest.put(tenantId, next);
        changed.fire(new LiveChanged(before, next.snapshot()));
    }

    private Object lock(String tenantId) {
        return locks.computeIfAbsent(tenantId, t -> new Object());
    }

    private static LiveSnapshot withVersion(LiveSnapshot s, long version) {
        return s.version() == version ? s
                : new LiveSnapshot(s.tenantId(), version, s.at(), s.queues(), s.members(), s.connected());
    }
}
