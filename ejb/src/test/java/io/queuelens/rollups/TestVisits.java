package io.queuelens.rollups;

import io.queuelens.calls.entity.AgentPause;
import io.queuelens.calls.entity.AgentSession;
import io.queuelens.calls.entity.Outcome;
import io.queuelens.calls.entity.QueueVisit;

import java.time.Instant;

/** Short constructors for the fact records in tests; times are consistent (connect = enter + wait). */
public final class TestVisits {

    public static final String TENANT = "acme";

    private TestVisits() {
    }

    public static Instant at(String isoUtc) {
        return Instant.parse(isoUtc);
    }

    /** An answered visit: connected after {@code wait}, ended after {@code talk}. */
    public static QueueVisit answered(String callId, int seq, String queue, String caller, String entered,
                                      int wait, int talk, int hold, String agent, boolean transferred) {
        Instant e = at(entered);
        Instant c = e.plusSeconds(wait);
        return new QueueVisit(TENANT, "demo", callId, seq, queue, caller, null, null, e, c, c.plusSeconds(talk),
                Outcome.ANSWERED, wait, 3, talk, hold, agent, transferred, transferred ? "2000@ext" : null,
                transferred ? "TRANSFER" : "CALLER", null, 1, 0, null);
    }

    /** A visit that ended without answer after {@code wait}. */
    public static QueueVisit unanswered(String callId, int seq, String queue, String caller, String entered,
                                        Outcome outcome, int wait) {
        Instant e = at(entered);
        return new QueueVisit(TENANT, "demo", callId, seq, queue, caller, null, null, e, null, e.plusSeconds(wait),
                outcome, wait, 0, 0, 0, null, false, null, null, outcome == Outcome.EXIT_KEY ? "0" : null, 1, 0, null);
    }

    /** A visit still waiting. */
    public static QueueVisit open(String callId, int seq, String queue, String caller, String entered) {
        return new QueueVisit(TENANT, "demo", callId, seq, queue, caller, null, null, at(entered), null, null,
                Outcome.OPEN, 0, 0, 0, 0, null, false, null, null, null, 1, 0, null);
    }

    public static AgentPause pause(String agent, String reason, String start, String end) {
        return new AgentPause(TENANT, "demo", agent, "NONE", reason, at(start), end == null ? null : at(end));
    }

    public static AgentSession session(String agent, String queue, String login, String logout) {
        return new AgentSession(TENANT, "demo", agent, queue, at(login), logout == null ? null : at(logout));
    }
}
