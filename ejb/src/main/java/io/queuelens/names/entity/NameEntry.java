package io.queuelens.names.entity;

import java.time.Instant;

/**
 * One system name as the admin page lists it: its manual and learned names (either may be null), the
 * name shown (after precedence and agent unification), and who changed the manual one last.
 */
public record NameEntry(NameKind kind, String key, String manual, String learned, String shown,
                        Instant updatedAt, String updatedBy) {

    public boolean hasManual() {
        return manual != null;
    }
}
