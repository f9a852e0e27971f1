package io.queuelens.names.entity;

/** What a display name names. */
public enum NameKind {
    QUEUE,
    AGENT
}
