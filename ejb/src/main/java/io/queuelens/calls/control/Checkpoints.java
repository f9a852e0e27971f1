package io.queuelens.calls.control;

import io.queuelens.schema.control.UtcColumns;
import io.queuelens.calls.entity.AssemblerState;
import io.queuelens.calls.entity.Checkpoint;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads and writes {@code ingest_checkpoint} rows inside the caller's transaction, so a checkpoint
 * always matches the facts written with it. The assembler state is a deflated blob in the format of
 * {@link AssemblerStateCodec}. Blobs of earlier versions are Java-serialized records (deflated, or plain
 * before that) and still read, only those classes allowed (an input filter); one that no longer reads
 * yields an empty state plus a warning (the open calls of that moment are then closed as LOST at the
 * next QUEUESTART instead of resumed).
 */
public final class Checkpoints {

    private static final Logger LOG = Logger.getLogger(Checkpoints.class.getName());
    private static final ObjectInputFilter ONLY_FACT_RECORDS = ObjectInputFilter.Config.createFilter(
            "io.queuelens.calls.entity.*;java.time.*;java.util.*;java.lang.*;java.io.Serializable;!*");

    private Checkpoints() {
    }

    public static Optional<Checkpoint> load(Connection c, String tenantId, String sourceId, String reader) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT position, state FROM ingest_checkpoint WHERE tenant_id = ? AND source_id = ? AND reader = ?")) {
            ps.setString(1, tenantId);
            ps.setString(2, sourceId);
            ps.setString(3, reader);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Checkpoint(rs.getString(1), read(rs.getBytes(2))));
            }
        }
    }

    public static void save(Connection c, String tenantId, String sourceId, String reader, Checkpoint checkpoint)
            throws SQLException {
        save(c, tenantId, sourceId, reader, checkpoint.position(), encode(checkpoint.state()));
    }

    /**
     * {@link #save(Connection, String, String, String, Checkpoint)} with the state {@link #encode encoded} before:
     * a bulk import encodes it while the database runs its previous commit.
     */
    public static void save(Connection c, String tenantId, String sourceId, String reader, String position, byte[] state)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO ingest_checkpoint (tenant_id, source_id, reader, position, state, updated_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON DUPLICATE KEY UPDATE position = VALUES(position), state = VALUES(state), updated_at = VALUES(updated_at)""")) {
            ps.setString(1, tenantId);
            ps.setString(2, sourceId);
            ps.setString(3, reader);
            ps.setString(4, position);
            ps.setBytes(5, state);
            ps.setObject(6, UtcColumns.of(Instant.now()));
            ps.executeUpdate();
        }
    }

    /**
     * The state in {@link AssemblerStateCodec}'s format, deflated after its magic bytes. Compressed it is about a
     * tenth of the size, and every byte of a blob is escaped by the driver on its way to the server: writing the
     * raw blob at each commit was a fifth of a bulk import's time.
     */
    public static byte[] encode(AssemblerState state) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(AssemblerStateCodec.MAGIC);
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        // buffered: the codec writes field by field, and each write handed to the deflater alone cost more than the field
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new DeflaterOutputStream(bytes, deflater, 8192), 65536))) {
            AssemblerStateCodec.write(state, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deflater.end();
        }
        return bytes.toByteArray();
    }

    static AssemblerState read(byte[] blob) {
        if (blob == null || blob.length == 0) {
            return AssemblerState.EMPTY;
        }
        // the earlier formats start with 0x78 (a zlib stream) or 0xACED (plain serialization), never with "QLS"
        byte[] magic = AssemblerStateCodec.MAGIC;
        if (startsWith(blob, magic, magic.length)) {
            return readCodec(blob);
        }
        if (startsWith(blob, magic, magic.length - 1)) { // "QLS" of a later version than this one reads
            LOG.log(Level.WARNING, "Checkpoint state of format version {0} cannot be read by this version; resuming without open calls",
                    blob.length > 3 ? blob[3] : "?");
            return AssemblerState.EMPTY;
        }
        // earlier versions: Java serialization of the records
        // a plain serialization stream (from before the state was compressed) starts with 0xACED
        boolean plain = blob.length > 1 && (blob[0] & 0xff) == 0xAC && (blob[1] & 0xff) == 0xED;
        InputStream raw = new ByteArrayInputStream(blob);
        try (ObjectInputStream in = new ObjectInputStream(plain ? raw : new InflaterInputStream(raw))) {
            in.setObjectInputFilter(ONLY_FACT_RECORDS);
            return (AssemblerState) in.readObject();
        } catch (InvalidClassException | ClassNotFoundException e) {
            LOG.log(Level.WARNING, "Checkpoint state written by another version cannot be read ({0}); resuming without open calls",
                    e.getMessage());
            return AssemblerState.EMPTY;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether {@code blob} starts with the first {@code length} bytes of {@code prefix}. */
    private static boolean startsWith(byte[] blob, byte[] prefix, int length) {
        return blob.length >= length && java.util.Arrays.equals(blob, 0, length, prefix, 0, length);
    }

    /** A damaged blob fails the read (the import stops with a message) rather than resuming from a wrong state. */
    private static AssemblerState readCodec(byte[] blob) {
        int at = AssemblerStateCodec.MAGIC.length;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(
                new InflaterInputStream(new ByteArrayInputStream(blob, at, blob.length - at)), 65536))) {
            return AssemblerStateCodec.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint state is damaged: " + e.getMessage(), e);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new UncheckedIOException(new IOException("checkpoint state is damaged: " + e.getMessage(), e));
        }
    }
}
