package io.queuelens.audit.entity;

import java.io.Serializable;
import java.time.Instant;

/**
 * What the audit page and {@code GET /api/v1/audit} ask for: lines in [from, to) (either open), of one
 * tenant, actor and action when given (exact match), page by page, newest first.
 *
 * @param page 0-based
 */
public record AuditQuery(Instant from, Instant to, String tenantId, String actor, String action, int page, int size)
        implements Serializable {

    public static final int MAX_SIZE = 500;

    public AuditQuery {
        if (page < 0) {
            throw new IllegalArgumentException("page must be 0 or more, was " + page);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be from 1 to " + MAX_SIZE + ", was " + size);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to");
        }
        tenantId = blankToNull(tenantId);
        actor = blankToNull(actor);
        action = blankToNull(action);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
