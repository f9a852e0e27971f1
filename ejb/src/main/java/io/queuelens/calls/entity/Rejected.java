package io.queuelens.calls.entity;

import java.util.Objects;

/**
 * A line or event QueueLens could not use as it stands, quarantined with the reason (never dropped
 * silently).
 *
 * @param position line number or table row id
 * @param rawLine  the line as read (table rows and assembler rejections: rebuilt in the file's pipe form)
 * @param reason   what is wrong, for a person to read
 */
public record Rejected(long position, String rawLine, String reason) implements ParsedLine {

    public Rejected {
        rawLine = rawLine == null ? "" : rawLine;
        Objects.requireNonNull(reason, "reason");
    }
}
