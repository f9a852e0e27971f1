package io.queuelens.calls.entity;

import java.time.Instant;

/**
 * An agent let a queue call ring out (RINGNOANSWER): counts for the agent's ringNoAnswer figure and on
 * the visit ({@link QueueVisit#ringNoAnswers()}).
 *
 * @param visitSeq   the visit of {@code callId} it rang for
 * @param ringMillis how long it rang, in milliseconds as Asterisk logs it
 */
public record RingNoAnswer(String tenantId, String sourceId, String callId, int visitSeq, String queue,
                           String agent, Instant at, long ringMillis) {
}
