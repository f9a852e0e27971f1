package io.queuelens.calls.control;

import io.queuelens.calls.entity.AgentPause;
import io.queuelens.calls.entity.AgentSession;
import io.queuelens.calls.entity.QueueLogEvent;
import io.queuelens.calls.entity.QueueVisit;
import io.queuelens.calls.entity.Rejected;
import io.queuelens.calls.entity.RingNoAnswer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects what an assembler emits between two commits. A visit given twice (updated with
 * {@code nextQueue}) is kept once, in its latest form, so the store writes each row once per batch.
 */
public final class FactBatch implements FactSink {

    private final Map<String, QueueVisit> visits = new LinkedHashMap<>();
    private final List<AgentSession> sessions = new ArrayList<>();
    private final List<AgentPause> pauses = new ArrayList<>();
    private final List<RingNoAnswer> rings = new ArrayList<>();
    private final List<QueueLogEvent> unknown = new ArrayList<>();
    private final List<Rejected> rejected = new ArrayList<>();

    @Override
    public void visit(QueueVisit visit) {
        visits.put(visit.naturalKey(), visit);
    }

    @Override
    public void session(AgentSession session) {
        sessions.add(session);
    }

    @Override
    public void pause(AgentPause pause) {
        pauses.add(pause);
    }

    @Override
    public void ringNoAnswer(RingNoAnswer ring) {
        rings.add(ring);
    }

    @Override
    public void unknown(QueueLogEvent event) {
        unknown.add(event);
    }

    @Override
    public void rejected(Rejected r) {
        rejected.add(r);
    }

    public Collection<QueueVisit> visits() {
        return visits.values();
    }

    public List<AgentSession> sessions() {
        return sessions;
    }

    public List<AgentPause> pauses() {
        return pauses;
    }

    public List<RingNoAnswer> rings() {
        return rings;
    }

    public List<QueueLogEvent> unknown() {
        return unknown;
    }

    public List<Rejected> rejected() {
        return rejected;
    }

    /** Forgets everything collected, after a commit. */
    public void clear() {
        visits.clear();
        sessions.clear();
        pauses.clear();
        rings.clear();
        unknown.clear();
        rejected.clear();
    }

    /**
     * A batch holding what this one collected, which starts empty again: a bulk import commits the returned batch on
     * another thread while its assembler goes on filling this one.
     */
    public FactBatch take() {
        FactBatch taken = new FactBatch();
        taken.visits.putAll(visits);
        taken.sessions.addAll(sessions);
        taken.pauses.addAll(pauses);
        taken.rings.addAll(rings);
        taken.unknown.addAll(unknown);
        taken.rejected.addAll(rejected);
        clear();
        return taken;
    }

    public boolean isEmpty() {
        return visits.isEmpty() && sessions.isEmpty() && pauses.isEmpty() && rings.isEmpty()
                && unknown.isEmpty() && rejected.isEmpty();
    }
}
