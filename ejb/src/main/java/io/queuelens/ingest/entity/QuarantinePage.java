package io.queuelens.ingest.entity;

import java.io.Serializable;
import java.util.List;

/**
 * One page of a tenant's quarantined input, newest first, with how many there are in all.
 *
 * @param page  0-based
 * @param count every quarantined line of the tenant (and source, when one was asked for)
 */
public record QuarantinePage(long count, int page, int size, List<QuarantinedLine> items) implements Serializable {

    public QuarantinePage {
        items = List.copyOf(items);
    }
}
