package io.queuelens.live.control;

import io.queuelens.calls.entity.Outcome;
import io.queuelens.calls.entity.QueueVisit;
import io.queuelens.kpi.entity.QueueTotals;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One caller's stay in one queue as the live model follows it from AMI events, and what it
 * currently contributes to the queue's totals of today (so an update is "minus old, plus new",
 * exactly like the rollups treat a visit that changes).
 */
final class VisitRecord {

    enum Phase { WAITING, LEFT, ANSWERED, ENDED }

    final String uniqueId;
    final String queue;
    final int visitSeq;
    final String callerNumber;
    final String callerName;
    final Instant enteredAt;
    /** The local day the visit counts in, or null when it is not counted (entered before the model saw it). */
    final LocalDate day;
    Phase phase = Phase.WAITING;
    Instant leftAt;
    Instant connectedAt;
    Outcome outcome = Outcome.OPEN;
    int waitSeconds;
    int talkSeconds;
    String agent;
    QueueTotals counted = QueueTotals.ZERO;

    VisitRecord(String uniqueId, String queue, int visitSeq, String callerNumber, String callerName, Instant enteredAt,
                LocalDate day) {
        this.uniqueId = uniqueId;
        this.queue = queue;
        this.visitSeq = visitSeq;
        this.callerNumber = callerNumber;
        this.callerName = callerName;
        this.enteredAt = enteredAt;
        this.day = day;
    }

    QueueVisit toFact(String tenantId, Instant at) {
        boolean ended = outcome != Outcome.OPEN;
        return new QueueVisit(tenantId, "live", uniqueId, visitSeq, queue, callerNumber, callerName, null, enteredAt,
                connectedAt, ended ? at : null, outcome, Math.max(0, waitSeconds), 0, Math.max(0, talkSeconds), 0, agent,
                false, null, null, null, null, 0, null);
    }
}
