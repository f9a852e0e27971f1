package io.queuelens.calls.control;

import io.queuelens.calls.entity.AgentPause;
import io.queuelens.calls.entity.AgentSession;
import io.queuelens.calls.entity.QueueLogEvent;
import io.queuelens.calls.entity.QueueVisit;
import io.queuelens.calls.entity.Rejected;
import io.queuelens.calls.entity.RingNoAnswer;

import java.util.ArrayList;
import java.util.List;

/** Keeps every fact in arrival order, and by kind. */
final class RecordingSink implements FactSink {
    final List<Object> all = new ArrayList<>();
    final List<QueueVisit> visits = new ArrayList<>();
    final List<AgentSession> sessions = new ArrayList<>();
    final List<AgentPause> pauses = new ArrayList<>();
    final List<RingNoAnswer> rings = new ArrayList<>();
    final List<QueueLogEvent> unknown = new ArrayList<>();
    final List<QueueLogEvent> informational = new ArrayList<>();
    final List<Rejected> rejected = new ArrayList<>();

    @Override
    public void visit(QueueVisit visit) {
        all.add(visit);
        visits.add(visit);
    }

    @Override
    public void session(AgentSession session) {
        all.add(session);
        sessions.add(session);
    }

    @Override
    public void pause(AgentPause pause) {
        all.add(pause);
        pauses.add(pause);
    }

    @Override
    public void ringNoAnswer(RingNoAnswer ring) {
        all.add(ring);
        rings.add(ring);
    }

    @Override
    public void unknown(QueueLogEvent event) {
        all.add(event);
        unknown.add(event);
    }

    @Override
    public void rejected(Rejected r) {
        all.add(r);
        rejected.add(r);
    }

    @Override
    public void informational(QueueLogEvent event) {
        informational.add(event);
    }

    List<String> reasons() {
        return rejected.stream().map(Rejected::reason).toList();
    }
}
