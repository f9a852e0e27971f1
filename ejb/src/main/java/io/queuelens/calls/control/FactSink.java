package io.queuelens.calls.control;

import io.queuelens.calls.entity.AgentPause;
import io.queuelens.calls.entity.AgentSession;
import io.queuelens.calls.entity.QueueLogEvent;
import io.queuelens.calls.entity.QueueVisit;
import io.queuelens.calls.entity.Rejected;
import io.queuelens.calls.entity.RingNoAnswer;

/**
 * Receives the facts a {@link VisitAssembler} completes, in a deterministic order, on the caller's
 * thread. Visits are upserted by {@link QueueVisit#naturalKey()}: the same visit can come again with
 * {@code nextQueue} set when its call entered another queue after it was emitted.
 */
public interface FactSink {

    /** A finished visit (or an update of one already given, same natural key). */
    void visit(QueueVisit visit);

    /** A finished agent session (logoutAt set). */
    void session(AgentSession session);

    /** A finished pause (endAt set). */
    void pause(AgentPause pause);

    /** An agent let a call ring out. */
    void ringNoAnswer(RingNoAnswer ring);

    /** A verb this version does not know (custom {@code QueueLog()} rows, vendor verbs): kept raw. */
    void unknown(QueueLogEvent event);

    /** An event that contradicts what came before (or cannot be read): quarantined with the reason. */
    void rejected(Rejected rejected);

    /**
     * A known verb that makes no fact of its own (RINGCANCELED, PENALTY, CONFIGRELOAD, INFO, FULL, a
     * repeated PAUSE with the same reason, ...). Ignored unless the sink wants a raw archive.
     */
    default void informational(QueueLogEvent event) {
    }
}
