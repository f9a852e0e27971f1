package io.queuelens.ingest.control;

import io.queuelens.calls.control.AssemblerSettings;
import io.queuelens.calls.control.FactBatch;
import io.queuelens.calls.control.QueueLogParser;
import io.queuelens.calls.control.VisitAssembler;
import io.queuelens.calls.entity.Checkpoint;
import io.queuelens.calls.entity.ParsedLine;
import io.queuelens.calls.entity.QueueLogEvent;
import io.queuelens.calls.entity.Rejected;
import io.queuelens.rollups.control.QueueRollupRefresher;

import javax.sql.DataSource;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Follows a live Asterisk queue_log file the way {@code tail -F} would, but exactly once: each
 * {@link #step} reads the lines appended since the checkpoint and commits their facts together with
 * the new checkpoint ({@link FactCommitter}), through the same parser and assembler as the one-shot
 * import ({@link QueueLogFileIngestion}).
 * <p>
 * The checkpoint names the file it belongs to, not just an offset: a <em>generation</em> number, the
 * file's key (device and inode) and a hash of its first line. That is how log rotation is recognised:
 * <ul>
 * <li>rename and create ({@code logrotate} default): the path now names another file. The rest of the
 * old one is read from where it was moved to (a file next to it whose key or first line matches, e.g.
 * {@code queue_log.1}), then the new file is read from 0 as the next generation. The switch waits until
 * the new file has a complete first line: until Asterisk reopens its log, it still writes to the old file.</li>
 * <li>copytruncate: the same file became shorter than the offset or starts with another line; the rest of
 * the old content is read from the copy if it is found, then the file is read from 0 as the next generation.</li>
 * </ul>
 * A last line without its newline is left for a later step (Asterisk may be in the middle of writing it),
 * except at the end of a rotated file, which nobody writes to any more. Quarantined lines are keyed
 * {@code tail:g<generation>:<line>}, so lines of two generations never collide.
 * Not thread-safe: one instance per source, driven by one timer.
 */
public final class QueueLogFileTail {

    public static final String READER = "queue_log_tail";
    private static final Logger LOG = Logger.getLogger(QueueLogFileTail.class.getName());
    private static final int FIRST_LINE_MAX = 4096;

    private final String tenantId;
    private final String sourceId;
    private final Path file;
    private final FactCommitter committer;
    private final FactBatch batch = new FactBatch();
    private final QueueLogParser parser = new QueueLogParser(); // file times are epoch seconds: no zone involved

    private VisitAssembler assembler;
    private TailPosition position;
    private boolean resumed;
    private volatile String detail = "not started";
    private volatile boolean waiting;
    private volatile String lastPosition = "";

    public QueueLogFileTail(String tenantId, String sourceId, Path file, DataSource app, QueueRollupRefresher rollups) {
        this.tenantId = tenantId;
        this.sourceId = sourceId;
        this.file = file.toAbsolutePath().normalize();
        this.committer = new FactCommitter(app, tenantId, sourceId, READER, rollups);
    }

    /**
     * Where the tail is: generation, byte offset and lines read in it, and the file's identity. Stored as
     * {@code generation|offset|lines|firstLineHash|fileKey} (the key last: its text is the platform's).
     */
    record TailPosition(long generation, long offset, long lines, String hash, String key) {

        static TailPosition parse(String s) {
            String[] p = s.split("\\|", 5);
            if (p.length != 5) {
                throw new IllegalStateException("not a queue_log tail checkpoint: " + s);
            }
            return new TailPosition(Long.parseLong(p[0]), Long.parseLong(p[1]), Long.parseLong(p[2]), p[3], p[4]);
        }

        String text() {
            return generation + "|" + offset + "|" + lines + "|" + hash + "|" + key;
        }

        TailPosition next(Identity of) {
            return new TailPosition(generation + 1, 0, 0, of.hash(), of.key());
        }
    }

    /** What identifies a file across renames and truncations. */
    record Identity(String key, String hash, long size) {
    }

    /**
     * Reads and commits up to {@code maxLines} new lines (more steps are needed while the result is not caught up).
     * On failure nothing of this step is stored and the next step starts again from the last checkpoint.
     */
    public IngestResult step(int maxLines) throws IOException, SQLException {
        try {
            if (!resumed) {
                resume();
            }
            return advance(maxLines);
        } catch (IOException | SQLException | RuntimeException e) {
            resumed = false; // start again from the committed checkpoint
            detail = e.toString();
            throw e;
        } finally {
            batch.clear();
        }
    }

    private IngestResult advance(int maxLines) throws IOException, SQLException {
        waiting = false;
        Identity current = identity(file);
        if (position == null) {
            if (current == null) {
                detail = file + " does not exist (yet)";
                waiting = true;
                return IngestResult.NONE;
            }
            position = new TailPosition(1, 0, 0, current.hash(), current.key());
        }
        switch (relation(position, current)) {
            case SAME -> {
                return read(file, maxLines, false, null);
            }
            case MISSING -> {
                Path rotated = findRotated(position);
                if (rotated == null) {
                    detail = file + " does not exist; waiting for it";
                    waiting = true;
                    return IngestResult.NONE;
                }
                return read(rotated, maxLines, false, null); // renamed, new file not created yet: follow the old one
            }
            default -> { // REPLACED or TRUNCATED: finish the previous generation where it went, then start the new one
                Path rotated = findRotated(position);
                if (current.hash().isEmpty() && rotated != null) {
                    return read(rotated, maxLines, false, null); // the new file has no whole line yet: the PBX may still write the old one
                }
                if (rotated != null) {
                    return read(rotated, maxLines, true, current);
                }
                String lost = "the previous " + file.getFileName() + " (generation " + position.generation() + ") was rotated away "
                        + "and is not next to it any more; what was appended to it after byte " + position.offset() + " is not read";
                LOG.log(Level.WARNING, "queue_log tail of {0}/{1}: {2}", new Object[]{tenantId, sourceId, lost});
                TailPosition next = position.next(current);
                commit(next, "tail:g" + next.generation() + ":");
                position = next;
                detail = lost;
                return new IngestResult(0, 0, 0, 0, false);
            }
        }
    }

    enum Relation { SAME, TRUNCATED, REPLACED, MISSING }

    static Relation relation(TailPosition at, Identity current) {
        if (current == null) {
            return Relation.MISSING;
        }
        boolean keysKnown = !at.key().isEmpty() && !current.key().isEmpty();
        if (keysKnown && !at.key().equals(current.key())) {
            return Relation.REPLACED;
        }
        if (current.size() < at.offset()) {
            return Relation.TRUNCATED;
        }
        if (!at.hash().isEmpty() && !at.hash().equals(current.hash())) {
            return keysKnown ? Relation.TRUNCATED : Relation.REPLACED;
        }
        return Relation.SAME;
    }

    /**
     * Reads {@code from} after the checkpoint's offset: up to its last newline, or to its very end when it is
     * a finished (rotated) file, after which the checkpoint moves to generation+1 of {@code next} at offset 0.
     */
    private IngestResult read(Path from, int maxLines, boolean finished, Identity next) throws IOException, SQLException {
        long start = position.offset();
        long lineNumber = position.lines();
        String hash = position.hash();
        long read = 0;
        Instant lastTime = null;
        try (FileChannel channel = FileChannel.open(from, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < start) {
                throw new IOException(from + " has " + size + " bytes, fewer than the checkpoint's " + start);
            }
            long end = finished ? size : afterLastNewline(channel, start, size);
            if (hash.isEmpty() && end > 0) {
                hash = firstLineHash(channel); // the first line is complete now: it identifies this generation
            }
            QueueLogLines lines = new QueueLogLines(bounded(Channels.newInputStream(channel.position(start)), end - start), start);
            String prefix = "tail:g" + position.generation() + ":";
            for (String line = read < maxLines ? lines.next() : null; line != null; line = read < maxLines ? lines.next() : null) {
                lineNumber++;
                read++;
                ParsedLine parsed = lines.overLong()
                        ? new Rejected(lineNumber, line, "line longer than " + QueueLogLines.MAX_LINE_BYTES + " bytes")
                        : parser.parseLine(lineNumber, line);
                if (parsed instanceof QueueLogEvent e) {
                    lastTime = e.time();
                }
                assembler.accept(parsed);
            }
            boolean rangeDone = lines.offset() >= end;
            if (rangeDone && !finished && lastTime != null) {
                assembler.advanceTo(lastTime); // releases exited visits whose overflow window has passed
            }
            TailPosition reached = new TailPosition(position.generation(), lines.offset(), lineNumber, hash, position.key());
            boolean switching = rangeDone && finished;
            TailPosition checkpoint = switching ? reached.next(next) : reached;
            if (read == 0 && batch.isEmpty() && !switching) {
                detail = "following " + from + " (generation " + position.generation() + ", byte " + start + ")";
                position = reached;
                return IngestResult.NONE;
            }
            long visits = batch.visits().size();
            long quarantined = batch.rejected().size();
            int buckets = commit(checkpoint, prefix);
            if (switching) {
                LOG.log(Level.INFO, "queue_log tail of {0}/{1}: finished rotated {2} at byte {3}; reading {4} as generation {5}",
                        new Object[]{tenantId, sourceId, from, lines.offset(), file, checkpoint.generation()});
            }
            position = checkpoint;
            detail = "following " + file + " (generation " + position.generation() + ", byte " + position.offset() + ")";
            return new IngestResult(read, visits, quarantined, buckets, rangeDone && !switching);
        }
    }

    private int commit(TailPosition checkpoint, String prefix) throws SQLException {
        int buckets = committer.commit(batch, assembler.openVisits(), new Checkpoint(checkpoint.text(), assembler.snapshot()), prefix);
        lastPosition = checkpoint.text();
        return buckets;
    }

    private void resume() throws SQLException {
        Checkpoint checkpoint = committer.lastCheckpoint().orElse(null);
        position = checkpoint == null ? null : TailPosition.parse(checkpoint.position());
        lastPosition = checkpoint == null ? "" : checkpoint.position();
        batch.clear();
        assembler = VisitAssembler.restore(tenantId, sourceId, batch, AssemblerSettings.DEFAULTS,
                checkpoint == null ? io.queuelens.calls.entity.AssemblerState.EMPTY : checkpoint.state());
        resumed = true;
    }

    /**
     * The file the previous generation was rotated to: a sibling named like the file plus a suffix
     * ({@code queue_log.1}, {@code queue_log-20261122}; compressed ones cannot be read and are skipped)
     * with the same file key (renamed) or the same first line and at least the checkpoint's length (copied).
     */
    Path findRotated(TailPosition at) throws IOException {
        Path dir = file.getParent();
        String base = file.getFileName().toString();
        Path byHash = null;
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(dir, base + "?*")) {
            for (Path p : siblings) {
                String n = p.getFileName().toString();
                char sep = n.charAt(base.length());
                if ((sep != '.' && sep != '-' && sep != '_') || n.matches(".*\\.(gz|bz2|xz|zst|lz4|Z)$") || !Files.isRegularFile(p)) {
                    continue;
                }
                Identity id = identity(p);
                if (id == null) {
                    continue;
                }
                if (!at.key().isEmpty() && at.key().equals(id.key())) {
                    return p;
                }
                if (!at.hash().isEmpty() && at.hash().equals(id.hash()) && id.size() >= at.offset()) {
                    byHash = p;
                }
            }
        }
        return byHash;
    }

    /** The file's key, first-line hash and size; null when it does not exist. */
    static Identity identity(Path p) throws IOException {
        try (FileChannel channel = FileChannel.open(p, StandardOpenOption.READ)) {
            BasicFileAttributes attributes = Files.readAttributes(p, BasicFileAttributes.class);
            Object key = attributes.fileKey();
            return new Identity(key == null ? "" : key.toString().replace('|', '/'), firstLineHash(channel), channel.size());
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** 16 hex digits of the SHA-256 of the first line, or "" while the file has no complete first line. */
    static String firstLineHash(FileChannel channel) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(FIRST_LINE_MAX);
        int n = channel.read(buf, 0);
        for (int i = 0; i < Math.max(n, 0); i++) {
            if (buf.get(i) == '\n') {
                try {
                    MessageDigest sha = MessageDigest.getInstance("SHA-256");
                    sha.update(buf.array(), 0, i);
                    return HexFormat.of().formatHex(sha.digest(), 0, 8);
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        // no newline in the first 4 KiB: a line that long is no queue_log line, but it still identifies the file
        return n == FIRST_LINE_MAX ? "long" + Integer.toHexString(java.util.Arrays.hashCode(buf.array())) : "";
    }

    /** The offset just after the last '\n' in [from, size), or {@code from} when there is none. */
    static long afterLastNewline(FileChannel channel, long from, long size) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        long end = size;
        while (end > from) {
            int len = (int) Math.min(buf.capacity(), end - from);
            buf.clear().limit(len);
            long at = end - len;
            int n = 0;
            while (n < len) {
                int r = channel.read(buf, at + n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
            for (int i = n - 1; i >= 0; i--) {
                if (buf.get(i) == '\n') {
                    return at + i + 1;
                }
            }
            end = at;
        }
        return from;
    }

    private static InputStream bounded(InputStream in, long length) {
        return new FilterInputStream(in) {
            private long left = length;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int b = super.read();
                if (b >= 0) {
                    left--;
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = super.read(b, off, (int) Math.min(len, left));
                if (n > 0) {
                    left -= n;
                }
                return n;
            }
        };
    }

    /** One sentence for the source's status: what the tail follows, or why it waits. */
    public String detail() {
        return detail;
    }

    /** Whether the last step found no file to read (neither the configured one nor its rotated predecessor). */
    public boolean waiting() {
        return waiting;
    }

    /** The last committed checkpoint ({@code generation|offset|lines|hash|key}), "" before the first. */
    public String lastPosition() {
        return lastPosition;
    }

    public Path file() {
        return file;
    }
}
