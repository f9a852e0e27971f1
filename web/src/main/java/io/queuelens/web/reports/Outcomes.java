package io.queuelens.web.reports;

import io.queuelens.kpi.control.Formulas;
import io.queuelens.kpi.entity.KpiSettings;
import io.queuelens.kpi.entity.QueueTotals;
import io.queuelens.web.i18n.Messages;

import java.util.List;
import java.util.Map;

/**
 * The ways a visit ends (KPI.md, "Call outcome") as the pages count them, from a row's additive
 * totals, each with the formula its tooltip shows. Abandons are split at shortAbandonSeconds.
 */
final class Outcomes {

    /** Every unanswered outcome, in KPI.md's order; they add up to {@code unanswered}. */
    static final List<String> UNANSWERED = List.of("abandoned", "shortAbandoned", "timeout", "exitKey", "exitEmpty",
            "withdrawn", "lost");

    /** Every outcome of an offered visit: they add up to offered. */
    static final List<String> ALL = List.of("answered", "abandoned", "shortAbandoned", "timeout", "exitKey", "exitEmpty",
            "withdrawn", "lost", "open");

    private static final Map<String, String> COUNTED_AS = Map.of(
            "timeout", "timeout = count(outcome = TIMEOUT)",
            "exitKey", "exitKey = count(outcome = EXIT_KEY)",
            "exitEmpty", "exitEmpty = count(outcome = EXIT_EMPTY)",
            "withdrawn", "withdrawn = count(outcome = WITHDRAWN)",
            "lost", "lost = count(outcome = LOST)",
            "open", "open = count(outcome = OPEN)");

    /** Bundle keys: {@code rpages.outcome.<outcome>} and {@code rpages.outcome.<outcome>.definition}. */
    private static final String KEY = "rpages.outcome.";

    private Outcomes() {
    }

    /** The outcome's name in the page's language. */
    static String label(String outcome) {
        return Messages.text(KEY + outcome);
    }

    /** The formula tooltip: the expression, then what it counts in the page's language. */
    static String tooltip(String outcome) {
        return expression(outcome) + "\n" + Messages.text(KEY + outcome + ".definition");
    }

    static long count(QueueTotals t, String outcome) {
        return switch (outcome) {
            case "answered" -> t.answered();
            case "abandoned" -> t.abandoned();
            case "shortAbandoned" -> t.shortAbandoned();
            case "timeout" -> t.timeout();
            case "exitKey" -> t.exitKey();
            case "exitEmpty" -> t.exitEmpty();
            case "withdrawn" -> t.withdrawn();
            case "lost" -> t.lost();
            case "open" -> t.open();
            case "unanswered" -> t.unanswered();
            default -> throw new IllegalArgumentException(outcome);
        };
    }

    /**
     * The expression of an outcome count: the KPI formula where KPI.md defines one, else the count
     * of the outcome; the translated explanation is added by the page.
     */
    static String expression(String outcome) {
        var f = Formulas.queue(KpiSettings.DEFAULTS).get(outcome);
        return f != null ? f.render(KpiSettings.DEFAULTS) : COUNTED_AS.get(outcome);
    }
}
