package io.queuelens.names.entity;

import java.time.Instant;
import java.util.Objects;

/** One stored row of {@code display_name}: a system name's display name of one origin. */
public record DisplayName(String tenantId, NameKind kind, String key, String name, NameOrigin origin,
                          Instant updatedAt, String updatedBy) {

    public DisplayName {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(origin, "origin");
    }
}
