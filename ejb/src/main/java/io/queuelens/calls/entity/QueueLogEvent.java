package io.queuelens.calls.entity;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One queue_log event: {@code time|callid|queue|agent|VERB|data1|data2|...}.
 *
 * @param position line number (file) or row id (table)
 * @param time     when it happened (UTC instant)
 * @param callId   the caller channel's uniqueid, or {@code NONE}/{@code REALTIME}/{@code MANAGER}/...
 * @param queue    queue name or {@code NONE}
 * @param agent    member name, interface, {@code Agent/N} or {@code NONE}
 * @param verb     the understood verb, {@link Verb#UNKNOWN} otherwise
 * @param verbName the verb as written (kept for unknown verbs)
 * @param data     data fields in order; empty fields are empty strings
 */
public record QueueLogEvent(long position, Instant time, String callId, String queue, String agent,
                            Verb verb, String verbName, List<String> data) implements ParsedLine {

    public static final String NONE = "NONE";

    public QueueLogEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(verb, "verb");
        Objects.requireNonNull(verbName, "verbName");
        data = data instanceof FieldList ? data : List.copyOf(data);
    }

    /** An event from raw parts; the verb is looked up from its name. */
    public static QueueLogEvent of(long position, Instant time, String callId, String queue, String agent,
                                   String verbName, String... data) {
        return new QueueLogEvent(position, time, callId, queue, agent, Verb.of(verbName), verbName, List.of(data));
    }

    /**
     * The parser's constructor: takes ownership of {@code fields} (no copy; the caller must not change
     * the array afterwards).
     */
    public static QueueLogEvent ofOwnedFields(long position, Instant time, String callId, String queue, String agent,
                                              Verb verb, String verbName, String[] fields) {
        return new QueueLogEvent(position, time, callId, queue, agent, verb, verbName, new FieldList(fields));
    }

    /** Data field {@code n} (1-based), or an empty string when the line has fewer fields. */
    public String data(int n) {
        return n >= 1 && n <= data.size() ? data.get(n - 1) : "";
    }

    /** The number of data fields, not counting trailing empty ones (a table's unused columns). */
    public int meaningfulDataCount() {
        int n = data.size();
        while (n > 0 && data.get(n - 1).isEmpty()) {
            n--;
        }
        return n;
    }

    public boolean hasCall() {
        return !callId.isEmpty() && !NONE.equals(callId);
    }

    /** The event in the file's pipe form (epoch seconds with the fraction when there is one). */
    public String toLine() {
        StringBuilder sb = new StringBuilder(96);
        sb.append(time.getEpochSecond());
        if (time.getNano() != 0) {
            String nanos = String.format("%09d", time.getNano());
            int end = nanos.length();
            while (nanos.charAt(end - 1) == '0') {
                end--;
            }
            sb.append('.').append(nanos, 0, end);
        }
        sb.append('|').append(callId).append('|').append(queue).append('|').append(agent).append('|').append(verbName);
        for (String d : data) {
            sb.append('|').append(d);
        }
        return sb.toString();
    }
}
