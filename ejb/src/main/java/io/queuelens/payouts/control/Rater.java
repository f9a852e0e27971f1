package io.queuelens.payouts.control;

import io.queuelens.kpi.entity.AgentFigures;
import io.queuelens.payouts.entity.AgentDayFigures;
import io.queuelens.payouts.entity.PayoutLine;
import io.queuelens.payouts.entity.RateCard;
import io.queuelens.payouts.entity.TalkRounding;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prices one agent-day with a rate card. Every line's amount is rounded HALF_UP to cents on its own,
 * and the total is the sum of the rounded lines, so the lines on the page always add up to the total.
 * Time quantities are computed from exact seconds (the figures are exact to the millisecond) and
 * shown to 4 decimals; the amount is rate x exact time, not rate x the shown quantity. A component
 * whose rate is zero makes no line.
 */
public final class Rater {

    private static final BigDecimal SIXTY = BigDecimal.valueOf(60);
    private static final BigDecimal HOUR = BigDecimal.valueOf(3600);

    private Rater() {
    }

    public static List<PayoutLine> lines(RateCard card, AgentDayFigures day) {
        AgentFigures f = day.figures();
        List<PayoutLine> lines = new ArrayList<>();
        if (nonZero(card.perAnswered())) {
            add(lines, "ANSWERED", null, BigDecimal.valueOf(f.answered()), "calls", card.perAnswered(),
                    card.perAnswered().multiply(BigDecimal.valueOf(f.answered())));
        }
        if (nonZero(card.perTalkMinute())) {
            if (card.talkRounding() == TalkRounding.PER_STARTED_MINUTE) {
                BigDecimal minutes = BigDecimal.valueOf(day.startedTalkMinutes());
                add(lines, "TALK", "per started minute", minutes, "min", card.perTalkMinute(),
                        card.perTalkMinute().multiply(minutes));
            } else {
                BigDecimal seconds = seconds(f.talk());
                add(lines, "TALK", "per second", seconds.divide(SIXTY, 4, RoundingMode.HALF_UP), "min",
                        card.perTalkMinute(), card.perTalkMinute().multiply(seconds).divide(SIXTY, 10, RoundingMode.HALF_UP));
            }
        }
        if (nonZero(card.perReadyHour())) {
            addHours(lines, "READY", null, seconds(f.ready()), card.perReadyHour());
        }
        for (Map.Entry<String, BigDecimal> pause : card.pauseRates().entrySet()) {
            if (nonZero(pause.getValue())) {
                addHours(lines, "PAUSE", pause.getKey(), seconds(f.pausedByReason().getOrDefault(pause.getKey(), 0.0)),
                        pause.getValue());
            }
        }
        if (card.slTargetPercent() != null && nonZero(card.slBonus()) && day.serviceLevel() != null
                && BigDecimal.valueOf(day.serviceLevel()).compareTo(card.slTargetPercent()) >= 0) {
            add(lines, "SL_BONUS", "service level " + BigDecimal.valueOf(day.serviceLevel()).setScale(1, RoundingMode.HALF_UP)
                    + " % >= " + card.slTargetPercent().stripTrailingZeros().toPlainString() + " %", BigDecimal.ONE, "bonus",
                    card.slBonus(), card.slBonus());
        }
        if (card.answeredTarget() != null && nonZero(card.answeredBonus()) && f.answered() >= card.answeredTarget()) {
            add(lines, "ANSWERED_BONUS", "answered " + f.answered() + " >= " + card.answeredTarget(), BigDecimal.ONE, "bonus",
                    card.answeredBonus(), card.answeredBonus());
        }
        if (nonZero(card.perRingNoAnswer())) {
            add(lines, "RING_NO_ANSWER", null, BigDecimal.valueOf(f.ringNoAnswer()), "rings", card.perRingNoAnswer(),
                    card.perRingNoAnswer().multiply(BigDecimal.valueOf(f.ringNoAnswer())).negate());
        }
        return lines;
    }

    public static BigDecimal total(List<PayoutLine> lines) {
        return lines.stream().map(PayoutLine::amount).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }

    private static void addHours(List<PayoutLine> lines, String component, String detail, BigDecimal seconds, BigDecimal rate) {
        add(lines, component, detail, seconds.divide(HOUR, 4, RoundingMode.HALF_UP), "h", rate,
                rate.multiply(seconds).divide(HOUR, 10, RoundingMode.HALF_UP));
    }

    private static void add(List<PayoutLine> lines, String component, String detail, BigDecimal quantity, String unit,
                            BigDecimal rate, BigDecimal exactAmount) {
        lines.add(new PayoutLine(lines.size() + 1, component, detail, quantity, unit, rate,
                exactAmount.setScale(2, RoundingMode.HALF_UP)));
    }

    /** Seconds exact to the millisecond: the figures are millisecond sums divided by 1000. */
    private static BigDecimal seconds(double seconds) {
        return BigDecimal.valueOf(Math.round(seconds * 1000)).movePointLeft(3);
    }

    private static boolean nonZero(BigDecimal v) {
        return v != null && v.signum() != 0;
    }
}
