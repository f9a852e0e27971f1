package io.queuelens.sources.demo.entity;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One queue_log event as Asterisk writes it: {@code time|callid|queue|agent|event|data1|...}.
 * Times are instants; the writers render them as local DATETIME(6) (table) or epoch seconds (file).
 */
public record QueueLogRow(Instant time, String callid, String queue, String agent, String event, List<String> data) {

    public QueueLogRow {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(event, "event");
        callid = callid == null ? "NONE" : callid;
        queue = queue == null ? "NONE" : queue;
        agent = agent == null ? "NONE" : agent;
        data = List.copyOf(data);
    }

    /**
     * The value of table column {@code data<n>} (1 to 5). As in Asterisk's realtime driver, fields past
     * the fifth are appended to data5 separated by {@code |}.
     */
    public String dataColumn(int n) {
        if (n < 1 || n > 5) {
            throw new IllegalArgumentException("data column 1..5: " + n);
        }
        if (n - 1 >= data.size()) {
            return "";
        }
        if (n < 5 || data.size() <= 5) {
            return data.get(n - 1);
        }
        return String.join("|", data.subList(4, data.size()));
    }

    /** The data field {@code n} (1-based) or empty. */
    public String data(int n) {
        return n - 1 < data.size() ? data.get(n - 1) : "";
    }

    /** The pipe-separated line of a queue_log file, without a line break. */
    public String toFileLine() {
        StringBuilder sb = new StringBuilder(96);
        sb.append(time.getEpochSecond()).append('|').append(callid).append('|').append(queue)
                .append('|').append(agent).append('|').append(event);
        for (String d : data) {
            sb.append('|').append(d);
        }
        return sb.toString();
    }
}
