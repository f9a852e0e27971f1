package io.queuelens.sources.asterisk.entity;

import io.queuelens.sources.boundary.SourceStatus;

/**
 * A configured source with how its reader is doing, for the admin page and the API (never its secrets:
 * {@link AsteriskSourceConfig#toString()} and the views built from this leave them out).
 *
 * @param status      the running reader's status; STOPPED when the source is disabled
 * @param position    the reader's committed checkpoint ("" before the first)
 * @param quarantined lines of this source kept in quarantine, in the database
 */
public record ConfiguredSourceView(AsteriskSourceConfig config, SourceStatus status, String position, long quarantined) {

    public long linesRead() {
        return status.counters().getOrDefault("linesRead", 0L);
    }

    /**
     * The position in short: the row id of a table reader (its checkpoint also carries the latest time
     * read, for the autumn clock change), {@code generation:byte offset} of a file tail (whose checkpoint
     * also carries the file's identity, too long for a table cell).
     */
    public String shortPosition() {
        String[] parts = position.split("\\|");
        int at = position.indexOf('@');
        return parts.length >= 2 ? parts[0] + ":" + parts[1] : at > 0 ? position.substring(0, at) : position;
    }

    /** The reader's last error, or null while it reads fine. */
    public String lastError() {
        return status.state() == SourceStatus.State.RECONNECTING || status.state() == SourceStatus.State.FAILED
                ? status.detail() : null;
    }
}
