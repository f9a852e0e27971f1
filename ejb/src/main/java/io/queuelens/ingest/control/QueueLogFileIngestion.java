package io.queuelens.ingest.control;

import io.queuelens.calls.control.AssemblerSettings;
import io.queuelens.calls.control.FactBatch;
import io.queuelens.calls.control.QueueLogParser;
import io.queuelens.calls.control.VisitAssembler;
import io.queuelens.calls.entity.AssemblerState;
import io.queuelens.calls.entity.Checkpoint;
import io.queuelens.calls.entity.ParsedLine;
import io.queuelens.calls.entity.QueueVisit;
import io.queuelens.calls.entity.Rejected;
import io.queuelens.rollups.control.QueueRollupRefresher;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Imports an Asterisk queue_log file (pipe format, FORMATS.md §1) into facts and rollups, streamed:
 * memory is bounded by the lines of one commit and the calls still open, not by the file size.
 * Every {@code linesPerCommit} lines the facts, what they owe the rollups and the checkpoint of
 * reader {@code queue_log_file:<name>} (byte offset after the last whole line, plus the assembler's
 * open calls) are committed together by {@link FactCommitter#commitDeferred} (on a thread of their own, while the next
 * lines are read); at the end of the input
 * the owed rollups are rebuilt once ({@link FactCommitter#settleDeferred}; a long import settles older weeks in
 * waves while it reads on, {@link FactCommitter#settleWave}), so the imported span's
 * reports are complete when the import returns. A kill before that leaves the backlog stored, and the
 * resumed import (or the next start) settles it. Importing the same file again resumes
 * at that offset, so an import killed at any moment and started again ends with exactly the rows of
 * an uninterrupted one; an import from offset 0 upserts the same rows again.
 * <p>
 * Malformed lines are quarantined under {@code file:<name>:<line number>} with the parser's reason.
 * Not thread-safe; one import of a name at a time.
 */
public final class QueueLogFileIngestion {

    public static final String READER_PREFIX = "queue_log_file:";
    /** What fits into ingest_checkpoint.reader (64) after the prefix, and is safe in a position string. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,49}");

    private final String tenantId;
    private final String sourceId;
    private final String name;
    private final int linesPerCommit;
    private final FactCommitter committer;
    private final FactBatch batch = new FactBatch();
    /** The open visits as the last successful commit stored them, by natural key. */
    private final Map<String, QueueVisit> openWritten = new HashMap<>();

    /**
     * @param name           names the file's reader and its quarantine positions (usually the file name)
     * @param linesPerCommit lines read between two commits: bounds memory and the work a kill loses
     */
    public QueueLogFileIngestion(String tenantId, String sourceId, String name, DataSource app,
                                 QueueRollupRefresher rollups, int linesPerCommit) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("import name must be 1 to 49 of A-Z a-z 0-9 . _ -, was '" + name + "'");
        }
        if (linesPerCommit < 1) {
            throw new IllegalArgumentException("linesPerCommit must be positive: " + linesPerCommit);
        }
        this.tenantId = tenantId;
        this.sourceId = sourceId;
        this.name = name;
        this.linesPerCommit = linesPerCommit;
        this.committer = new FactCommitter(app, tenantId, sourceId, READER_PREFIX + name, rollups);
    }

    /** Where settlements rebuild in the background: waves, and the queue side of the one at the end (see {@link FactCommitter#settleOn}); returns this. */
    public QueueLogFileIngestion settleOn(java.util.concurrent.Executor executor) {
        committer.settleOn(executor);
        return this;
    }

    /** Where the commits run while the next lines are read (see {@link FactCommitter#commitOn}); returns this. */
    public QueueLogFileIngestion commitOn(java.util.concurrent.Executor executor) {
        committer.commitOn(executor);
        return this;
    }

    /** For tests: see {@link FactCommitter#settleWavesEvery}; returns this. */
    QueueLogFileIngestion settleWavesEvery(java.time.Duration span) {
        committer.settleWavesEvery(span);
        return this;
    }

    /** For tests: see {@link FactCommitter#holdFacts}; returns this. */
    QueueLogFileIngestion holdFacts(boolean hold) {
        committer.holdFacts(hold);
        return this;
    }

    /** For tests: the facts this import holds for its settlements, and how many of their transactions read them. */
    io.queuelens.rollups.control.HeldFacts heldFacts() {
        return committer.held();
    }

    /** A name for a file's reader derived from its file name (characters outside {@link #NAME} become '_'). */
    public static String nameOf(Path file) {
        String n = file.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
        return n.length() > 49 ? n.substring(n.length() - 49) : n;
    }

    /**
     * Imports {@code file} from where the last import of this name stopped (its start when there was
     * none) to its end, the last line also when it has no newline.
     *
     * @throws IllegalStateException when the file is shorter than the checkpoint: it is not the file
     *                               imported before under this name
     */
    public IngestResult importFile(Path file) throws IOException, SQLException {
        Checkpoint checkpoint = committer.lastCheckpoint().orElse(Checkpoint.START);
        long offset = checkpoint.positionAsLong();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (channel.size() < offset) {
                throw new IllegalStateException(file + " has " + channel.size() + " bytes, but " + READER_PREFIX + name
                        + " already read " + offset + ": a different file; import it under another name");
            }
            long lineNumber = linesBefore(channel, offset);
            channel.position(offset);
            return read(Channels.newInputStream(channel), offset, lineNumber, checkpoint.state());
        }
    }

    /**
     * Imports a whole stream (an upload) from its first byte with a fresh assembler: a stream cannot be
     * positioned, so an earlier checkpoint of this name is ignored, and then replaced by this import's.
     * Sending the same content again under the same name gives the same rows.
     */
    public IngestResult importStream(InputStream in) throws IOException, SQLException {
        return read(in, 0, 0, AssemblerState.EMPTY);
    }

    /**
     * Reads lines from {@code in} (positioned at {@code offset}, after {@code lineNumber} lines) to its end.
     * The input is complete: held exited visits are emitted at the end ({@link VisitAssembler#flush()})
     * instead of waiting for an overflow into another queue that cannot come.
     */
    private IngestResult read(InputStream in, long offset, long lineNumber, AssemblerState state)
            throws IOException, SQLException {
        QueueLogParser parser = new QueueLogParser(); // file times are epoch seconds: no zone involved
        batch.clear();
        openWritten.clear(); // another import may have written since: the first commit writes every open visit
        VisitAssembler assembler = VisitAssembler.restore(tenantId, sourceId, batch, AssemblerSettings.DEFAULTS, state);
        QueueLogLines lines = new QueueLogLines(in, offset);
        IngestResult total = IngestResult.NONE;
        long inBatch = 0;
        try {
            for (String line = lines.next(); line != null; line = lines.next()) {
                lineNumber++;
                ParsedLine parsed = lines.overLong()
                        ? new Rejected(lineNumber, line, "line longer than " + QueueLogLines.MAX_LINE_BYTES + " bytes")
                        : parser.parseLine(lineNumber, line);
                assembler.accept(parsed);
                if (++inBatch == linesPerCommit) {
                    total = total.plus(commit(assembler, lines.offset(), inBatch, false));
                    inBatch = 0;
                }
            }
            assembler.flush();
            // always commit at the end: the flush may have released visits, and the checkpoint must say "done"
            total = total.plus(commit(assembler, lines.offset(), inBatch, true));
            long buckets = committer.settleDeferred(assembler.snapshot());
            return new IngestResult(total.linesRead(), total.visits(), total.quarantined(),
                    total.bucketsRefreshed() + buckets, true);
        } finally {
            committer.abandonWave(); // after a failure: no settlement of this import goes on behind it (none left after success)
            batch.clear();
        }
    }

    private IngestResult commit(VisitAssembler assembler, long offset, long linesRead, boolean caughtUp)
            throws SQLException {
        // the last commit also counts the visits it leaves open (waiting or talking at the end of the
        // input): they are stored too, and a caller expects one visit per ENTERQUEUE
        long visits = batch.visits().size() + (caughtUp ? assembler.openVisits().size() : 0);
        long quarantined = batch.rejected().size();
        List<QueueVisit> open = assembler.openVisits();
        AssemblerState state = assembler.snapshot();
        // the batch's facts go to the commit thread; the assembler fills the emptied batch with the next lines meanwhile
        committer.commitDeferred(batch.take(), changedSinceLastCommit(open), new Checkpoint(Long.toString(offset), state),
                positionPrefix());
        long buckets = caughtUp ? 0 : committer.settleWave(state);
        openWritten.clear();
        open.forEach(v -> openWritten.put(v.naturalKey(), v));
        return new IngestResult(linesRead, visits, quarantined, buckets, caughtUp);
    }

    /**
     * The open visits that differ from what this import's last commit wrote. Calls in progress are
     * stored so reports see them, but most are unchanged from one commit to the next (still waiting,
     * still talking): writing them again, and recomputing their buckets, changed no row and was a
     * third of an import's visit writes. After a restart the map is empty, so everything is written.
     */
    private List<QueueVisit> changedSinceLastCommit(List<QueueVisit> open) {
        List<QueueVisit> changed = new ArrayList<>();
        for (QueueVisit v : open) {
            if (!v.equals(openWritten.get(v.naturalKey()))) {
                changed.add(v);
            }
        }
        return changed;
    }

    /**
     * Settles the rollups an earlier import of this name owes but did not settle (it was killed before
     * its end), counting the sessions and pauses its checkpoint holds open up to the checkpoint's clock.
     *
     * @return queue buckets rebuilt (0 when nothing was owed)
     */
    public long settleLeftover() throws SQLException {
        return committer.settleDeferred(committer.lastCheckpoint().map(Checkpoint::state).orElse(AssemblerState.EMPTY));
    }

    /**
     * Lines in the first {@code offset} bytes: the line numbers of a resumed import continue where the
     * checkpoint stopped (they key quarantine rows). Only the offset is checkpointed, so this scan costs
     * one sequential read of the part already imported, with a fixed buffer.
     */
    static long linesBefore(FileChannel channel, long offset) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        long lines = 0;
        long at = 0;
        byte last = '\n';
        while (at < offset) {
            buf.clear().limit((int) Math.min(buf.capacity(), offset - at));
            int n = channel.read(buf, at);
            if (n < 0) {
                throw new IOException("file ended at " + at + " before the checkpoint offset " + offset);
            }
            for (int i = 0; i < n; i++) {
                if (buf.get(i) == '\n') {
                    lines++;
                }
            }
            if (n > 0) {
                last = buf.get(n - 1);
            }
            at += n;
        }
        // a checkpoint after a last line without newline (end of a finished file) counted that line too
        return last == '\n' ? lines : lines + 1;
    }

    /** Prefix of quarantine and raw-event positions: {@code file:<name>:} followed by the line number. */
    public String positionPrefix() {
        return "file:" + name + ":";
    }

    public String reader() {
        return READER_PREFIX + name;
    }
}
