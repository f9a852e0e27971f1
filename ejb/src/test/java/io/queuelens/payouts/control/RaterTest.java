package io.queuelens.payouts.control;

import io.queuelens.kpi.control.KpiCalculator;
import io.queuelens.kpi.entity.AgentTotals;
import io.queuelens.kpi.entity.KpiSettings;
import io.queuelens.payouts.entity.AgentDayFigures;
import io.queuelens.payouts.entity.PayoutLine;
import io.queuelens.payouts.entity.RateCard;
import io.queuelens.payouts.entity.TalkRounding;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A small day priced by hand. Agent 1001: logged in 8 h = 28,800 s; paused 30 min Lunch + 45 min
 * Training; so ready = 28,800 - 4,500 = 24,300 s = 6.75 h. 42 answered calls, talk 2 h 17 min 13.5 s =
 * 8,233.5 s (= 137.225 min), 161 started talk minutes (each call rounded up), 3 ring-no-answers,
 * service level 85.7 %. Every expected amount below is computed by hand in the comment above it.
 */
class RaterTest {

    private static final AgentTotals TOTALS = new AgentTotals(28_800_000L,
            Map.of("Lunch", 1_800_000L, "Training", 2_700_000L), 8_233_500L, 600_000L, 0L, 42L, 3L);
    private static final AgentDayFigures DAY = new AgentDayFigures(
            KpiCalculator.agentFigures(TOTALS, KpiSettings.DEFAULTS), 161L, 85.71428571428571);

    private static RateCard card(TalkRounding rounding, BigDecimal slTarget, Integer answeredTarget) {
        return new RateCard(1, "t", "standard", "1001", null, LocalDate.of(2026, 1, 1), null,
                new BigDecimal("0.35"), new BigDecimal("0.0725"), rounding, new BigDecimal("9.80"),
                Map.of("Training", new BigDecimal("7.50")), slTarget, new BigDecimal("5.00"), answeredTarget,
                new BigDecimal("2.50"), new BigDecimal("0.40"));
    }

    @Test
    void perSecondTalkAndBothBonusesMatchTheHandComputation() {
        List<PayoutLine> lines = Rater.lines(card(TalkRounding.PER_SECOND, new BigDecimal("80"), 40), DAY);
        // answered: 42 x 0.35 = 14.70
        // talk: 8,233.5 s / 60 = 137.225 min x 0.0725 = 9.9488125 -> 9.95
        // ready: 24,300 s = 6.75 h x 9.80 = 66.15
        // training pause: 2,700 s = 0.75 h x 7.50 = 5.625 -> 5.63 (HALF_UP); Lunch has no rate: no line
        // SL bonus: 85.7 % >= 80 % -> 5.00; answered bonus: 42 >= 40 -> 2.50
        // ring-no-answer: 3 x 0.40 = -1.20
        assertThat(lines).extracting(PayoutLine::component).containsExactly("ANSWERED", "TALK", "READY", "PAUSE",
                "SL_BONUS", "ANSWERED_BONUS", "RING_NO_ANSWER");
        assertThat(lines).extracting(l -> l.amount().toPlainString()).containsExactly("14.70", "9.95", "66.15", "5.63",
                "5.00", "2.50", "-1.20");
        assertThat(lines.get(1).quantity()).isEqualByComparingTo("137.2250");
        assertThat(lines.get(2).quantity()).isEqualByComparingTo("6.75");
        assertThat(lines.get(3).detail()).isEqualTo("Training");
        // 14.70 + 9.95 + 66.15 + 5.63 + 5.00 + 2.50 - 1.20 = 102.73
        assertThat(Rater.total(lines).toPlainString()).isEqualTo("102.73");
    }

    @Test
    void startedMinutesPriceWholeMinutesAndMissedTargetsPayNoBonus() {
        List<PayoutLine> lines = Rater.lines(card(TalkRounding.PER_STARTED_MINUTE, new BigDecimal("90"), 43), DAY);
        // talk: 161 started minutes x 0.0725 = 11.6725 -> 11.67; SL 85.7 % < 90 %; 42 < 43
        assertThat(lines).extracting(PayoutLine::component).containsExactly("ANSWERED", "TALK", "READY", "PAUSE",
                "RING_NO_ANSWER");
        assertThat(lines.get(1).amount().toPlainString()).isEqualTo("11.67");
        // 14.70 + 11.67 + 66.15 + 5.63 - 1.20 = 96.95
        assertThat(Rater.total(lines).toPlainString()).isEqualTo("96.95");
    }

    @Test
    void aDayWithoutAnsweredCallsHasNoServiceLevelBonusAndZeroRatesMakeNoLines() {
        AgentDayFigures idle = new AgentDayFigures(KpiCalculator.agentFigures(
                new AgentTotals(3_600_000L, Map.of(), 0, 0, 0, 0, 0), KpiSettings.DEFAULTS), 0, null);
        RateCard onlyReady = new RateCard(2, "t", "ready only", null, 7L, LocalDate.of(2026, 1, 1), null,
                BigDecimal.ZERO, BigDecimal.ZERO, TalkRounding.PER_SECOND, new BigDecimal("12.345"), Map.of(),
                BigDecimal.ZERO, new BigDecimal("5"), null, BigDecimal.ZERO, BigDecimal.ZERO);
        List<PayoutLine> lines = Rater.lines(onlyReady, idle);
        // 1 h x 12.345 = 12.345 -> 12.35 (HALF_UP, not banker's 12.34)
        assertThat(lines).extracting(PayoutLine::component).containsExactly("READY");
        assertThat(Rater.total(lines).toPlainString()).isEqualTo("12.35");
    }

    @Test
    void pauseRatesRoundTripThroughTheirStoredText() {
        RateCard c = card(TalkRounding.PER_SECOND, null, null);
        assertThat(RateCard.parsePauseRates("Training=7.50; ACW = 3")).containsEntry("Training", new BigDecimal("7.50"))
                .containsEntry("ACW", new BigDecimal("3"));
        assertThat(RateCard.parsePauseRates(c.pauseRatesText())).isEqualTo(c.pauseRates());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RateCard.parsePauseRates("Training"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
