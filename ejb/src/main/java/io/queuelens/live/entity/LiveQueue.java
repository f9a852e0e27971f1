package io.queuelens.live.entity;

import io.queuelens.kpi.entity.QueueTotals;

import java.util.List;
import java.util.Objects;

/**
 * One queue now and today.
 *
 * @param waiting   callers waiting, by position
 * @param available members AVAILABLE
 * @param onCall    members ON_CALL or RINGING
 * @param paused    members PAUSED
 * @param loggedIn  all members of the queue
 * @param today     totals of the visits that entered the queue since the tenant's local midnight
 *                  (counted from events, and per 15-minute bucket the stored facts where they hold more
 *                  calls: see TodayTotals); figures come from
 *                  {@code KpiCalculator.queueFigures} like every other screen's
 */
public record LiveQueue(String name, List<WaitingCaller> waiting, int available, int onCall, int paused, int loggedIn,
                        QueueTotals today) {

    public LiveQueue {
        Objects.requireNonNull(name, "name");
        waiting = List.copyOf(waiting);
        Objects.requireNonNull(today, "today");
    }

    /** The caller waiting longest (lowest position's entry time is not always the oldest), or null. */
    public WaitingCaller longestWaiting() {
        WaitingCaller oldest = null;
        for (WaitingCaller w : waiting) {
            if (oldest == null || w.enteredAt().isBefore(oldest.enteredAt())) {
                oldest = w;
            }
        }
        return oldest;
    }
}
