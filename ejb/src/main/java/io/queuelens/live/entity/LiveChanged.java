package io.queuelens.live.entity;

import java.util.Objects;

/**
 * CDI event fired by {@code LiveSnapshots.publish} on the model's writer thread, once per published
 * snapshot. Observers must return quickly (hand work to their own executor): the next batch of
 * events waits for them.
 *
 * @param previous the snapshot this one replaces (version - 1), or an empty one at the first publish
 */
public record LiveChanged(LiveSnapshot previous, LiveSnapshot current) {

    public LiveChanged {
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(current, "current");
    }

    public String tenantId() {
        return current.tenantId();
    }
}
