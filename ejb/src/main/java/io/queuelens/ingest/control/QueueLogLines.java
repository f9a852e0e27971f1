package io.queuelens.ingest.control;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a byte stream into lines and knows the byte offset after each one, which is what a file
 * reader checkpoints. Works on bytes, not a {@code Reader}, because a decoder's read-ahead hides the
 * byte position. Memory stays bounded whatever the input: a line longer than {@link #MAX_LINE_BYTES}
 * is cut there (the rest is skipped up to its newline) and reported by {@link #overLong()} so the
 * caller can quarantine it instead of holding a multi-gigabyte "line" of a broken file.
 * Not thread-safe.
 */
public final class QueueLogLines {

    /** Far above any real queue_log line (a few hundred bytes). */
    public static final int MAX_LINE_BYTES = 64 * 1024;

    private final InputStream in;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int limit;
    private boolean eof;
    private byte[] line = new byte[512];
    private int lineLength;
    private boolean overLong;
    private long offset;

    /**
     * @param in          positioned at {@code startOffset}
     * @param startOffset byte offset of {@code in}'s first byte in the whole file
     */
    public QueueLogLines(InputStream in, long startOffset) {
        this.in = in;
        this.offset = startOffset;
    }

    /**
     * The next line without its '\n' (a '\r' is left to the parser), decoded as UTF-8; null at end of input.
     * Bytes after the last newline are a line too: the input is a finished file (a live file the PBX is
     * still writing would need its unfinished last line left for the next read).
     */
    public String next() throws IOException {
        lineLength = 0;
        overLong = false;
        long consumed = 0;
        while (true) {
            if (pos == limit && !fill()) {
                if (consumed == 0) {
                    return null;
                }
                offset += consumed;
                return text();
            }
            int nl = indexOfNewline();
            int end = nl < 0 ? limit : nl;
            append(pos, end - pos);
            consumed += end - pos;
            if (nl >= 0) {
                pos = nl + 1;
                offset += consumed + 1;
                return text();
            }
            pos = limit;
        }
    }

    /** Byte offset just after the last line {@link #next()} returned (its newline included). */
    public long offset() {
        return offset;
    }

    /** Whether the last line was longer than {@link #MAX_LINE_BYTES} and is returned cut. */
    public boolean overLong() {
        return overLong;
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n = in.read(buf);
        if (n < 0) {
            eof = true;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    private int indexOfNewline() {
        for (int i = pos; i < limit; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void append(int from, int length) {
        int room = MAX_LINE_BYTES - lineLength;
        if (length > room) {
            overLong = true;
            length = room;
        }
        if (lineLength + length > line.length) {
            line = Arrays.copyOf(line, Math.min(MAX_LINE_BYTES, Math.max(line.length * 2, lineLength + length)));
        }
        System.arraycopy(buf, from, line, lineLength, length);
        lineLength += length;
    }

    private String text() {
        return new String(line, 0, lineLength, StandardCharsets.UTF_8);
    }
}
