package io.queuelens.calls.entity;

import java.time.Instant;
import java.util.Objects;

/**
 * One caller's stay in one queue: the fact every queue figure is computed from (KPI.md). A call that
 * overflows from queue A to B (same callid) is two visits, {@code visitSeq} 1 and 2.
 *
 * @param tenantId        owner
 * @param sourceId        the source it came from (e.g. {@code demo})
 * @param callId          the caller channel's uniqueid ({@code queue_log} callid)
 * @param visitSeq        1 for the call's first queue, 2 after the first overflow, ...
 * @param queue           queue name as the PBX logs it
 * @param callerNumber    caller id number from ENTERQUEUE, or null
 * @param callerName      caller id name when logged, or null
 * @param did             dialled number (FreePBX's DID verb or the CDR), or null
 * @param enteredAt       ENTERQUEUE time (UTC); visits are attributed to the interval of this instant
 * @param connectedAt     CONNECT time, or null
 * @param endedAt         time of the visit's last event, or null while OPEN
 * @param outcome         how it ended
 * @param waitSeconds     seconds waited before answer or exit (CONNECT holdTime, ABANDON/EXIT waitTime)
 * @param ringSeconds     seconds the answering agent's phone rang (CONNECT ringTime), 0 if none
 * @param talkSeconds     talk time from COMPLETECALLER/COMPLETEAGENT/transfer, 0 if not answered
 * @param holdSeconds     time on hold during the talk, 0 when the source does not report it
 * @param agent           the member who answered (queue_log agent column), or null
 * @param transferred     an answered visit that ended in BLINDTRANSFER/ATTENDEDTRANSFER
 * @param transferTarget  extension/context or bridge the call went to, or null
 * @param completedBy     CALLER or AGENT for COMPLETECALLER/COMPLETEAGENT, TRANSFER, or null
 * @param exitKey         key pressed (EXIT_KEY), or null
 * @param originalPosition position in the queue on entry, or null
 * @param ringNoAnswers   RINGNOANSWER events (agents who let it ring out) during this visit
 * @param nextQueue       the queue it overflowed to (same callid entered another queue next), or null
 */
public record QueueVisit(
        String tenantId, String sourceId, String callId, int visitSeq, String queue,
        String callerNumber, String callerName, String did,
        Instant enteredAt, Instant connectedAt, Instant endedAt, Outcome outcome,
        int waitSeconds, int ringSeconds, int talkSeconds, int holdSeconds,
        String agent, boolean transferred, String transferTarget, String completedBy, String exitKey,
        Integer originalPosition, int ringNoAnswers, String nextQueue) implements java.io.Serializable {

    public QueueVisit {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(enteredAt, "enteredAt");
        Objects.requireNonNull(outcome, "outcome");
        if (visitSeq < 1) {
            throw new IllegalArgumentException("visitSeq starts at 1");
        }
        if (waitSeconds < 0 || ringSeconds < 0 || talkSeconds < 0 || holdSeconds < 0 || ringNoAnswers < 0) {
            throw new IllegalArgumentException("durations and counts are never negative: " + callId);
        }
        if (transferred && outcome != Outcome.ANSWERED) {
            throw new IllegalArgumentException("only an answered visit can be transferred: " + callId);
        }
    }

    /** Natural key: one visit per tenant, source, call and sequence. Re-importing finds the same key. */
    public String naturalKey() {
        return tenantId + "|" + sourceId + "|" + callId + "|" + visitSeq;
    }

    public boolean answered() {
        return outcome == Outcome.ANSWERED;
    }
}
