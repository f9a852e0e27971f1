package io.queuelens.web.reports;

import io.queuelens.identity.entity.Access;
import io.queuelens.reports.entity.SummaryRequest;

import java.util.Collection;
import java.util.List;

/** The caller's queue visibility applied to a report page's request and its queue picker. */
final class QueueVisibility {

    private QueueVisibility() {
    }

    /** With no queue asked for, a restricted caller's report covers exactly their visible queues. */
    static SummaryRequest limit(Access access, SummaryRequest r) {
        return new SummaryRequest(r.tenant(), r.from(), r.to(), r.zone(), access.effectiveQueues(r.tenant(), r.queues()),
                r.groupBy(), r.interval());
    }

    /** The queue choices the caller may pick, in the given order. */
    static List<String> visible(Access access, String tenant, Collection<String> queues) {
        return queues.stream().filter(q -> access.mayViewQueue(tenant, q)).toList();
    }
}
