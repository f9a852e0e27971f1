package io.queuelens.live.control;

import io.queuelens.kpi.entity.QueueTotals;
import io.queuelens.live.entity.LiveMember;
import io.queuelens.live.entity.LiveQueue;
import io.queuelens.live.entity.LiveSnapshot;
import io.queuelens.live.entity.MemberState;
import io.queuelens.live.entity.WaitingCaller;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

import static io.queuelens.cluster.control.Frames.expectFormat;
import static io.queuelens.cluster.control.Frames.readInstant;
import static io.queuelens.cluster.control.Frames.readNullable;
import static io.queuelens.cluster.control.Frames.writeInstant;
import static io.queuelens.cluster.control.Frames.writeNullable;

/**
 * A whole live snapshot as bytes, for the cluster's grid: the owner of a tenant writes one frame per (coalesced)
 * snapshot and the other members read it back with the application's own classes. A compact binary form rather
 * than JSON: a big contact center's snapshot (thousands of members) goes out up to ten times a second and is
 * read by every member. The frame carries the member that wrote it and that member's version of the snapshot,
 * so a reader can skip its own frames and older ones.
 */
public final class LiveSnapshotCodec {

    /** Format of the frame; change it with any change of the layout below. */
    static final byte FORMAT = 1;

    /**
     * One snapshot as it travels.
     *
     * @param origin the id of the member whose model built it
     */
    public record Frame(String origin, LiveSnapshot snapshot) {
    }

    private LiveSnapshotCodec() {
    }

    public static byte[] encode(String origin, LiveSnapshot s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + 64 * (s.queues().size() + s.members().size()));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeUTF(origin);
            out.writeUTF(s.tenantId());
            out.writeLong(s.version());
            writeInstant(out, s.at());
            out.writeBoolean(s.connected());
            out.writeInt(s.queues().size());
            for (LiveQueue q : s.queues().values()) {
                writeQueue(out, q);
            }
            out.writeInt(s.members().size());
            for (LiveMember m : s.members().values()) {
                writeMember(out, m);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // never: the stream is in memory
        }
        return bytes.toByteArray();
    }

    /** @throws IOException when the bytes are not a frame of this format (cut short, another version) */
    public static Frame decode(byte[] frame) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(frame))) {
            expectFormat(in, FORMAT, "live snapshot");
            String origin = in.readUTF();
            String tenantId = in.readUTF();
            long version = in.readLong();
            var at = readInstant(in);
            boolean connected = in.readBoolean();
            SortedMap<String, LiveQueue> queues = new TreeMap<>();
            for (int i = in.readInt(); i > 0; i--) {
                LiveQueue q = readQueue(in);
                queues.put(q.name(), q);
            }
            SortedMap<String, LiveMember> members = new TreeMap<>();
            for (int i = in.readInt(); i > 0; i--) {
                LiveMember m = readMember(in);
                members.put(m.agent(), m);
            }
            return new Frame(origin, new LiveSnapshot(tenantId, version, at, queues, members, connected));
        } catch (RuntimeException e) {
            throw new IOException("unreadable live snapshot frame: " + e, e);
        }
    }

    private static void writeQueue(DataOutputStream out, LiveQueue q) throws IOException {
        out.writeUTF(q.name());
        out.writeInt(q.available());
        out.writeInt(q.onCall());
        out.writeInt(q.paused());
        out.writeInt(q.loggedIn());
        writeTotals(out, q.today());
        out.writeInt(q.waiting().size());
        for (WaitingCaller w : q.waiting()) {
            out.writeUTF(w.queue());
            out.writeUTF(w.uniqueId());
            writeNullable(out, w.callerNumber());
            writeNullable(out, w.callerName());
            out.writeInt(w.position());
            writeInstant(out, w.enteredAt());
        }
    }

    private static LiveQueue readQueue(DataInputStream in) throws IOException {
        String name = in.readUTF();
        int available = in.readInt();
        int onCall = in.readInt();
        int paused = in.readInt();
        int loggedIn = in.readInt();
        QueueTotals today = readTotals(in);
        List<WaitingCaller> waiting = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
            waiting.add(new WaitingCaller(in.readUTF(), in.readUTF(), readNullable(in), readNullable(in), in.readInt(),
                    readInstant(in)));
        }
        return new LiveQueue(name, waiting, available, onCall, paused, loggedIn, today);
    }

    private static void writeMember(DataOutputStream out, LiveMember m) throws IOException {
        out.writeUTF(m.agent());
        out.writeUTF(m.name());
        out.writeInt(m.queues().size());
        for (String q : new TreeSet<>(m.queues())) {
            out.writeUTF(q);
        }
        out.writeUTF(m.state().name());
        writeInstant(out, m.since());
        writeNullable(out, m.pauseReason());
        writeNullable(out, m.callerNumber());
        writeNullable(out, m.callQueue());
        out.writeInt(m.callsTaken());
    }

    private static LiveMember readMember(DataInputStream in) throws IOException {
        String agent = in.readUTF();
        String name = in.readUTF();
        Set<String> queues = new TreeSet<>();
        for (int i = in.readInt(); i > 0; i--) {
            queues.add(in.readUTF());
        }
        MemberState state = MemberState.valueOf(in.readUTF());
        return new LiveMember(agent, name, queues, state, readInstant(in), readNullable(in), readNullable(in),
                readNullable(in), in.readInt());
    }

    /** The 22 counters in the record's order. */
    private static void writeTotals(DataOutputStream out, QueueTotals t) throws IOException {
        for (long v : new long[]{t.offered(), t.open(), t.answered(), t.abandoned(), t.shortAbandoned(), t.timeout(),
                t.exitKey(), t.exitEmpty(), t.withdrawn(), t.lost(), t.answeredInSla(), t.transferred(), t.repeat(),
                t.firstVisits(), t.shortCalls(), t.waitAnswered(), t.waitAbandoned(), t.talk(), t.hold(), t.acw(),
                t.maxWait(), t.maxWaitHolders()}) {
            out.writeLong(v);
        }
    }

    private static QueueTotals readTotals(DataInputStream in) throws IOException {
        long[] v = new long[22];
        for (int i = 0; i < v.length; i++) {
            v[i] = in.readLong();
        }
        return new QueueTotals(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13],
                v[14], v[15], v[16], v[17], v[18], v[19], v[20], v[21]);
    }
}
