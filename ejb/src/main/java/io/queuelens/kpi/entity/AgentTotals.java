package io.queuelens.kpi.entity;

import java.util.Map;
import java.util.TreeMap;

/**
 * Additive agent totals, times in milliseconds (sessions and pauses are split exactly at bucket
 * boundaries, and Genesys reports sub-second times). Pause reasons are kept as logged; whether a
 * reason is billable is decided when figures are calculated, so changing the billable list does not
 * need a rebuild.
 *
 * @param loggedInMillis        time logged in (overlapping queue sessions counted once)
 * @param pausedMillisByReason  time paused while logged in, by reason (overlapping pauses: the latest one wins)
 * @param talkMillis            talk of visits the agent answered, placed where it happened
 * @param holdMillis            hold of those visits, spread over their talk
 * @param acwMillis             after-call work: the ACW pauses matched to those visits
 * @param answered              visits answered (in the bucket of CONNECT)
 * @param ringNoAnswer          RINGNOANSWER events
 */
public record AgentTotals(long loggedInMillis, Map<String, Long> pausedMillisByReason, long talkMillis,
                          long holdMillis, long acwMillis, long answered, long ringNoAnswer) {

    public static final AgentTotals ZERO = new AgentTotals(0, Map.of(), 0, 0, 0, 0, 0);

    public AgentTotals {
        pausedMillisByReason = Map.copyOf(pausedMillisByReason);
        if (loggedInMillis < 0 || talkMillis < 0 || holdMillis < 0 || acwMillis < 0 || answered < 0
                || ringNoAnswer < 0 || pausedMillisByReason.values().stream().anyMatch(v -> v < 0)) {
            throw new IllegalArgumentException("agent totals are never negative");
        }
    }

    public long pausedMillis() {
        return pausedMillisByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    public AgentTotals plus(AgentTotals o) {
        Map<String, Long> paused = new TreeMap<>(pausedMillisByReason);
        o.pausedMillisByReason.forEach((reason, ms) -> paused.merge(reason, ms, Long::sum));
        return new AgentTotals(loggedInMillis + o.loggedInMillis, paused, talkMillis + o.talkMillis,
                holdMillis + o.holdMillis, acwMillis + o.acwMillis, answered + o.answered,
                ringNoAnswer + o.ringNoAnswer);
    }
}
