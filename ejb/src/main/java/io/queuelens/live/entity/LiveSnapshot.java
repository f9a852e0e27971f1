package io.queuelens.live.entity;

import java.time.Instant;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A tenant's whole live picture after one applied batch of events. The model's single writer
 * builds a new snapshot per batch and publishes it; readers only ever see complete snapshots.
 *
 * @param version  increases by one per published snapshot of this tenant; a subscriber that sees a
 *                 gap (missed deltas) asks for the whole snapshot again
 * @param at       the time of the last event applied (PBX clock), the base of the waits shown
 * @param queues   by queue name, sorted
 * @param members  by member interface, sorted
 * @param connected false while every source of the tenant is disconnected: the figures are then the last known
 */
public record LiveSnapshot(String tenantId, long version, Instant at, SortedMap<String, LiveQueue> queues,
                           SortedMap<String, LiveMember> members, boolean connected) {

    public LiveSnapshot {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(at, "at");
        queues = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(queues));
        members = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(members));
    }

    public static LiveSnapshot empty(String tenantId, Instant at) {
        return new LiveSnapshot(tenantId, 0, at, new TreeMap<>(), new TreeMap<>(), false);
    }
}
