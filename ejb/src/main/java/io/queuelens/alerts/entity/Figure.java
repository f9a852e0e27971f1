package io.queuelens.alerts.entity;

/**
 * What a rule watches. Live figures are read from the tenant's live snapshot at every change; interval
 * figures are the KPI.md figures of the last {@link #minutes()} minutes up to the last closed 15-minute
 * interval, from the rollups. Percentages are 0..100, times seconds.
 */
public enum Figure {
    WAITING(0, true),
    LONGEST_WAIT(0, true),
    AVAILABLE_AGENTS(0, true),
    /** Agents paused, with the rule's pause reason when it has one (any reason otherwise). */
    PAUSED_AGENTS(0, true),
    SERVICE_LEVEL_TODAY(0, false),
    ABANDON_RATE_TODAY(0, false),
    SERVICE_LEVEL_15M(15, false),
    SERVICE_LEVEL_30M(30, false),
    SERVICE_LEVEL_60M(60, false),
    ABANDON_RATE_15M(15, false),
    ABANDON_RATE_30M(30, false),
    ABANDON_RATE_60M(60, false);

    private final int minutes;
    private final boolean agentScope;

    Figure(int minutes, boolean agentScope) {
        this.minutes = minutes;
        this.agentScope = agentScope;
    }

    /** Minutes of the interval figure; 0 for a live figure. */
    public int minutes() {
        return minutes;
    }

    public boolean isInterval() {
        return minutes > 0;
    }

    public boolean isServiceLevel() {
        return name().startsWith("SERVICE_LEVEL");
    }

    /** Whether an agent scope makes sense: only per-agent live states (1 or 0 for the one agent). */
    public boolean allowsAgentScope() {
        return agentScope && this != WAITING && this != LONGEST_WAIT;
    }
}
