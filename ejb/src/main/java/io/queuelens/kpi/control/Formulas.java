package io.queuelens.kpi.control;

import io.queuelens.kpi.entity.Formula;
import io.queuelens.kpi.entity.KpiSettings;
import io.queuelens.kpi.entity.SlaMode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The formula behind every figure, keyed by figure name, in the order of {@code QueueFigures.asMap()}
 * and {@code AgentFigures.asMap()}. The expressions match {@link KpiCalculator} term for term.
 */
public final class Formulas {

    private static final String NULL_NOTE = " Empty (—) when the denominator is 0.";

    private Formulas() {
    }

    /** Queue formulas; the service level's expression depends on the settings' slaMode. */
    public static Map<String, Formula> queue(KpiSettings s) {
        Map<String, Formula> m = new LinkedHashMap<>();
        put(m, "offered", "offered = count(visits)",
                "Queue visits (ENTERQUEUE), counted in the interval the caller entered the queue; still-waiting visits included.");
        put(m, "answered", "answered = count(outcome = ANSWERED)", "Visits an agent answered (CONNECT).");
        put(m, "abandoned", "abandoned = count(outcome = ABANDONED and wait >= shortAbandonSeconds)",
                "Callers who hung up while waiting, short abandons excluded.", "shortAbandonSeconds");
        put(m, "shortAbandoned", "shortAbandoned = count(outcome = ABANDONED and wait < shortAbandonSeconds)",
                "Callers who hung up before the short-abandon threshold.", "shortAbandonSeconds");
        put(m, "unanswered", "unanswered = abandoned + shortAbandoned + timeout + exitKey + exitEmpty + withdrawn + lost",
                "Ended visits not answered. Visits still waiting are neither answered nor unanswered.");
        put(m, "answeredInSla", "answeredInSla = count(outcome = ANSWERED and wait <= slaSeconds)",
                "Visits answered within the target.", "slaSeconds");
        if (s.slaMode() == SlaMode.OFFERED) {
            put(m, "serviceLevel", "serviceLevel = 100 * answeredInSla / (offered - shortAbandoned)",
                    "Share of offered calls, short abandons excluded, answered within the target." + NULL_NOTE,
                    "slaMode", "slaSeconds", "shortAbandonSeconds");
        } else {
            put(m, "serviceLevel", "serviceLevel = 100 * answeredInSla / answered",
                    "Share of answered calls answered within the target." + NULL_NOTE, "slaMode", "slaSeconds");
        }
        put(m, "answerRate", "answerRate = 100 * answered / offered", "Share of visits answered." + NULL_NOTE);
        put(m, "abandonRate", "abandonRate = 100 * abandoned / (offered - shortAbandoned)",
                "Share of visits abandoned, short abandons excluded from both sides." + NULL_NOTE, "shortAbandonSeconds");
        put(m, "asa", "asa = sum(wait of answered) / answered", "Average speed of answer, seconds." + NULL_NOTE);
        put(m, "avgAbandonWait", "avgAbandonWait = sum(wait of abandoned) / abandoned",
                "Mean wait before hanging up, seconds, short abandons excluded (like abandoned)." + NULL_NOTE,
                "shortAbandonSeconds");
        put(m, "maxWait", "maxWait = max(wait of every ended visit)",
                "Longest wait, seconds, answered or not. Empty when no visit has ended.");
        put(m, "avgTalk", "avgTalk = sum(talk of answered) / answered", "Mean talk time, seconds." + NULL_NOTE);
        put(m, "aht", "aht = (sum(talk) + sum(hold) + sum(acw)) / answered",
                "Average handle time, seconds; acw is the duration of the billable ACW pause starting within "
                        + "acwMatchSeconds of the call's end (or the source's wrap-up time)." + NULL_NOTE,
                "acwMatchSeconds", "billablePauseReasons");
        put(m, "transferred", "transferred = count(answered and transferred)",
                "Answered visits that ended in a blind or attended transfer.");
        put(m, "repeatRate", "repeatRate = 100 * repeat / answered",
                "repeat = answered visits whose caller number called again (another call, any queue) within "
                        + "repeatWindowHours of the visit's end; first-contact resolution = 100 - repeatRate. "
                        + "Anonymous numbers never repeat." + NULL_NOTE, "repeatWindowHours");
        put(m, "uniqueCalls", "uniqueCalls = count(visits with visitSeq = 1)",
                "Distinct calls: a call overflowing from queue A to B is two visits but one call, counted in A "
                        + "where it entered first, so queues add up to the contact center's total.");
        return m;
    }

    /** Agent formulas. */
    public static Map<String, Formula> agent(KpiSettings s) {
        Map<String, Formula> m = new LinkedHashMap<>();
        put(m, "loggedIn", "loggedIn = sum(time logged in)",
                "From login (AGENTLOGIN/ADDMEMBER) to logout; being a member of several queues counts once.");
        put(m, "paused", "paused = sum(time paused while logged in)",
                "Overlapping pauses count once, under the reason of the pause that started last.");
        put(m, "pausedByReason", "pausedByReason[r] = sum(time paused with reason r)", "As logged by the PBX.");
        put(m, "billablePaused", "billablePaused = sum(pausedByReason[r] for r in billablePauseReasons)",
                "Pauses that count as work.", "billablePauseReasons");
        put(m, "nonBillablePaused", "nonBillablePaused = paused - billablePaused", "Breaks, lunch and the like.",
                "billablePauseReasons");
        put(m, "ready", "ready = loggedIn - paused", "Logged in and not paused (idle or on a call).");
        put(m, "answered", "answered = count(visits the agent answered)", "Counted when the agent answered.");
        put(m, "talk", "talk = sum(talk of answered visits)", "Seconds, placed in the intervals it happened.");
        put(m, "hold", "hold = sum(hold of answered visits)", "Seconds, spread over the call's talk.");
        put(m, "acw", "acw = sum(ACW pauses starting within acwMatchSeconds of a call's end)",
                "After-call work, seconds.", "acwMatchSeconds", "billablePauseReasons");
        put(m, "ringNoAnswer", "ringNoAnswer = count(RINGNOANSWER)", "Calls the agent let ring out.");
        put(m, "occupancy", "occupancy = 100 * (talk + hold + acw) / (ready + billablePaused)",
                "Share of available-or-working time spent handling calls." + NULL_NOTE, "billablePauseReasons");
        put(m, "utilization", "utilization = 100 * talk / loggedIn", "Share of logged-in time talking." + NULL_NOTE);
        return m;
    }

    /** The formula of one figure, queue or agent. */
    public static Optional<Formula> find(String figure, KpiSettings s) {
        Formula f = queue(s).get(figure);
        return Optional.ofNullable(f != null ? f : agent(s).get(figure));
    }

    private static void put(Map<String, Formula> m, String figure, String expression, String definition,
                            String... settings) {
        m.put(figure, new Formula(figure, expression, definition, List.of(settings)));
    }
}
