package io.queuelens.rollups.control;

import io.queuelens.calls.entity.AgentPause;
import io.queuelens.calls.entity.AgentSession;
import io.queuelens.calls.entity.QueueVisit;
import io.queuelens.kpi.control.KpiCalculator;
import io.queuelens.kpi.entity.AgentFigures;
import io.queuelens.kpi.entity.AgentTotals;
import io.queuelens.kpi.entity.KpiSettings;
import io.queuelens.rollups.entity.AgentBucket;
import io.queuelens.rollups.entity.PeriodUnit;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.queuelens.rollups.TestVisits.TENANT;
import static io.queuelens.rollups.TestVisits.answered;
import static io.queuelens.rollups.TestVisits.at;
import static io.queuelens.rollups.TestVisits.pause;
import static io.queuelens.rollups.TestVisits.session;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Agent A1 on 2026-03-10, range 08:45-11:15 UTC:
 * <pre>
 * sessions  08:50-11:10 (PBX login) and 09:30-10:00 (queue sales, overlapping: counted once) -> 8400 s
 * pauses    Break     08:40-08:52 (started before login: 120 s count)     non-billable
 *           ACW       09:15:12-09:16:12 (60 s, 2 s after c1 ended: c1's after-call work)
 *           Lunch     10:00-10:40 (2400 s)                                non-billable
 *           Training  10:50-11:00, Meeting 10:52-10:58 overlapping: Meeting (started later) owns 360 s,
 *                     Training keeps 10:50-10:52 and 10:58-11:00 = 240 s
 *           ACW       11:01:30-11:02:00 (30 s, 10 s after c8 ended: a billable pause, not c8's ACW)
 * calls     c1 09:10:10-09:15:10 talk 300 hold 20 (crosses 09:15), c8 11:00:20-11:01:20 talk 60
 * RINGNOANSWER 08:55, 10:45 (11:20 is outside the range)
 * </pre>
 */
class AgentTimelineTest {

    private static final KpiSettings SETTINGS = KpiSettings.builder().billablePauseReasons("ACW", "Training").build();
    private static final Instant FROM = at("2026-03-10T08:45:00Z");
    private static final Instant TO = at("2026-03-10T11:15:00Z");

    private final List<AgentSession> sessions = List.of(
            session("A1", "NONE", "2026-03-10T08:50:00Z", "2026-03-10T11:10:00Z"),
            session("A1", "sales", "2026-03-10T09:30:00Z", "2026-03-10T10:00:00Z"),
            session("B9", "sales", "2026-03-10T08:00:00Z", null));
    private final List<AgentPause> pauses = List.of(
            pause("A1", "Break", "2026-03-10T08:40:00Z", "2026-03-10T08:52:00Z"),
            pause("A1", "ACW", "2026-03-10T09:15:12Z", "2026-03-10T09:16:12Z"),
            pause("A1", "Lunch", "2026-03-10T10:00:00Z", "2026-03-10T10:40:00Z"),
            pause("A1", "Training", "2026-03-10T10:50:00Z", "2026-03-10T11:00:00Z"),
            pause("A1", "Meeting", "2026-03-10T10:52:00Z", "2026-03-10T10:58:00Z"),
            pause("A1", "ACW", "2026-03-10T11:01:30Z", "2026-03-10T11:02:00Z"));
    private final List<QueueVisit> visits = List.of(
            answered("c1", 1, "support", "+491111", "2026-03-10T09:10:00Z", 10, 300, 20, "A1", false),
            answered("c8", 1, "support", "+498888", "2026-03-10T11:00:00Z", 20, 60, 0, "A1", false),
            answered("c9", 1, "support", "+499999", "2026-03-10T09:00:00Z", 5, 60, 0, "B9", false));
    private final List<Instant> ringNoAnswers = List.of(at("2026-03-10T08:55:00Z"), at("2026-03-10T10:45:00Z"),
            at("2026-03-10T11:20:00Z"));

    private List<AgentBucket> buckets() {
        return AgentTimeline.buckets(TENANT, "A1", FROM, TO, sessions, pauses, visits, ringNoAnswers, SETTINGS);
    }

    @Test
    void figuresForTheRangeByHand() {
        Periods whole = Periods.of(FROM, TO, ZoneOffset.UTC, PeriodUnit.P1D);
        AgentTotals t = PeriodRollup.sumAgents(whole, buckets()).get(0);
        AgentFigures f = KpiCalculator.agentFigures(t, SETTINGS);
        assertThat(f.loggedIn()).isEqualTo(8400.0);                       // 08:50-11:10
        assertThat(f.pausedByReason()).containsExactly(Map.entry("ACW", 90.0), Map.entry("Break", 120.0),
                Map.entry("Lunch", 2400.0), Map.entry("Meeting", 360.0), Map.entry("Training", 240.0));
        assertThat(f.paused()).isEqualTo(3210.0);
        assertThat(f.billablePaused()).isEqualTo(330.0);                  // ACW 90 + Training 240
        assertThat(f.nonBillablePaused()).isEqualTo(2880.0);
        assertThat(f.ready()).isEqualTo(5190.0);                          // 8400 - 3210
        assertThat(f.answered()).isEqualTo(2);
        assertThat(f.talk()).isEqualTo(360.0);
        assertThat(f.hold()).isEqualTo(20.0);
        assertThat(f.acw()).isEqualTo(60.0);                              // only the matched ACW pause
        assertThat(f.ringNoAnswer()).isEqualTo(2);
        assertThat(f.occupancy()).isEqualTo(100.0 * 440 / 5520);          // (360 + 20 + 60) / (5190 + 330) = 7.97 %
        assertThat(f.utilization()).isEqualTo(100.0 * 360 / 8400);        // 4.29 %
    }

    @Test
    void sessionsPausesAndTalkAreCutAtBucketBoundaries() {
        Map<Instant, AgentTotals> byStart = buckets().stream()
                .collect(Collectors.toMap(AgentBucket::start, AgentBucket::totals));
        assertThat(byStart.keySet()).hasSize(10);                         // 08:45 .. 11:00
        AgentTotals first = byStart.get(at("2026-03-10T08:45:00Z"));
        assertThat(first.loggedInMillis()).isEqualTo(600_000);           // 08:50-09:00
        assertThat(first.pausedMillisByReason()).containsExactly(Map.entry("Break", 120_000L));
        assertThat(first.ringNoAnswer()).isEqualTo(1);

        AgentTotals nine = byStart.get(at("2026-03-10T09:00:00Z"));
        assertThat(nine.talkMillis()).isEqualTo(290_000);                // 09:10:10-09:15:00
        assertThat(nine.holdMillis()).isEqualTo(19_333);                 // 20 s * 290 / 300, floored
        assertThat(nine.answered()).isEqualTo(1);
        AgentTotals quarterPast = byStart.get(at("2026-03-10T09:15:00Z"));
        assertThat(quarterPast.talkMillis()).isEqualTo(10_000);
        assertThat(quarterPast.holdMillis()).isEqualTo(667);             // the rest: hold adds up to 20 s exactly
        assertThat(quarterPast.acwMillis()).isEqualTo(60_000);
        assertThat(quarterPast.pausedMillisByReason()).containsExactly(Map.entry("ACW", 60_000L));

        assertThat(byStart.get(at("2026-03-10T09:30:00Z")).loggedInMillis()).isEqualTo(900_000); // two sessions, once
        assertThat(byStart.get(at("2026-03-10T10:30:00Z")).pausedMillisByReason())
                .containsExactly(Map.entry("Lunch", 600_000L));
        assertThat(byStart.get(at("2026-03-10T10:45:00Z")).pausedMillisByReason())
                .containsOnly(Map.entry("Training", 240_000L), Map.entry("Meeting", 360_000L));
        AgentTotals eleven = byStart.get(at("2026-03-10T11:00:00Z"));
        assertThat(eleven.loggedInMillis()).isEqualTo(600_000);
        assertThat(eleven.acwMillis()).isZero();
        assertThat(eleven.pausedMillisByReason()).containsExactly(Map.entry("ACW", 30_000L));
        // no bucket is ever over-full
        assertThat(byStart.values()).allMatch(b -> b.loggedInMillis() <= 900_000 && b.pausedMillis() <= b.loggedInMillis());
    }

    @Test
    void openSessionsAndPausesRunToTheEndOfTheRange() {
        List<AgentBucket> b = AgentTimeline.buckets(TENANT, "A1", FROM, TO,
                List.of(session("A1", "NONE", "2026-03-10T11:00:00Z", null)),
                List.of(pause("A1", "Lunch", "2026-03-10T11:05:00Z", null)), List.of(), List.of(), SETTINGS);
        assertThat(b).singleElement().satisfies(x -> {
            assertThat(x.totals().loggedInMillis()).isEqualTo(900_000);
            assertThat(x.totals().pausedMillisByReason()).containsExactly(Map.entry("Lunch", 600_000L));
        });
    }
}
