package io.queuelens.sources.boundary;

import java.time.Instant;
import java.util.Map;

/**
 * Snapshot of a source's connection state.
 *
 * @param state       where the lifecycle is
 * @param ready       true when the source delivers data; readiness health is DOWN otherwise
 * @param detail      one human sentence: what is happening, or what failed and which setting fixes it
 * @param lastEventAt time of the last event received, or null if none yet
 * @param counters    named counters worth showing (events, reconnects, rows written...)
 */
public record SourceStatus(State state, boolean ready, String detail, Instant lastEventAt, Map<String, Long> counters) {

    public enum State { STARTING, CONNECTED, RECONNECTING, FAILED, STOPPED }

    public SourceStatus {
        counters = Map.copyOf(counters);
    }
}
