package io.queuelens.ingest.entity;

import java.io.Serializable;
import java.time.Instant;

/**
 * Input that could not be understood, as kept in {@code quarantined_input}: where it came from
 * (source and position, e.g. {@code file:rest:42}), the text as received and why it was refused.
 * The raw text is untrusted: whoever shows it escapes it.
 */
public record QuarantinedLine(long id, String sourceId, String position, String rawInput, String reason,
                              Instant receivedAt) implements Serializable {
}
