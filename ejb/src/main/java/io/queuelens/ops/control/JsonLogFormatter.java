package io.queuelens.ops.control;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One JSON object per log record, on one line, for log shippers:
 * {@code {"time":"2026-12-04T19:00:00.123Z","level":"INFO","logger":"...","thread":"...","message":"...","exception":"..."}}.
 * The message is formatted with its parameters; a throwable's whole stack trace goes into
 * {@code exception} with its line breaks escaped, so a record never spans lines.
 */
public class JsonLogFormatter extends Formatter {

    @Override
    public String format(LogRecord r) {
        StringBuilder b = new StringBuilder(256);
        b.append("{\"time\":\"").append(Instant.ofEpochMilli(r.getMillis()).toString()).append('"');
        b.append(",\"level\":\"").append(r.getLevel().getName()).append('"');
        field(b, "logger", r.getLoggerName());
        field(b, "thread", threadName(r));
        field(b, "message", formatMessage(r));
        if (r.getThrown() != null) {
            StringWriter stack = new StringWriter();
            r.getThrown().printStackTrace(new PrintWriter(stack));
            field(b, "exception", stack.toString());
        }
        return b.append("}\n").toString();
    }

    /** The name of the thread that logged, when that is the one formatting (a FileHandler formats at once). */
    private static String threadName(LogRecord r) {
        Thread t = Thread.currentThread();
        return t.getId() == r.getLongThreadID() ? t.getName() : "thread-" + r.getLongThreadID();
    }

    private static void field(StringBuilder b, String name, String value) {
        b.append(",\"").append(name).append("\":");
        if (value == null) {
            b.append("null");
            return;
        }
        b.append('"');
        escape(b, value);
        b.append('"');
    }

    /** JSON string escaping (RFC 8259): quote, backslash and every control character. */
    static void escape(StringBuilder b, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
    }
}
