package io.queuelens.calls.control;

import io.queuelens.calls.entity.Outcome;
import io.queuelens.calls.entity.QueueVisit;

import java.time.Instant;

/** The mutable visit the assembler fills in while the call is in the queue. */
final class VisitDraft {

    final String tenantId;
    final String sourceId;
    final String callId;
    final int visitSeq;
    final String queue;
    final Instant enteredAt;
    String callerNumber;
    String callerName;
    String did;
    Instant connectedAt;
    Instant endedAt;
    Outcome outcome = Outcome.OPEN;
    int waitSeconds;
    int ringSeconds;
    int talkSeconds;
    int holdSeconds;
    String agent;
    boolean transferred;
    String transferTarget;
    String completedBy;
    String exitKey;
    Integer originalPosition;
    int ringNoAnswers;
    String nextQueue;

    VisitDraft(String tenantId, String sourceId, String callId, int visitSeq, String queue, Instant enteredAt) {
        this.tenantId = tenantId;
        this.sourceId = sourceId;
        this.callId = callId;
        this.visitSeq = visitSeq;
        this.queue = queue;
        this.enteredAt = enteredAt;
    }

    static VisitDraft of(QueueVisit v) {
        VisitDraft d = new VisitDraft(v.tenantId(), v.sourceId(), v.callId(), v.visitSeq(), v.queue(), v.enteredAt());
        d.callerNumber = v.callerNumber();
        d.callerName = v.callerName();
        d.did = v.did();
        d.connectedAt = v.connectedAt();
        d.endedAt = v.endedAt();
        d.outcome = v.outcome();
        d.waitSeconds = v.waitSeconds();
        d.ringSeconds = v.ringSeconds();
        d.talkSeconds = v.talkSeconds();
        d.holdSeconds = v.holdSeconds();
        d.agent = v.agent();
        d.transferred = v.transferred();
        d.transferTarget = v.transferTarget();
        d.completedBy = v.completedBy();
        d.exitKey = v.exitKey();
        d.originalPosition = v.originalPosition();
        d.ringNoAnswers = v.ringNoAnswers();
        d.nextQueue = v.nextQueue();
        return d;
    }

    static QueueVisit withNextQueue(QueueVisit v, String nextQueue) {
        VisitDraft d = of(v);
        d.nextQueue = nextQueue;
        return d.toVisit();
    }

    boolean connected() {
        return connectedAt != null;
    }

    QueueVisit toVisit() {
        return new QueueVisit(tenantId, sourceId, callId, visitSeq, queue, callerNumber, callerName, did,
                enteredAt, connectedAt, endedAt, outcome, waitSeconds, ringSeconds, talkSeconds, holdSeconds,
                agent, transferred, transferTarget, completedBy, exitKey, originalPosition, ringNoAnswers, nextQueue);
    }
}
