package io.queuelens.ingest.control;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A queue_log table reader's checkpoint position: the last row id read and, after {@code @}, the latest
 * time resolved from the table's local times ({@code 81234@2026-10-25T00:50:00Z}). The time matters
 * only in the repeated hour when clocks go back: without it a reader restarted there could not tell
 * whether "02:05" is the first or the second 02:05. A plain id (checkpoints written before) still reads.
 */
record TablePosition(long rowId, Instant latestTime) {

    static String format(long rowId, Instant latestTime) {
        return latestTime == null ? Long.toString(rowId) : rowId + "@" + latestTime;
    }

    static TablePosition parse(String position) {
        int at = position.indexOf('@');
        try {
            return at < 0 ? new TablePosition(Long.parseLong(position), null)
                    : new TablePosition(Long.parseLong(position.substring(0, at)), Instant.parse(position.substring(at + 1)));
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalStateException("unreadable queue_log table checkpoint '" + position + "'", e);
        }
    }
}
