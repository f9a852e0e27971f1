package io.queuelens.payouts.entity;

import io.queuelens.kpi.entity.AgentFigures;

import java.io.Serializable;

/**
 * What the rater prices for one agent on one day: the agent report's figures for the day
 * ({@code KpiCalculator.agentFigures} over the agent rollups), plus from the agent's answered visits
 * the started talk minutes (each call's talk rounded up to a whole minute) and the agent's service
 * level (answered within the SLA target / answered, {@code KpiCalculator} in ANSWERED mode; null
 * without answered visits).
 */
public record AgentDayFigures(AgentFigures figures, long startedTalkMinutes, Double serviceLevel) implements Serializable {
}
