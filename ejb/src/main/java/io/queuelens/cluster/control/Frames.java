package io.queuelens.cluster.control;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;

/**
 * The few primitives the grid's byte frames are made of, beyond what {@link DataOutputStream} has: strings that
 * may be null and instants. Members exchange only byte arrays (Hazelcast's threads in Payara need not see the
 * application's classloader, so no application class may travel as an object); each component writes its own
 * frames with these and a leading format byte, so a member of a newer version can refuse what it cannot read.
 */
public final class Frames {

    private Frames() {
    }

    public static void writeNullable(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    public static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    public static void writeInstant(DataOutputStream out, Instant at) throws IOException {
        out.writeLong(at.getEpochSecond());
        out.writeInt(at.getNano());
    }

    public static Instant readInstant(DataInputStream in) throws IOException {
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }

    /** Reads the format byte and refuses a frame of another format (a member of another version wrote it). */
    public static void expectFormat(DataInputStream in, byte format, String what) throws IOException {
        byte b = in.readByte();
        if (b != format) {
            throw new IOException(what + " frame of format " + b + ", this member reads format " + format);
        }
    }
}
