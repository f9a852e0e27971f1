package io.queuelens.audit.entity;

import java.io.Serializable;
import java.time.Instant;

/** One stored line of the audit log. */
public record AuditEntry(long id, Instant at, String actor, String tenantId, String action, String target, String detail)
        implements Serializable {
}
