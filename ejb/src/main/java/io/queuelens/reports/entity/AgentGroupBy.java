package io.queuelens.reports.entity;

import java.util.Locale;
import java.util.Optional;

/** What an agent report's rows are: one per agent over the whole range, or one per period of the range. */
public enum AgentGroupBy {
    /** One row per agent, the whole range summed. */
    AGENT,
    /** One row per report period in the request's time zone, the selected agents summed. */
    INTERVAL;

    /** The value as the API writes it: {@code agent} or {@code interval}. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the API value, case-insensitively. */
    public static Optional<AgentGroupBy> ofApiName(String value) {
        for (AgentGroupBy g : values()) {
            if (g.name().equalsIgnoreCase(value == null ? "" : value.strip())) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }
}
