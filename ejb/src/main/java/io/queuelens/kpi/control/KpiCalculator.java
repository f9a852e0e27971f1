package io.queuelens.kpi.control;

import io.queuelens.kpi.entity.AgentFigures;
import io.queuelens.kpi.entity.AgentTotals;
import io.queuelens.kpi.entity.KpiSettings;
import io.queuelens.kpi.entity.QueueFigures;
import io.queuelens.kpi.entity.QueueTotals;
import io.queuelens.kpi.entity.SlaMode;

import java.util.Map;
import java.util.TreeMap;

/**
 * The one place figures are computed, from additive totals: live "today", reports, exports, alerts
 * and payouts all call this, so a number never differs between screens. Each expression here is the
 * one {@link Formulas} prints; the two are kept side by side on purpose.
 */
public final class KpiCalculator {

    private KpiCalculator() {
    }

    /**
     * Queue figures. Only {@code slaMode} is read from {@code settings}: everything that depends on
     * thresholds was decided when the visits were bucketed (see {@link QueueTotals#ofVisit}).
     */
    public static QueueFigures queueFigures(QueueTotals t, KpiSettings settings) {
        long slaDenominator = settings.slaMode() == SlaMode.OFFERED ? t.offered() - t.shortAbandoned() : t.answered();
        return new QueueFigures(
                t.offered(), t.answered(), t.abandoned(), t.shortAbandoned(), t.unanswered(), t.answeredInSla(),
                percent(t.answeredInSla(), slaDenominator),
                percent(t.answered(), t.offered()),
                percent(t.abandoned(), t.offered() - t.shortAbandoned()),
                mean(t.waitAnswered(), t.answered()),
                mean(t.waitAbandoned(), t.abandoned()),
                t.ended() == 0 ? null : (double) t.maxWait(),
                mean(t.talk(), t.answered()),
                mean(t.talk() + t.hold() + t.acw(), t.answered()),
                t.transferred(),
                percent(t.repeat(), t.answered()),
                t.firstVisits());
    }

    /** Agent figures; {@code billablePauseReasons} decides which paused time counts as work. */
    public static AgentFigures agentFigures(AgentTotals t, KpiSettings settings) {
        long billable = 0;
        Map<String, Double> byReason = new TreeMap<>();
        for (Map.Entry<String, Long> e : t.pausedMillisByReason().entrySet()) {
            byReason.put(e.getKey(), seconds(e.getValue()));
            if (settings.isBillable(e.getKey())) {
                billable += e.getValue();
            }
        }
        long paused = t.pausedMillis();
        long ready = t.loggedInMillis() - paused;
        return new AgentFigures(
                seconds(t.loggedInMillis()), seconds(paused), byReason, seconds(billable), seconds(paused - billable),
                seconds(ready), t.answered(), seconds(t.talkMillis()), seconds(t.holdMillis()),
                seconds(t.acwMillis()), t.ringNoAnswer(),
                percent(t.talkMillis() + t.holdMillis() + t.acwMillis(), ready + billable),
                percent(t.talkMillis(), t.loggedInMillis()));
    }

    /** 100 * numerator / denominator, or null when there is nothing to divide by. */
    static Double percent(long numerator, long denominator) {
        return denominator <= 0 ? null : 100.0 * numerator / denominator;
    }

    static Double mean(long sum, long count) {
        return count <= 0 ? null : (double) sum / count;
    }

    private static double seconds(long millis) {
        return millis / 1000.0;
    }
}
