package io.queuelens.audit.entity;

import java.io.Serializable;
import java.util.List;

/**
 * One page of audit lines, newest first, with how many match in all.
 *
 * @param page 0-based
 */
public record AuditPage(long count, int page, int size, List<AuditEntry> items) implements Serializable {

    public AuditPage {
        items = List.copyOf(items);
    }
}
