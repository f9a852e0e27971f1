package io.queuelens.cdrs.entity;

import java.util.List;

/** A page of a CDR search and how many rows match in all. */
public record CdrPage(long total, List<CdrListing> rows) {

    public CdrPage {
        rows = List.copyOf(rows);
    }
}
