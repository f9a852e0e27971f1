package io.queuelens.payouts.entity;

import java.io.Serializable;
import java.time.LocalDate;

/** One item of the payout job: an agent-day of a revision, with the figures to price. */
public record PayoutItem(String tenantId, LocalDate day, int revision, String agent, AgentDayFigures figures)
        implements Serializable {

    @Override
    public String toString() {
        return tenantId + " " + day + " r" + revision + " " + agent;
    }
}
