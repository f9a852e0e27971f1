package io.queuelens.kpi.control;

import io.queuelens.calls.entity.AgentPause;
import io.queuelens.calls.entity.QueueVisit;
import io.queuelens.kpi.entity.KpiSettings;
import io.queuelens.kpi.entity.QueueFigures;
import io.queuelens.kpi.entity.QueueTotals;
import io.queuelens.kpi.entity.SlaMode;
import io.queuelens.rollups.control.AfterCallWorkMatcher;
import io.queuelens.rollups.control.PeriodRollup;
import io.queuelens.rollups.control.Periods;
import io.queuelens.rollups.control.QueueRollups;
import io.queuelens.rollups.entity.PeriodUnit;
import io.queuelens.rollups.entity.QueuePeriodTotals;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static io.queuelens.calls.entity.Outcome.ABANDONED;
import static io.queuelens.calls.entity.Outcome.EXIT_EMPTY;
import static io.queuelens.calls.entity.Outcome.EXIT_KEY;
import static io.queuelens.calls.entity.Outcome.TIMEOUT;
import static io.queuelens.rollups.TestVisits.answered;
import static io.queuelens.rollups.TestVisits.open;
import static io.queuelens.rollups.TestVisits.pause;
import static io.queuelens.rollups.TestVisits.unanswered;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One small day, 2026-03-10 UTC, two queues, every figure worked out by hand below. The visits go
 * through the whole pipeline (ACW matching, incremental rollups in reverse order so repeats are
 * learnt out of order, daily periods, the calculator).
 *
 * <pre>
 * settings: slaSeconds 20, shortAbandonSeconds 5, repeatWindowHours 24, acwMatchSeconds 5, billable ACW+Training
 *
 * support
 *  c1  09:10:00 ANSWERED wait 10 talk 300 hold 20 A1, ends 09:15:10; ACW pause 09:15:12-09:16:12 (2 s later) = 60
 *      caller +491111 calls again (c9, 15:00) -> repeat
 *  c2  09:02:00 ANSWERED wait 35 (over SLA) talk 120, transferred; A2's Training pause right after is not ACW
 *  c3  09:10:00 ABANDONED wait 3  -> short
 *  c4  09:20:00 ABANDONED wait 50
 *  c5  09:25:00 TIMEOUT   wait 300 -> the day's maxWait
 *  c6  09:40:00 EXIT_KEY  wait 15
 *  c7  10:00:00 TIMEOUT   wait 60, overflows to sales (visit 2 there)
 *  c8  11:00:00 ANSWERED wait 20 (= target, within) talk 60 A1; ACW pause 10 s after the end: not matched
 *  c9  15:00:00 ABANDONED wait 30 (caller +491111 again)
 * sales
 *  c7/2 10:01:00 ANSWERED wait 8 talk 200 B1, ends 10:04:28; ACW 10:04:30-10:05:00 = 30
 *  c10 12:00:00 ANSWERED wait 5 talk 100 hold 10 B1, ends 12:01:45; ACW 12:01:45-12:02:30 = 45
 *  c11 12:30:00 ABANDONED wait 4  -> short (anonymous caller)
 *  c12 13:00:00 ANSWERED wait 25 talk 90 B2, ends 13:01:55; same caller again next day 13:05 (c13):
 *      3 minutes after the 24 h window -> not a repeat
 *  c14 16:00:00 EXIT_EMPTY wait 0
 *  c15 23:50:00 OPEN (still waiting)
 * </pre>
 */
class HandComputedDayTest {

    private static final KpiSettings OFFERED = KpiSettings.builder().tenantVersion(1)
            .billablePauseReasons("ACW", "Training").build();
    private static final KpiSettings ANSWERED = OFFERED.toBuilder().slaMode(SlaMode.ANSWERED).build();

    private Map<String, List<QueuePeriodTotals>> byQueue;
    private QueueTotals both;

    @BeforeEach
    void rollUpTheDay() {
        List<QueueVisit> visits = List.of(
                answered("c1", 1, "support", "+491111", "2026-03-10T09:10:00Z", 10, 300, 20, "A1", false),
                answered("c2", 1, "support", "+492222", "2026-03-10T09:02:00Z", 35, 120, 0, "A2", true),
                unanswered("c3", 1, "support", "+493333", "2026-03-10T09:10:00Z", ABANDONED, 3),
                unanswered("c4", 1, "support", "+494444", "2026-03-10T09:20:00Z", ABANDONED, 50),
                unanswered("c5", 1, "support", "+495555", "2026-03-10T09:25:00Z", TIMEOUT, 300),
                unanswered("c6", 1, "support", "+496666", "2026-03-10T09:40:00Z", EXIT_KEY, 15),
                unanswered("c7", 1, "support", "+497777", "2026-03-10T10:00:00Z", TIMEOUT, 60),
                answered("c8", 1, "support", "+498888", "2026-03-10T11:00:00Z", 20, 60, 0, "A1", false),
                unanswered("c9", 1, "support", "+491111", "2026-03-10T15:00:00Z", ABANDONED, 30),
                answered("c7", 2, "sales", "+497777", "2026-03-10T10:01:00Z", 8, 200, 0, "B1", false),
                answered("c10", 1, "sales", "+49100", "2026-03-10T12:00:00Z", 5, 100, 10, "B1", false),
                unanswered("c11", 1, "sales", null, "2026-03-10T12:30:00Z", ABANDONED, 4),
                answered("c12", 1, "sales", "+49120", "2026-03-10T13:00:00Z", 25, 90, 0, "B2", false),
                unanswered("c13", 1, "sales", "+49120", "2026-03-11T13:05:00Z", ABANDONED, 9),
                unanswered("c14", 1, "sales", "+49140", "2026-03-10T16:00:00Z", EXIT_EMPTY, 0),
                open("c15", 1, "sales", "+49150", "2026-03-10T23:50:00Z"));
        List<AgentPause> pauses = List.of(
                pause("A1", "ACW", "2026-03-10T09:15:12Z", "2026-03-10T09:16:12Z"),
                pause("A2", "Training", "2026-03-10T09:04:36Z", "2026-03-10T09:30:00Z"),
                pause("A1", "ACW", "2026-03-10T11:01:30Z", "2026-03-10T11:02:00Z"),
                pause("B1", "acw", "2026-03-10T10:04:30Z", "2026-03-10T10:05:00Z"),
                pause("B1", "ACW", "2026-03-10T12:01:45Z", "2026-03-10T12:02:30Z"));
        Map<String, Integer> acw = AfterCallWorkMatcher.acwSeconds(visits, pauses, v -> OFFERED);
        assertThat(acw).containsOnly(Map.entry("acme|demo|c1|1", 60), Map.entry("acme|demo|c7|2", 30),
                Map.entry("acme|demo|c10|1", 45));

        QueueRollups rollups = new QueueRollups(new KpiSettingsHistory(List.of(OFFERED), List.of()));
        List<QueueVisit> reversed = new ArrayList<>(visits);
        Collections.reverse(reversed); // c9 arrives before c1: c1's repeat flag is set when c1 arrives
        reversed.forEach(v -> rollups.upsert(v, acw.getOrDefault(v.naturalKey(), 0)));

        LocalDate day = LocalDate.of(2026, 3, 10);
        Periods periods = Periods.ofLocalDates(day, day.plusDays(1), ZoneOffset.UTC, PeriodUnit.P1D);
        byQueue = PeriodRollup.sumByQueue(periods, rollups.buckets());
        both = PeriodRollup.total(PeriodRollup.sumQueues(periods, rollups.buckets()));
    }

    @Test
    void support() {
        QueueTotals t = byQueue.get("support").get(0).totals();
        QueueFigures f = KpiCalculator.queueFigures(t, OFFERED);
        assertThat(f.offered()).isEqualTo(9);          // c1..c9
        assertThat(f.answered()).isEqualTo(3);         // c1, c2, c8
        assertThat(f.abandoned()).isEqualTo(2);        // c4, c9 (c3 is short)
        assertThat(f.shortAbandoned()).isEqualTo(1);   // c3
        assertThat(f.unanswered()).isEqualTo(6);       // 2 + 1 abandons, 2 timeouts, 1 exit key
        assertThat(f.answeredInSla()).isEqualTo(2);    // c1 (10 s), c8 (20 s = target)
        assertThat(f.serviceLevel()).isEqualTo(100.0 * 2 / 8);            // 2 / (9 - 1) = 25 %
        assertThat(KpiCalculator.queueFigures(t, ANSWERED).serviceLevel())
                .isEqualTo(100.0 * 2 / 3);                                // 2 / 3 answered = 66.67 %
        assertThat(f.answerRate()).isEqualTo(100.0 * 3 / 9);              // 33.33 %
        assertThat(f.abandonRate()).isEqualTo(25.0);                      // 2 / (9 - 1)
        assertThat(f.asa()).isEqualTo(65.0 / 3);                          // (10 + 35 + 20) / 3 = 21.67 s
        assertThat(f.avgAbandonWait()).isEqualTo(40.0);                   // (50 + 30) / 2
        assertThat(f.maxWait()).isEqualTo(300.0);                         // c5
        assertThat(f.avgTalk()).isEqualTo(160.0);                         // (300 + 120 + 60) / 3
        assertThat(f.aht()).isEqualTo(560.0 / 3);                         // (480 talk + 20 hold + 60 acw) / 3 = 186.67 s
        assertThat(f.transferred()).isEqualTo(1);                         // c2
        assertThat(f.repeatRate()).isEqualTo(100.0 / 3);                  // c1 of 3 answered
        assertThat(f.uniqueCalls()).isEqualTo(9);                         // c1..c9 all entered support first
    }

    @Test
    void sales() {
        QueueTotals t = byQueue.get("sales").get(0).totals();
        QueueFigures f = KpiCalculator.queueFigures(t, OFFERED);
        assertThat(f.offered()).isEqualTo(6);          // c7/2, c10, c11, c12, c14, c15 (c13 is tomorrow)
        assertThat(f.answered()).isEqualTo(3);         // c7/2, c10, c12
        assertThat(f.abandoned()).isZero();
        assertThat(f.shortAbandoned()).isEqualTo(1);   // c11
        assertThat(f.unanswered()).isEqualTo(2);       // c11, c14; c15 is still open: neither
        assertThat(t.open()).isEqualTo(1);
        assertThat(f.answeredInSla()).isEqualTo(2);    // 8 s, 5 s (c12 waited 25)
        assertThat(f.serviceLevel()).isEqualTo(40.0);                     // 2 / (6 - 1)
        assertThat(KpiCalculator.queueFigures(t, ANSWERED).serviceLevel()).isEqualTo(100.0 * 2 / 3);
        assertThat(f.answerRate()).isEqualTo(50.0);                       // 3 / 6
        assertThat(f.abandonRate()).isEqualTo(0.0);                       // 0 / 5: a real 0, not "no data"
        assertThat(f.asa()).isEqualTo(38.0 / 3);                          // (8 + 5 + 25) / 3
        assertThat(f.avgAbandonWait()).isNull();                          // no (non-short) abandons
        assertThat(f.maxWait()).isEqualTo(25.0);                          // c12; the open c15 has no final wait
        assertThat(f.avgTalk()).isEqualTo(130.0);                         // (200 + 100 + 90) / 3
        assertThat(f.aht()).isEqualTo(475.0 / 3);                         // (390 + 10 hold + 30 + 45 acw) / 3
        assertThat(f.transferred()).isZero();
        assertThat(f.repeatRate()).isEqualTo(0.0);                        // c12's caller returned too late
        assertThat(f.uniqueCalls()).isEqualTo(5);                         // c7 counted in support, where it entered
    }

    @Test
    void wholeContactCenter() {
        QueueFigures f = KpiCalculator.queueFigures(both, OFFERED);
        assertThat(f.offered()).isEqualTo(15);
        assertThat(f.answered()).isEqualTo(6);
        assertThat(f.shortAbandoned()).isEqualTo(2);
        assertThat(f.serviceLevel()).isEqualTo(100.0 * 4 / 13);           // (2 + 2) / (15 - 2) = 30.77 %
        assertThat(KpiCalculator.queueFigures(both, ANSWERED).serviceLevel()).isEqualTo(100.0 * 4 / 6);
        assertThat(f.abandonRate()).isEqualTo(100.0 * 2 / 13);            // 15.38 %
        assertThat(f.asa()).isEqualTo(103.0 / 6);                         // (65 + 38) / 6
        assertThat(f.avgAbandonWait()).isEqualTo(40.0);
        assertThat(f.maxWait()).isEqualTo(300.0);
        assertThat(f.aht()).isEqualTo(172.5);                             // (870 + 30 + 135) / 6 = 1035 / 6
        assertThat(f.repeatRate()).isEqualTo(100.0 / 6);
        assertThat(f.uniqueCalls()).isEqualTo(14);                        // 15 visits today, c7 twice
        assertThat(byQueue.get("support").get(0).settingsVersions()).containsExactly("t1");
    }
}
