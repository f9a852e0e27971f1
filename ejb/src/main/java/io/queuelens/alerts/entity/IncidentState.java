package io.queuelens.alerts.entity;

/** FIRING until someone acknowledges it (ACKNOWLEDGED: no more repeats) or the figure clears (RESOLVED). */
public enum IncidentState {
    FIRING, ACKNOWLEDGED, RESOLVED
}
