package io.queuelens.names.entity;

/** Where a display name comes from: set by a user (wins), or learned from the PBX. */
public enum NameOrigin {
    MANUAL,
    LEARNED
}
