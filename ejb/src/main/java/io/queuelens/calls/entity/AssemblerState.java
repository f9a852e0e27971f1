package io.queuelens.calls.entity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a {@code VisitAssembler} holds between two events, to checkpoint it beside the source
 * position and resume after a restart mid-call. Plain records and lists, in the assembler's own order
 * (so a resumed assembler emits exactly what an uninterrupted one would). Serializable so a checkpoint
 * can store it as a blob; a blob from an older class version that no longer reads falls back to
 * {@link #fromOpenFacts}.
 *
 * @param clock    latest log time seen, or null before the first event
 * @param calls    calls with an open or held visit, or remembered for overflow numbering
 * @param sessions open agent sessions (logoutAt null)
 * @param pauses   open pauses (endAt null)
 */
public record AssemblerState(Instant clock, List<OpenCall> calls, List<AgentSession> sessions, List<AgentPause> pauses) implements java.io.Serializable {

    public static final AssemblerState EMPTY = new AssemblerState(null, List.of(), List.of(), List.of());

    public AssemblerState {
        calls = List.copyOf(calls);
        sessions = List.copyOf(sessions);
        pauses = List.copyOf(pauses);
        for (AgentSession s : sessions) {
            if (s.logoutAt() != null) {
                throw new IllegalArgumentException("not an open session: " + s);
            }
        }
        for (AgentPause p : pauses) {
            if (p.endAt() != null) {
                throw new IllegalArgumentException("not an open pause: " + p);
            }
        }
    }

    /**
     * A state rebuilt from the open facts a store keeps (visits with no end, sessions with no logout,
     * pauses with no end): enough to resume mid-call. Lost on the way: held exited visits (store them as
     * ended visits; a later overflow then re-emits them with nextQueue only if they are in {@code calls})
     * and DIDs seen before an ENTERQUEUE that had not arrived yet.
     */
    public static AssemblerState fromOpenFacts(Instant clock, List<QueueVisit> openVisits,
                                               List<AgentSession> sessions, List<AgentPause> pauses) {
        Map<String, OpenCall> calls = new LinkedHashMap<>();
        for (QueueVisit v : openVisits) {
            calls.put(v.callId(), new OpenCall(v.callId(), v.did(), v.visitSeq(), v, null, null,
                    v.connectedAt() != null ? v.connectedAt() : v.enteredAt()));
        }
        return new AssemblerState(clock, new ArrayList<>(calls.values()), sessions, pauses);
    }
}
