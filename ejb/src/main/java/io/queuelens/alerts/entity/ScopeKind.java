package io.queuelens.alerts.entity;

/**
 * What a rule is evaluated over: each listed queue on its own (one incident per queue), the listed queues
 * together as one group (their totals summed), or each listed agent on its own.
 */
public enum ScopeKind {
    QUEUE, QUEUE_GROUP, AGENT
}
