package io.queuelens.sources.asterisk.entity;

/** Where a configured PBX's queue_log is read from. */
public enum QueueLogMode {
    /** The realtime queue_log table in the PBX database, read by id. */
    TABLE,
    /** The queue_log file, tailed by byte offset across log rotations. */
    FILE
}
