package io.queuelens.calls.entity;

import java.time.Instant;

/**
 * An agent's pause (PAUSE..UNPAUSE, PAUSEALL..UNPAUSEALL) with its reason, in one queue or all
 * ({@code queue} {@code NONE}). {@code endAt} is null while paused. Whether a reason is billable is a
 * KPI setting, not a fact.
 */
public record AgentPause(String tenantId, String sourceId, String agent, String queue, String reason,
                         Instant startAt, Instant endAt) implements java.io.Serializable {
}
