package io.queuelens.calls.entity;

/** How a queue visit ended (KPI.md, "Call outcome"). TRANSFERRED is a flag on ANSWERED, not an outcome. */
public enum Outcome {
    /** Still waiting or talking; no end seen yet. */
    OPEN,
    /** CONNECT: an agent answered. */
    ANSWERED,
    /** ABANDON: the caller hung up while waiting. */
    ABANDONED,
    /** EXITWITHTIMEOUT: the queue's timeout sent the caller on. */
    TIMEOUT,
    /** EXITWITHKEY: the caller pressed a key to leave. */
    EXIT_KEY,
    /** EXITEMPTY / JOINEMPTY: no agents to take the call. */
    EXIT_EMPTY,
    /** WITHDRAW: removed by an AMI action. */
    WITHDRAWN,
    /** The end never arrived (lost log, PBX restart): closed at the next QUEUESTART of the source. */
    LOST
}
