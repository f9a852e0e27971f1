package io.queuelens.kpi.control;

import io.queuelens.kpi.entity.AgentFigures;
import io.queuelens.kpi.entity.AgentTotals;
import io.queuelens.kpi.entity.Formula;
import io.queuelens.kpi.entity.KpiSettings;
import io.queuelens.kpi.entity.QueueFigures;
import io.queuelens.kpi.entity.QueueTotals;
import io.queuelens.kpi.entity.SlaMode;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KpiCalculatorTest {

    @Test
    void emptyDenominatorsGiveNullNotZero() {
        QueueFigures f = KpiCalculator.queueFigures(QueueTotals.ZERO, KpiSettings.DEFAULTS);
        assertThat(f.offered()).isZero();
        assertThat(f.serviceLevel()).isNull();
        assertThat(f.answerRate()).isNull();
        assertThat(f.abandonRate()).isNull();
        assertThat(f.asa()).isNull();
        assertThat(f.avgAbandonWait()).isNull();
        assertThat(f.maxWait()).isNull();
        assertThat(f.avgTalk()).isNull();
        assertThat(f.aht()).isNull();
        assertThat(f.repeatRate()).isNull();
    }

    @Test
    void onlyShortAbandonsLeaveTheOfferedServiceLevelUndefined() {
        // two short abandons: offered - shortAbandoned = 0
        QueueTotals t = new QueueTotals(2, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 3, 1);
        QueueFigures f = KpiCalculator.queueFigures(t, KpiSettings.DEFAULTS);
        assertThat(f.serviceLevel()).isNull();
        assertThat(f.abandonRate()).isNull();
        assertThat(f.answerRate()).isEqualTo(0.0);
        assertThat(f.unanswered()).isEqualTo(2);
        assertThat(f.maxWait()).isEqualTo(3.0);
        assertThat(KpiCalculator.queueFigures(t, KpiSettings.builder().slaMode(SlaMode.ANSWERED).build()).serviceLevel()).isNull();
    }

    @Test
    void agentFiguresByHand() {
        // 8 h logged in; paused 30 min Lunch, 20 min ACW, 10 min Training; talk 4 h, hold 10 min, acw 20 min
        AgentTotals t = new AgentTotals(8 * 3_600_000L,
                Map.of("Lunch", 1_800_000L, "ACW", 1_200_000L, "Training", 600_000L),
                4 * 3_600_000L, 600_000L, 1_200_000L, 40, 3);
        AgentFigures f = KpiCalculator.agentFigures(t, KpiSettings.builder().billablePauseReasons("ACW", "Training").build());
        assertThat(f.loggedIn()).isEqualTo(28_800.0);
        assertThat(f.paused()).isEqualTo(3_600.0);
        assertThat(f.pausedByReason()).containsExactly(Map.entry("ACW", 1_200.0), Map.entry("Lunch", 1_800.0),
                Map.entry("Training", 600.0));
        assertThat(f.billablePaused()).isEqualTo(1_800.0);
        assertThat(f.nonBillablePaused()).isEqualTo(1_800.0);
        assertThat(f.ready()).isEqualTo(25_200.0);                       // 8 h - 1 h
        // (14400 + 600 + 1200) / (25200 + 1800) = 16200 / 27000 = 60 %
        assertThat(f.occupancy()).isEqualTo(60.0);
        assertThat(f.utilization()).isEqualTo(50.0);                      // 4 h / 8 h
        assertThat(f.answered()).isEqualTo(40);
        assertThat(f.ringNoAnswer()).isEqualTo(3);
        assertThat(KpiCalculator.agentFigures(AgentTotals.ZERO, KpiSettings.DEFAULTS).occupancy()).isNull();
    }

    @Test
    void everyFigureHasAFormulaAndTheFormulaNamesTheSettingsUsed() {
        KpiSettings s = KpiSettings.builder().tenantVersion(3).slaSeconds(30).build();
        QueueFigures q = KpiCalculator.queueFigures(QueueTotals.ZERO, s);
        assertThat(Formulas.queue(s).keySet()).containsExactlyElementsOf(q.asMap().keySet());
        AgentFigures a = KpiCalculator.agentFigures(AgentTotals.ZERO, s);
        assertThat(Formulas.agent(s).keySet()).containsExactlyElementsOf(a.asMap().keySet());

        Formula sl = Formulas.queue(s).get("serviceLevel");
        assertThat(sl.render(s)).isEqualTo("serviceLevel = 100 * answeredInSla / (offered - shortAbandoned)"
                + " [slaMode=OFFERED, slaSeconds=30, shortAbandonSeconds=5; settings t3]");
        KpiSettings answered = s.toBuilder().slaMode(SlaMode.ANSWERED).build();
        assertThat(Formulas.find("serviceLevel", answered).orElseThrow().render(answered))
                .isEqualTo("serviceLevel = 100 * answeredInSla / answered [slaMode=ANSWERED, slaSeconds=30; settings t3]");
        assertThat(Formulas.find("occupancy", s).orElseThrow().expression())
                .isEqualTo("occupancy = 100 * (talk + hold + acw) / (ready + billablePaused)");
        assertThat(Formulas.find("nope", s)).isEmpty();
    }
}
