package io.queuelens.rollups.entity;

import io.queuelens.kpi.entity.AgentTotals;

import java.time.Instant;
import java.util.Objects;

/** The additive agent totals of one tenant/agent/15-minute UTC bucket (built by {@code AgentTimeline}). */
public record AgentBucket(String tenantId, String agent, Instant start, AgentTotals totals) {

    public AgentBucket {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(agent, "agent");
        Buckets.requireBucketStart(start, "bucket start");
        Objects.requireNonNull(totals, "totals");
    }

    public AgentBucket plus(AgentBucket other) {
        if (!tenantId.equals(other.tenantId) || !agent.equals(other.agent) || !start.equals(other.start)) {
            throw new IllegalArgumentException("only the same tenant/agent/bucket merges");
        }
        return new AgentBucket(tenantId, agent, start, totals.plus(other.totals));
    }
}
