package io.queuelens.live.entity;

import java.time.Instant;
import java.util.Objects;

/**
 * A caller waiting in a queue right now.
 *
 * @param uniqueId  the caller channel's Uniqueid (stable for the call's life)
 * @param position  1-based position in the queue
 * @param enteredAt when the caller joined this queue (PBX clock), the base of the wait shown
 */
public record WaitingCaller(String queue, String uniqueId, String callerNumber, String callerName, int position,
                            Instant enteredAt) {

    public WaitingCaller {
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(uniqueId, "uniqueId");
        Objects.requireNonNull(enteredAt, "enteredAt");
    }

    public long waitSeconds(Instant now) {
        return Math.max(0, now.getEpochSecond() - enteredAt.getEpochSecond());
    }
}
