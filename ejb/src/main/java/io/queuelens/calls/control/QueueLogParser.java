package io.queuelens.calls.control;

import io.queuelens.calls.entity.ParsedLine;
import io.queuelens.calls.entity.QueueLogEvent;
import io.queuelens.calls.entity.Rejected;
import io.queuelens.calls.entity.Verb;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Asterisk queue_log events (FORMATS.md §1) from the pipe file format and from the realtime
 * table forms. Never throws on bad input: a line that cannot be read becomes a {@link Rejected} with
 * the reason. Unknown verbs are events with {@link Verb#UNKNOWN} and their raw name.
 * <p>
 * The file path is hand-written (indexOf on '|', digits parsed in place, verbs looked up without a
 * substring, queue/agent names shared through a small cache) because a backfill reads millions of
 * lines. An instance is not thread-safe (the name cache, and the table zone's daylight-saving state):
 * use one per source.
 */
public final class QueueLogParser {

    /** 1990-01-01: no queue_log is older; a smaller number is a broken line, not a time. */
    static final long MIN_EPOCH_SECOND = 631_152_000L;
    /** 2100-01-01. */
    static final long MAX_EPOCH_SECOND = 4_102_444_800L;
    private static final String[] NO_FIELDS = new String[0];
    private static final int[] POW10 = {1_000_000_000, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

    private final NameCache names = new NameCache(512);
    private final LocalTimeResolver tableTimes;
    // result of the last parseEpoch call (avoids an object per line)
    private long epochSecond;
    private int nanos;

    /** A parser for files, and for tables whose times are UTC ({@code queue_log_realtime_use_gmt=yes}). */
    public QueueLogParser() {
        this(ZoneOffset.UTC);
    }

    /** @param tableZone the PBX's zone, in which realtime tables hold their local {@code time} */
    public QueueLogParser(ZoneId tableZone) {
        this.tableTimes = new LocalTimeResolver(tableZone);
    }

    /**
     * The latest time read from a realtime table so far (null before the first row). A reader stores it
     * with its position, because which pass of a repeated autumn hour the next row belongs to depends
     * on it; see {@link #resumeTableTimes}.
     */
    public Instant latestTableTime() {
        return tableTimes.latest();
    }

    /** After a restart: read on as if the table rows up to {@code latest} had just been parsed. */
    public void resumeTableTimes(Instant latest) {
        tableTimes.resumeAfter(latest);
    }

    // ------------------------------------------------------------------------------------ file lines

    /**
     * Parses one line of a queue_log file ({@code epoch|callid|queue|agent|VERB|data1|...}); a trailing
     * CR/LF is ignored.
     *
     * @param lineNumber where the line is (1-based), kept on the event or rejection
     */
    public ParsedLine parseLine(long lineNumber, String line) {
        if (line == null) {
            return new Rejected(lineNumber, "", "empty line");
        }
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == '\n' || line.charAt(end - 1) == '\r')) {
            end--;
        }
        if (end == 0) {
            return new Rejected(lineNumber, line, "empty line");
        }
        int p1 = indexOf(line, 0, end);
        int p2 = p1 < 0 ? -1 : indexOf(line, p1 + 1, end);
        int p3 = p2 < 0 ? -1 : indexOf(line, p2 + 1, end);
        int p4 = p3 < 0 ? -1 : indexOf(line, p3 + 1, end);
        if (p4 < 0) {
            int found = p1 < 0 ? 1 : p2 < 0 ? 2 : p3 < 0 ? 3 : 4;
            return new Rejected(lineNumber, line, "not enough fields: " + found + " of at least 5 (time|callid|queue|agent|verb)");
        }
        String timeProblem = parseEpoch(line, 0, p1);
        if (timeProblem != null) {
            return new Rejected(lineNumber, line, timeProblem);
        }
        int p5 = indexOf(line, p4 + 1, end);
        int verbEnd = p5 < 0 ? end : p5;
        if (verbEnd == p4 + 1) {
            return new Rejected(lineNumber, line, "empty verb");
        }
        Verb verb = Verb.lookup(line, p4 + 1, verbEnd);
        String verbName = verb != null ? verb.name() : line.substring(p4 + 1, verbEnd);
        String[] fields = p5 < 0 ? NO_FIELDS : splitFields(line, p5 + 1, end);
        return QueueLogEvent.ofOwnedFields(lineNumber, Instant.ofEpochSecond(epochSecond, nanos),
                callId(line, p1 + 1, p2), names.get(line, p2 + 1, p3), names.get(line, p3 + 1, p4),
                verb != null ? verb : Verb.UNKNOWN, verbName, fields);
    }

    private static int indexOf(String s, int from, int end) {
        int i = s.indexOf('|', from);
        return i >= end ? -1 : i;
    }

    private String callId(String line, int from, int to) {
        // NONE is the most common callid (member and agent events); share the constant
        if (to - from == 4 && line.startsWith(QueueLogEvent.NONE, from)) {
            return QueueLogEvent.NONE;
        }
        return line.substring(from, to);
    }

    private static String[] splitFields(String line, int from, int end) {
        int count = 1;
        for (int i = line.indexOf('|', from); i >= 0 && i < end; i = line.indexOf('|', i + 1)) {
            count++;
        }
        String[] fields = new String[count];
        int start = from;
        for (int f = 0; f < count - 1; f++) {
            int bar = line.indexOf('|', start);
            fields[f] = line.substring(start, bar);
            start = bar + 1;
        }
        fields[count - 1] = line.substring(start, end);
        return fields;
    }

    /** Epoch seconds with an optional fraction into {@link #epochSecond}/{@link #nanos}; the problem, or null. */
    private String parseEpoch(String s, int from, int to) {
        if (from == to) {
            return "time is not a number: empty";
        }
        long seconds = 0;
        int i = from;
        for (; i < to; i++) {
            char c = s.charAt(i);
            if (c == '.') {
                break;
            }
            if (c < '0' || c > '9') {
                return "time is not a number: '" + s.substring(from, to) + "'";
            }
            if (seconds > MAX_EPOCH_SECOND) {
                return "time out of range: " + s.substring(from, to);
            }
            seconds = seconds * 10 + (c - '0');
        }
        if (i == from) {
            return "time is not a number: '" + s.substring(from, to) + "'";
        }
        int fraction = 0;
        if (i < to) {
            int digits = 0;
            for (i++; i < to; i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    return "time is not a number: '" + s.substring(from, to) + "'";
                }
                if (digits < 9) {
                    fraction = fraction * 10 + (c - '0');
                    digits++;
                }
            }
            if (digits > 0) {
                fraction *= POW10[digits];
            }
        }
        if (seconds < MIN_EPOCH_SECOND || seconds >= MAX_EPOCH_SECOND) {
            return "time out of range: " + s.substring(from, to) + " (before 1990 or after 2099)";
        }
        epochSecond = seconds;
        nanos = fraction;
        return null;
    }

    // ------------------------------------------------------------------------------------ table rows

    /**
     * A row of the realtime table with data1..data5 (Asterisk 22 DDL). As Asterisk writes it, fields past
     * the fifth are appended to data5 with '|': they are split off again. Trailing empty columns are
     * dropped (a table cannot tell an unused column from an empty last field, and no verb gives an
     * empty last field a meaning).
     *
     * @param id   the row id (auto-increment), kept as the position
     * @param time the {@code time} column, local to this parser's table zone
     */
    public ParsedLine parseRow(long id, LocalDateTime time, String callid, String queuename, String agent, String event,
                               String data1, String data2, String data3, String data4, String data5) {
        List<String> fields = new ArrayList<>(5);
        fields.add(nullToEmpty(data1));
        fields.add(nullToEmpty(data2));
        fields.add(nullToEmpty(data3));
        fields.add(nullToEmpty(data4));
        addSplit(fields, nullToEmpty(data5));
        return row(id, time, callid, queuename, agent, event, fields);
    }

    /** A row of an older realtime table with a single {@code data} column holding {@code a|b|c}. */
    public ParsedLine parseLegacyRow(long id, LocalDateTime time, String callid, String queuename, String agent,
                                     String event, String data) {
        List<String> fields = new ArrayList<>(6);
        addSplit(fields, nullToEmpty(data));
        return row(id, time, callid, queuename, agent, event, fields);
    }

    private ParsedLine row(long id, LocalDateTime time, String callid, String queue, String agent, String event,
                           List<String> fields) {
        int n = fields.size();
        while (n > 0 && fields.get(n - 1).isEmpty()) {
            n--;
        }
        String[] data = fields.subList(0, n).toArray(NO_FIELDS);
        String verbName = event == null ? "" : event.strip();
        String c = orNone(callid);
        String q = orNone(queue);
        String a = orNone(agent);
        if (time == null) {
            return new Rejected(id, rawRow(null, c, q, a, verbName, data), "time is missing");
        }
        if (verbName.isEmpty()) {
            return new Rejected(id, rawRow(time, c, q, a, verbName, data), "empty verb");
        }
        Instant instant = tableTimes.resolve(time, c);
        if (instant.getEpochSecond() < MIN_EPOCH_SECOND || instant.getEpochSecond() >= MAX_EPOCH_SECOND) {
            return new Rejected(id, rawRow(time, c, q, a, verbName, data), "time out of range: " + time + " (before 1990 or after 2099)");
        }
        Verb verb = Verb.of(verbName);
        return QueueLogEvent.ofOwnedFields(id, instant, c, names.get(q, 0, q.length()), names.get(a, 0, a.length()),
                verb, verb == Verb.UNKNOWN ? verbName : verb.name(), data);
    }

    private static void addSplit(List<String> into, String value) {
        int start = 0;
        for (int bar = value.indexOf('|'); bar >= 0; bar = value.indexOf('|', start)) {
            into.add(value.substring(start, bar));
            start = bar + 1;
        }
        into.add(start == 0 ? value : value.substring(start));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String orNone(String s) {
        return s == null || s.isEmpty() ? QueueLogEvent.NONE : s;
    }

    private static String rawRow(LocalDateTime time, String callid, String queue, String agent, String verb, String[] data) {
        StringBuilder sb = new StringBuilder(96).append(time).append('|').append(callid).append('|').append(queue)
                .append('|').append(agent).append('|').append(verb);
        for (String d : data) {
            sb.append('|').append(d);
        }
        return sb.toString();
    }
}
