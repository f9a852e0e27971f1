package io.queuelens.reports.entity;

import java.util.Locale;
import java.util.Optional;

/** What a summary report's rows are: one per queue over the whole range, or one per period of the range. */
public enum GroupBy {
    /** One row per queue, the whole range summed. */
    QUEUE,
    /** One row per report period (the request's {@code interval}) in the request's time zone, all selected queues summed. */
    INTERVAL;

    /** The value as the API writes it: {@code queue} or {@code interval}. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the API value, case-insensitively. */
    public static Optional<GroupBy> ofApiName(String value) {
        for (GroupBy g : values()) {
            if (g.name().equalsIgnoreCase(value == null ? "" : value.strip())) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }
}
