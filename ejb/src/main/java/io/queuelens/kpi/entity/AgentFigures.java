package io.queuelens.kpi.entity;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every agent figure of KPI.md. Times are seconds (doubles, exact to the millisecond), percentages
 * 0..100 or {@code null} when the denominator is 0. Occupancy is not capped at 100: a value above
 * it means talk without a matching login (a data gap), which a manager must see, not have hidden.
 *
 * @param pausedByReason    seconds paused per reason as logged, sorted by reason
 * @param billablePaused    seconds paused with a billable reason (KpiSettings.billablePauseReasons)
 * @param nonBillablePaused seconds paused with any other reason
 */
public record AgentFigures(double loggedIn, double paused, Map<String, Double> pausedByReason,
                           double billablePaused, double nonBillablePaused, double ready, long answered,
                           double talk, double hold, double acw, long ringNoAnswer, Double occupancy,
                           Double utilization) {

    public AgentFigures {
        pausedByReason = Collections.unmodifiableMap(new TreeMap<>(pausedByReason));
    }

    /** Figure name to value, in KPI.md's order. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("loggedIn", loggedIn);
        m.put("paused", paused);
        m.put("pausedByReason", pausedByReason);
        m.put("billablePaused", billablePaused);
        m.put("nonBillablePaused", nonBillablePaused);
        m.put("ready", ready);
        m.put("answered", answered);
        m.put("talk", talk);
        m.put("hold", hold);
        m.put("acw", acw);
        m.put("ringNoAnswer", ringNoAnswer);
        m.put("occupancy", occupancy);
        m.put("utilization", utilization);
        return m;
    }
}
