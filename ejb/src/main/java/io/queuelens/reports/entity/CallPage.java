package io.queuelens.reports.entity;

import io.queuelens.calls.entity.QueueVisit;

import java.util.List;

/**
 * One page of a call list.
 *
 * @param request what was asked, echoed
 * @param visits  the page's visits in the requested order
 * @param total   how many visits match the filters in all pages
 */
public record CallPage(CallListRequest request, List<QueueVisit> visits, long total) {

    public CallPage {
        visits = List.copyOf(visits);
    }

    public long totalPages() {
        return (total + request.size() - 1) / request.size();
    }
}
