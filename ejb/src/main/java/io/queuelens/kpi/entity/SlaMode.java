package io.queuelens.kpi.entity;

/** Which denominator the service level uses (KPI.md, Settings). */
public enum SlaMode {
    /** answeredInSla / (offered - shortAbandoned): callers who hung up quickly do not count against the target. */
    OFFERED,
    /** answeredInSla / answered: only how fast answered calls were answered. */
    ANSWERED
}
