package io.queuelens.ingest.control;

import io.queuelens.calls.control.FactBatch;
import io.queuelens.calls.entity.AgentPause;
import io.queuelens.calls.entity.AgentSession;
import io.queuelens.calls.entity.QueueVisit;
import io.queuelens.calls.entity.RingNoAnswer;

import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * The time span and the agents a batch of facts covers: every instant a visit, session, pause or
 * ring-no-answer of the batch lies on, and every agent named. What a deferred commit owes the rollups.
 */
record TouchedSpan(Instant from, Instant to, Set<String> agents) {

    static TouchedSpan of(FactBatch batch, Collection<QueueVisit> inProgress) {
        Builder b = new Builder();
        batch.visits().forEach(b::visit);
        inProgress.forEach(b::visit);
        for (AgentSession s : batch.sessions()) {
            b.agent(s.agent()).at(s.loginAt()).at(s.logoutAt());
        }
        for (AgentPause p : batch.pauses()) {
            b.agent(p.agent()).at(p.startAt()).at(p.endAt());
        }
        for (RingNoAnswer r : batch.rings()) {
            b.agent(r.agent()).at(r.at());
        }
        return new TouchedSpan(b.from, b.to, b.agents);
    }

    boolean isEmpty() {
        return from == null;
    }

    private static final class Builder {
        Instant from;
        Instant to;
        final Set<String> agents = new TreeSet<>();

        void visit(QueueVisit v) {
            agent(v.agent()).at(v.enteredAt()).at(v.connectedAt()).at(v.endedAt());
            if (v.connectedAt() != null) {
                at(v.connectedAt().plusSeconds(v.talkSeconds()));
            }
        }

        Builder agent(String agent) {
            if (agent != null && !agent.isBlank()) {
                agents.add(agent);
            }
            return this;
        }

        Builder at(Instant t) {
            if (t != null) {
                from = from == null || t.isBefore(from) ? t : from;
                to = to == null || t.isAfter(to) ? t : to;
            }
            return this;
        }
    }
}
