package io.queuelens.web.api;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One byte range of an HTTP {@code Range} header (RFC 9110 section 14), as an audio player's seek asks:
 * {@code bytes=100-199}, {@code bytes=100-} (to the end) or {@code bytes=-500} (the last 500 bytes).
 * A header this does not understand, or several ranges, is ignored (the whole file is sent, which the
 * RFC allows); a range that lies wholly past the end is {@link Unsatisfiable} (416).
 *
 * @param first first byte, inclusive
 * @param last  last byte, inclusive
 */
public record ByteRange(long first, long last) {

    private static final Pattern SINGLE = Pattern.compile("\\s*bytes\\s*=\\s*(\\d*)\\s*-\\s*(\\d*)\\s*", Pattern.CASE_INSENSITIVE);

    /** No byte of the range exists in a file of this length. */
    public static final class Unsatisfiable extends Exception {
        private static final long serialVersionUID = 1L;

        public Unsatisfiable(String header) {
            super("range not satisfiable: " + header);
        }
    }

    public long length() {
        return last - first + 1;
    }

    public String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }

    /** @return the range within a file of {@code size} bytes, or empty to send the whole file */
    public static Optional<ByteRange> parse(String header, long size) throws Unsatisfiable {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        Matcher m = SINGLE.matcher(header);
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return Optional.empty(); // several ranges, another unit or garbage: the whole file
        }
        try {
            if (m.group(1).isEmpty()) { // suffix: the last n bytes
                long n = Long.parseLong(m.group(2));
                if (n == 0 || size == 0) {
                    throw new Unsatisfiable(header);
                }
                return Optional.of(new ByteRange(Math.max(0, size - n), size - 1));
            }
            long first = Long.parseLong(m.group(1));
            long last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
            if (!m.group(2).isEmpty() && Long.parseLong(m.group(2)) < first) {
                return Optional.empty(); // invalid: ignored as the RFC says
            }
            if (first >= size) {
                throw new Unsatisfiable(header);
            }
            return Optional.of(new ByteRange(first, last));
        } catch (NumberFormatException e) {
            return Optional.empty(); // more digits than a long: not a range of any real file
        }
    }
}
