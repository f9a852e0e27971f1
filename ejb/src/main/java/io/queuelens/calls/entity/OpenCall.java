package io.queuelens.calls.entity;

import java.time.Instant;
import java.util.Objects;

/**
 * What the assembler still remembers about one call (callid): part of {@link AssemblerState}.
 *
 * @param callId       the callid
 * @param did          DID seen for the call (FreePBX's DID verb), or null
 * @param lastSeq      visitSeq of the call's latest visit, 0 when it has not entered a queue yet
 * @param open         the visit in progress (endedAt null; outcome OPEN while waiting, ANSWERED while talking), or null
 * @param held         an exited visit (timeout, key, empty, withdraw) not emitted yet because the call
 *                     may overflow to another queue, or null
 * @param lastEmitted  the call's latest emitted visit, kept to set its nextQueue if the call enters another
 *                     queue later (re-emitted under the same natural key), or null
 * @param lastActivity time of the call's latest event: it is forgotten a while after this
 */
public record OpenCall(String callId, String did, int lastSeq, QueueVisit open, QueueVisit held,
                       QueueVisit lastEmitted, Instant lastActivity) implements java.io.Serializable {

    public OpenCall {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(lastActivity, "lastActivity");
        if (open != null && open.endedAt() != null) {
            throw new IllegalArgumentException("an open visit has no end: " + open.naturalKey());
        }
        if (held != null && held.endedAt() == null) {
            throw new IllegalArgumentException("a held visit has ended: " + held.naturalKey());
        }
    }
}
