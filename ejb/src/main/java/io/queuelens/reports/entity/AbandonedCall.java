package io.queuelens.reports.entity;

import java.io.Serializable;
import java.time.Instant;

/**
 * An abandoned queue visit, for calling back.
 *
 * @param callerNumber  as the PBX logged it; null when it did not
 * @param reachedLaterAt when a later visit from the same number was answered (any queue), else null
 */
public record AbandonedCall(String sourceId, String callId, int visitSeq, String queue, String callerNumber,
                            Instant enteredAt, int waitSeconds, Instant reachedLaterAt) implements Serializable {

    public boolean reachedLater() {
        return reachedLaterAt != null;
    }
}
