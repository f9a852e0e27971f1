package io.queuelens.calls.control;

import io.queuelens.calls.entity.AgentPause;
import io.queuelens.calls.entity.AgentSession;
import io.queuelens.calls.entity.AssemblerState;
import io.queuelens.calls.entity.OpenCall;
import io.queuelens.calls.entity.Outcome;
import io.queuelens.calls.entity.QueueVisit;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The assembler's state as a checkpoint stores it: the fields of its records in a fixed order, every
 * string once (later uses refer to the first by number: the tenant, source, queue and agent names repeat
 * in almost every record). A long import's state holds thousands of calls remembered for overflow numbering,
 * each with up to three visits, and is written at every commit: serializing it as Java records was a quarter
 * of the importing thread in a profile. This format, deflated through a buffer, writes a demo import's state
 * (2,889 calls) in a third to a half of the time and reads it back three to four times faster
 * (docs/PERFORMANCE.md). The reader checks every count and reference it reads, so a damaged blob is an
 * {@link IOException}, never a state that only looks right.
 * <p>
 * Version 1. A change of the records needs a new version number and a reader for the old one (or the
 * fallback of {@link Checkpoints}: resume without open calls).
 */
final class AssemblerStateCodec {

    /** First bytes of a blob in this format ("QLS" and the version), before the deflated body. */
    static final byte[] MAGIC = {'Q', 'L', 'S', 1};

    private AssemblerStateCodec() {
    }

    static void write(AssemblerState state, DataOutputStream out) throws IOException {
        Writer w = new Writer(out);
        w.instant(state.clock());
        out.writeInt(state.calls().size());
        for (OpenCall c : state.calls()) {
            w.string(c.callId());
            w.string(c.did());
            out.writeInt(c.lastSeq());
            w.visit(c.open());
            w.visit(c.held());
            w.visit(c.lastEmitted());
            w.instant(c.lastActivity());
        }
        out.writeInt(state.sessions().size());
        for (AgentSession s : state.sessions()) {
            w.string(s.tenantId());
            w.string(s.sourceId());
            w.string(s.agent());
            w.string(s.queue());
            w.instant(s.loginAt());
            w.instant(s.logoutAt());
        }
        out.writeInt(state.pauses().size());
        for (AgentPause p : state.pauses()) {
            w.string(p.tenantId());
            w.string(p.sourceId());
            w.string(p.agent());
            w.string(p.queue());
            w.string(p.reason());
            w.instant(p.startAt());
            w.instant(p.endAt());
        }
    }

    static AssemblerState read(DataInputStream in) throws IOException {
        Reader r = new Reader(in);
        Instant clock = r.instant();
        int n = r.count();
        List<OpenCall> calls = new ArrayList<>(presized(n));
        for (int i = 0; i < n; i++) {
            calls.add(new OpenCall(r.string(), r.string(), in.readInt(), r.visit(), r.visit(), r.visit(), r.instant()));
        }
        n = r.count();
        List<AgentSession> sessions = new ArrayList<>(presized(n));
        for (int i = 0; i < n; i++) {
            sessions.add(new AgentSession(r.string(), r.string(), r.string(), r.string(), r.instant(), r.instant()));
        }
        n = r.count();
        List<AgentPause> pauses = new ArrayList<>(presized(n));
        for (int i = 0; i < n; i++) {
            pauses.add(new AgentPause(r.string(), r.string(), r.string(), r.string(), r.string(), r.instant(), r.instant()));
        }
        if (in.read() != -1) {
            throw new IOException("checkpoint state has bytes after its end");
        }
        return new AssemblerState(clock, calls, sessions, pauses);
    }

    /** A damaged count must not allocate gigabytes before the stream runs out: lists grow past this as they read. */
    private static int presized(int count) {
        return Math.min(count, 4096);
    }

    /** Strings: 0 for null, n for the n-th distinct string written before, -1 followed by the UTF of a new one. */
    private static final class Writer {
        private final DataOutputStream out;
        private final Map<String, Integer> seen = new HashMap<>();

        Writer(DataOutputStream out) {
            this.out = out;
        }

        void string(String s) throws IOException {
            if (s == null) {
                out.writeInt(0);
                return;
            }
            Integer ref = seen.get(s);
            if (ref != null) {
                out.writeInt(ref);
                return;
            }
            seen.put(s, seen.size() + 1);
            out.writeInt(-1);
            out.writeUTF(s);
        }

        void instant(Instant t) throws IOException {
            out.writeBoolean(t != null);
            if (t != null) {
                out.writeLong(t.getEpochSecond());
                out.writeInt(t.getNano());
            }
        }

        void visit(QueueVisit v) throws IOException {
            out.writeBoolean(v != null);
            if (v == null) {
                return;
            }
            string(v.tenantId());
            string(v.sourceId());
            string(v.callId());
            out.writeInt(v.visitSeq());
            string(v.queue());
            string(v.callerNumber());
            string(v.callerName());
            string(v.did());
            instant(v.enteredAt());
            instant(v.connectedAt());
            instant(v.endedAt());
            string(v.outcome().name());
            out.writeInt(v.waitSeconds());
            out.writeInt(v.ringSeconds());
            out.writeInt(v.talkSeconds());
            out.writeInt(v.holdSeconds());
            string(v.agent());
            out.writeBoolean(v.transferred());
            string(v.transferTarget());
            string(v.completedBy());
            string(v.exitKey());
            out.writeBoolean(v.originalPosition() != null);
            out.writeInt(v.originalPosition() == null ? 0 : v.originalPosition());
            out.writeInt(v.ringNoAnswers());
            string(v.nextQueue());
        }
    }

    private static final class Reader {
        private final DataInputStream in;
        private final List<String> seen = new ArrayList<>();

        Reader(DataInputStream in) {
            this.in = in;
        }

        int count() throws IOException {
            int n = in.readInt();
            if (n < 0) {
                throw new IOException("checkpoint state has a negative count: " + n);
            }
            return n;
        }

        String string() throws IOException {
            int ref = in.readInt();
            if (ref == 0) {
                return null;
            }
            if (ref == -1) {
                String s = in.readUTF();
                seen.add(s);
                return s;
            }
            if (ref < 0 || ref > seen.size()) {
                throw new IOException("checkpoint state refers to string " + ref + " of " + seen.size());
            }
            return seen.get(ref - 1);
        }

        Instant instant() throws IOException {
            if (!in.readBoolean()) {
                return null;
            }
            long seconds = in.readLong();
            return Instant.ofEpochSecond(seconds, in.readInt());
        }

        QueueVisit visit() throws IOException {
            if (!in.readBoolean()) {
                return null;
            }
            String tenantId = string();
            String sourceId = string();
            String callId = string();
            int visitSeq = in.readInt();
            String queue = string();
            String callerNumber = string();
            String callerName = string();
            String did = string();
            Instant enteredAt = instant();
            Instant connectedAt = instant();
            Instant endedAt = instant();
            Outcome outcome = outcome(string());
            int wait = in.readInt();
            int ring = in.readInt();
            int talk = in.readInt();
            int hold = in.readInt();
            String agent = string();
            boolean transferred = in.readBoolean();
            String transferTarget = string();
            String completedBy = string();
            String exitKey = string();
            boolean hasPosition = in.readBoolean();
            int position = in.readInt();
            int ringNoAnswers = in.readInt();
            String nextQueue = string();
            return new QueueVisit(tenantId, sourceId, callId, visitSeq, queue, callerNumber, callerName, did,
                    enteredAt, connectedAt, endedAt, outcome, wait, ring, talk, hold, agent, transferred,
                    transferTarget, completedBy, exitKey, hasPosition ? position : null, ringNoAnswers, nextQueue);
        }

        private static Outcome outcome(String name) throws IOException {
            try {
                return Outcome.valueOf(name);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IOException("checkpoint state has an unknown outcome " + name, e);
            }
        }
    }
}
