package io.queuelens.kpi.entity;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every queue figure of KPI.md under its KPI.md name. Counts are exact; percentages are 0..100 and
 * times are seconds, both unrounded doubles (rounding is presentation). A percentage or a mean whose
 * denominator is 0 is {@code null} ("no data", shown as "—"), never 0: a queue with no calls did not
 * have a 0 % service level. {@code maxWait} is null when no visit has ended.
 */
public record QueueFigures(long offered, long answered, long abandoned, long shortAbandoned, long unanswered,
                           long answeredInSla, Double serviceLevel, Double answerRate, Double abandonRate,
                           Double asa, Double avgAbandonWait, Double maxWait, Double avgTalk, Double aht,
                           long transferred, Double repeatRate, long uniqueCalls) {

    /** Figure name to value, in KPI.md's order: what exports and the API write, next to {@code Formulas}. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("offered", offered);
        m.put("answered", answered);
        m.put("abandoned", abandoned);
        m.put("shortAbandoned", shortAbandoned);
        m.put("unanswered", unanswered);
        m.put("answeredInSla", answeredInSla);
        m.put("serviceLevel", serviceLevel);
        m.put("answerRate", answerRate);
        m.put("abandonRate", abandonRate);
        m.put("asa", asa);
        m.put("avgAbandonWait", avgAbandonWait);
        m.put("maxWait", maxWait);
        m.put("avgTalk", avgTalk);
        m.put("aht", aht);
        m.put("transferred", transferred);
        m.put("repeatRate", repeatRate);
        m.put("uniqueCalls", uniqueCalls);
        return m;
    }
}
