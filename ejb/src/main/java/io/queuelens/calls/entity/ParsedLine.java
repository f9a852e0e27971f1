package io.queuelens.calls.entity;

/** What the parser makes of one line or table row: an event, or a rejection with its reason. */
public sealed interface ParsedLine permits QueueLogEvent, Rejected {

    /** Line number of a file (1-based) or the row id of a table: where to find it again. */
    long position();
}
