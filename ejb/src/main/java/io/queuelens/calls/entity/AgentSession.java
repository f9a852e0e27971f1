package io.queuelens.calls.entity;

import java.time.Instant;

/**
 * An agent logged in to a queue (ADDMEMBER..REMOVEMEMBER) or to the PBX (AGENTLOGIN..AGENTLOGOFF,
 * queue {@code NONE}). {@code logoutAt} is null while logged in.
 */
public record AgentSession(String tenantId, String sourceId, String agent, String queue,
                           Instant loginAt, Instant logoutAt) implements java.io.Serializable {
}
