package io.queuelens.payouts.entity;

import java.util.List;

/** A named set of agents of one tenant, which a rate card can be assigned to. */
public record AgentGroup(long id, String tenantId, String name, List<String> agents) implements java.io.Serializable {
    public AgentGroup {
        agents = List.copyOf(new java.util.TreeSet<>(agents));
    }
}
