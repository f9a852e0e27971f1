package io.queuelens.sources.demo.control;

import io.queuelens.sources.demo.entity.AmiMessage;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;

/**
 * Reads AMI frames: {@code Key: Value} lines closed by an empty line. Lines that are not headers are
 * skipped, which covers the {@code Asterisk Call Manager/x} banner and the console noise of a
 * {@code manager debug} capture (lines starting with blanks, {@code [date] NOTICE...}, CLI prompts).
 * A header key is a letter or digit followed by letters, digits, {@code _} or {@code -}.
 * <p>
 * Console output can also hold lines that look like headers (DumpChan prints {@code Info:}). For such
 * captures, pass the line that announces each frame ({@code <-- Examining AMI event: -->}): header lines
 * are then only taken after that marker.
 */
public final class AmiFrameReader implements Closeable {

    /** Longest accepted line: a client sending more is broken or hostile. */
    static final int MAX_LINE = 64 * 1024;
    /** Most headers in one frame, for the same reason. */
    static final int MAX_HEADERS = 4096;

    /** The announcement of a frame in a console capture, as Asterisk's {@code manager debug} prints it. */
    public static final String DEBUG_CAPTURE_MARKER = "<-- Examining AMI event: -->";

    private final BufferedReader in;
    private final String frameMarker;

    /** A reader of the AMI wire format. */
    public AmiFrameReader(Reader in) {
        this(in, null);
    }

    /** A reader of a console capture where each frame follows {@code frameMarker}; null for the wire format. */
    public AmiFrameReader(Reader in, String frameMarker) {
        this.in = in instanceof BufferedReader b ? b : new BufferedReader(in);
        this.frameMarker = frameMarker;
    }

    /** The next frame, or null at the end of the stream. */
    public AmiMessage read() throws IOException {
        AmiMessage.Builder frame = null;
        int headers = 0;
        boolean announced = frameMarker == null;
        String line;
        while ((line = in.readLine()) != null) {
            if (line.length() > MAX_LINE) {
                throw new IOException("AMI line longer than " + MAX_LINE + " characters");
            }
            if (!announced) {
                announced = line.equals(frameMarker);
                continue;
            }
            if (line.isEmpty()) {
                if (frame != null) {
                    return frame.build();
                }
                continue;
            }
            int colon = headerColon(line);
            if (colon < 0) {
                continue; // banner or console noise
            }
            if (frame == null) {
                frame = AmiMessage.builder();
            }
            if (++headers > MAX_HEADERS) {
                throw new IOException("AMI frame with more than " + MAX_HEADERS + " headers");
            }
            int valueStart = colon + 1;
            if (valueStart < line.length() && line.charAt(valueStart) == ' ') {
                valueStart++;
            }
            frame.add(line.substring(0, colon), line.substring(valueStart));
        }
        return frame == null ? null : frame.build();
    }

    /** Index of the colon ending a header key, or -1 when the line is not a header. */
    static int headerColon(String line) {
        char first = line.charAt(0);
        if (!Character.isLetterOrDigit(first) || first > 127) {
            return -1;
        }
        for (int i = 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ':') {
                return i;
            }
            if (!(c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '-'))) {
                return -1;
            }
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
