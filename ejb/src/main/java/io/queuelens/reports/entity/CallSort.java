package io.queuelens.reports.entity;

import java.util.Locale;
import java.util.Optional;

/** The fields a call list sorts by, with the queue_visit column each stands for. */
public enum CallSort {
    ENTERED_AT("enteredAt", "entered_at"),
    ENDED_AT("endedAt", "ended_at"),
    QUEUE("queue", "queue"),
    AGENT("agent", "agent"),
    OUTCOME("outcome", "outcome"),
    CALLER("caller", "caller_number"),
    WAIT("wait", "wait_s"),
    TALK("talk", "talk_s");

    private final String apiName;
    private final String column;

    CallSort(String apiName, String column) {
        this.apiName = apiName;
        this.column = column;
    }

    public String apiName() {
        return apiName;
    }

    /** The column: a constant from this enum, never text from a request, so it is safe in ORDER BY. */
    public String column() {
        return column;
    }

    public static Optional<CallSort> ofApiName(String value) {
        for (CallSort s : values()) {
            if (s.apiName.toLowerCase(Locale.ROOT).equals(value == null ? "" : value.strip().toLowerCase(Locale.ROOT))) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
