package io.queuelens.live.control;

import io.queuelens.kpi.entity.KpiSettings;
import io.queuelens.kpi.entity.QueueTotals;
import io.queuelens.live.entity.LiveMember;
import io.queuelens.live.entity.LiveQueue;
import io.queuelens.live.entity.LiveSnapshot;
import io.queuelens.live.entity.MemberState;
import io.queuelens.live.entity.WaitingCaller;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.QueueCallerJoinEvent;
import org.asteriskjava.manager.event.QueueCallerLeaveEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The live model fed with real Asterisk captures (../shared/samples/asterisk/ami), frame by frame. */
class LiveModelTest {

    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    static final Instant BASE = ZonedDateTime.of(2026, 11, 22, 10, 0, 0, 0, ZONE).toInstant();

    /** Applies the frames up to and including {@code line}; one second of PBX time per capture line. */
    static final class Replay {
        final LiveModel model = new LiveModel("t1", ZONE, (q, at) -> KpiSettings.DEFAULTS, 1000, BASE);
        final List<AmiCaptures.Frame> frames;
        int next;
        int malformed;

        Replay(List<AmiCaptures.Frame> frames) {
            this.frames = frames;
        }

        LiveSnapshot upTo(int line) {
            while (next < frames.size() && frames.get(next).line() <= line) {
                AmiCaptures.Frame f = frames.get(next++);
                ManagerEvent e = AmiCaptures.event(f);
                if (e != null && model.apply("pbx", e, at(f.line())) == LiveModel.Applied.MALFORMED) {
                    malformed++;
                }
            }
            return model.snapshot(next);
        }

        static Instant at(int line) {
            return BASE.plusSeconds(line);
        }
    }

    @Test
    void asterisk22AnsweredCallWaitsRingsConnectsAndCompletes() throws Exception {
        Replay r = new Replay(AmiCaptures.jsonLines("asterisk22_answered_and_abandon_events.jsonl"));

        LiveSnapshot joined = r.upTo(28);
        LiveQueue sales = joined.queues().get("sales");
        assertThat(sales.waiting()).extracting(WaitingCaller::uniqueId, WaitingCaller::callerNumber, WaitingCaller::position)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("1795308941.1", "5551234", 1));
        assertThat(sales.waiting().get(0).enteredAt()).isEqualTo(Replay.at(28));
        assertThat(sales.today().offered()).isEqualTo(1);
        assertThat(sales.today().open()).isEqualTo(1);

        LiveSnapshot ringing = r.upTo(49);
        assertThat(ringing.members().get("Local/agent2@agents").state()).isEqualTo(MemberState.RINGING);
        assertThat(ringing.members().get("Local/agent1@agents").state()).isEqualTo(MemberState.RINGING);

        LiveSnapshot connected = r.upTo(76);
        assertThat(connected.queues().get("sales").waiting()).isEmpty();
        LiveMember one = connected.members().get("Local/agent1@agents");
        assertThat(one.state()).isEqualTo(MemberState.ON_CALL);
        assertThat(one.name()).isEqualTo("Agent One");
        assertThat(one.callerNumber()).isEqualTo("5551234");
        assertThat(one.callQueue()).isEqualTo("sales");
        assertThat(one.callsTaken()).isEqualTo(1);
        // ringall: the other phone stopped ringing when agent one answered
        assertThat(connected.members().get("Local/agent2@agents").state()).isEqualTo(MemberState.AVAILABLE);
        assertThat(connected.queues().get("sales").onCall()).isEqualTo(1);
        assertThat(connected.queues().get("sales").available()).isEqualTo(1);
        assertThat(connected.queues().get("sales").today().answered()).isEqualTo(1);
        assertThat(connected.queues().get("sales").today().answeredInSla()).isEqualTo(1);

        // the QueueStatus answer in the middle of the call (a resync) agrees and keeps the call
        LiveSnapshot resynced = r.upTo(86);
        assertThat(resynced.members().keySet()).containsExactly("Local/agent1@agents", "Local/agent2@agents");
        assertThat(resynced.members().get("Local/agent1@agents").state()).isEqualTo(MemberState.ON_CALL);
        assertThat(resynced.members().get("Local/agent1@agents").callerNumber()).isEqualTo("5551234");
        assertThat(resynced.queues().get("sales").today().answered()).isEqualTo(1);

        LiveSnapshot completed = r.upTo(106);
        QueueTotals day = completed.queues().get("sales").today();
        assertThat(day.offered()).isEqualTo(1);
        assertThat(day.open()).isZero();
        assertThat(day.answered()).isEqualTo(1);
        assertThat(day.talk()).isEqualTo(4);
        assertThat(day.waitAnswered()).isZero();
        LiveMember after = completed.members().get("Local/agent1@agents");
        assertThat(after.state()).isEqualTo(MemberState.AVAILABLE);
        assertThat(after.callerNumber()).isNull();
        assertThat(after.callsTaken()).isEqualTo(1);
        assertThat(r.malformed).isZero();
    }

    @Test
    void asterisk22PausedMemberAndAShortAbandon() throws Exception {
        Replay r = new Replay(AmiCaptures.jsonLines("asterisk22_answered_and_abandon_events.jsonl"));

        LiveSnapshot paused = r.upTo(109);
        LiveMember three = paused.members().get("Local/agent3@agents");
        assertThat(three.state()).isEqualTo(MemberState.PAUSED);
        assertThat(three.pauseReason()).isEqualTo("lunch");
        assertThat(paused.queues().get("support").paused()).isEqualTo(1);
        assertThat(paused.queues().get("support").available()).isZero();

        LiveSnapshot waiting = r.upTo(139);
        // the QueueStatus entry says the caller has waited 3 s at line 138: the resync moves the entry time there
        WaitingCaller caller = waiting.queues().get("support").waiting().get(0);
        assertThat(caller.callerNumber()).isEqualTo("5559999");
        assertThat(caller.enteredAt()).isEqualTo(Replay.at(138).minusSeconds(3));
        assertThat(waiting.queues().get("support").longestWaiting()).isEqualTo(caller);

        LiveSnapshot gone = r.upTo(160);
        LiveQueue support = gone.queues().get("support");
        assertThat(support.waiting()).isEmpty();
        // 4 s < shortAbandonSeconds 5 (KPI.md defaults): a short abandon, not an abandon
        assertThat(support.today().offered()).isEqualTo(1);
        assertThat(support.today().shortAbandoned()).isEqualTo(1);
        assertThat(support.today().abandoned()).isZero();
        assertThat(support.today().open()).isZero();
        assertThat(gone.members().get("Local/agent3@agents").state()).isEqualTo(MemberState.PAUSED);
    }

    @Test
    void asterisk13CliCaptureRingsConnectsAndCompletes() throws Exception {
        Replay r = new Replay(AmiCaptures.text("ami_debug_capture_queue_call_ast13.txt"));

        assertThat(r.upTo(1830).members().get("SIP/777").state()).isEqualTo(MemberState.AVAILABLE);
        LiveSnapshot joined = r.upTo(2545);
        assertThat(joined.queues().get("Q1").waiting()).extracting(WaitingCaller::callerNumber).containsExactly("123");
        assertThat(r.upTo(2670).members().get("SIP/777").state()).isEqualTo(MemberState.RINGING);
        LiveSnapshot talking = r.upTo(3760);
        assertThat(talking.members().get("SIP/777").state()).isEqualTo(MemberState.ON_CALL);
        assertThat(talking.members().get("SIP/777").callerNumber()).isEqualTo("123");
        assertThat(talking.queues().get("Q1").waiting()).isEmpty();

        LiveSnapshot end = r.upTo(Integer.MAX_VALUE);
        assertThat(end.members().get("SIP/777").state()).isEqualTo(MemberState.AVAILABLE);
        assertThat(end.members().get("SIP/777").callsTaken()).isEqualTo(1);
        QueueTotals q1 = end.queues().get("Q1").today();
        assertThat(q1.answered()).isEqualTo(1);
        assertThat(q1.waitAnswered()).isEqualTo(9);
        assertThat(q1.talk()).isEqualTo(3);
        assertThat(q1.answeredInSla()).isEqualTo(1);
        assertThat(r.malformed).isZero();
    }

    @Test
    void aQueueStatusAnswerOfAnOlderAsteriskRebuildsTheMembers() throws Exception {
        Replay r = new Replay(AmiCaptures.text("panoramisk_queue_status.yaml"));
        LiveSnapshot s = r.upTo(Integer.MAX_VALUE);
        LiveQueue q = s.queues().get("xxxxxxxxxxxxxxxx-tous");
        assertThat(q.loggedIn()).isEqualTo(6);
        assertThat(s.members()).hasSize(6);
        LiveMember away = s.members().get("Local/id-12@agentcallback");
        assertThat(away.name()).isEqualTo("Agent/999");
        // paused and unavailable: paused wins (MemberState's order)
        assertThat(away.state()).isEqualTo(MemberState.PAUSED);
        assertThat(q.paused()).isEqualTo(1);
        assertThat(q.available()).isEqualTo(5);
        assertThat(r.model.resyncsCompleted()).isEqualTo(1);
    }

    @Test
    void aResyncDropsCallersAndMembersThePbxNoLongerHasAndKeepsTodaysFigures() throws Exception {
        Replay r = new Replay(AmiCaptures.jsonLines("asterisk22_answered_and_abandon_events.jsonl"));
        r.upTo(28); // one caller waiting in sales, counted as offered
        LiveModel m = r.model;
        // after a reconnect the PBX answers QueueStatus: sales is empty now, with only agent two
        Instant later = Replay.at(30);
        apply(m, later, Map.of("Event", "QueueParams", "Queue", "sales", "ActionID", "r1"));
        apply(m, later, Map.of("Event", "QueueMember", "Queue", "sales", "Name", "Agent Two", "Location", "Local/agent2@agents",
                "Status", "1", "Paused", "0", "InCall", "0", "ActionID", "r1"));
        apply(m, later, Map.of("Event", "QueueStatusComplete", "ActionID", "r1"));
        LiveSnapshot s = m.snapshot(2);
        assertThat(s.queues().get("sales").waiting()).isEmpty();
        assertThat(s.members().keySet()).containsExactly("Local/agent2@agents");
        assertThat(s.queues().get("sales").today().offered()).isEqualTo(1);
        // the caller left while we were away: counted as an exit once no AgentConnect claims it
        m.tick(later.plusSeconds(10));
        QueueTotals t = m.snapshot(3).queues().get("sales").today();
        assertThat(t.open()).isZero();
        assertThat(t.timeout()).isEqualTo(1);
    }

    @Test
    void eventsBetweenAListsItemsAndItsCompleteCorrectTheItemsBeforeThemAndAListedJoinIsNotCountedTwice() throws Exception {
        Replay r = new Replay(AmiCaptures.jsonLines("asterisk22_answered_and_abandon_events.jsonl"));
        r.upTo(28); // 1795308941.1 waiting in sales, offered 1
        LiveModel m = r.model;
        Instant later = Replay.at(30);
        apply(m, later, Map.of("Event", "QueueParams", "Queue", "sales", "ActionID", "r1"));
        apply(m, later, Map.of("Event", "QueueEntry", "Queue", "sales", "Position", "1", "Uniqueid", "1795308941.1",
                "CallerIDNum", "5551234", "Wait", "2", "ActionID", "r1"));
        // a PBX that sends live events between the items: the listed caller leaves, another joins the listed queue
        apply(m, later, Map.of("Event", "QueueCallerLeave", "Queue", "sales", "Uniqueid", "1795308941.1", "Position", "1",
                "Count", "0"));
        apply(m, later, Map.of("Event", "QueueCallerJoin", "Queue", "sales", "Uniqueid", "1795308950.7", "Position", "1",
                "Count", "1", "CallerIDNum", "5550007"));
        apply(m, later, Map.of("Event", "QueueStatusComplete", "ActionID", "r1"));
        LiveSnapshot s = m.snapshot(2);
        assertThat(s.queues().get("sales").waiting()).extracting(WaitingCaller::uniqueId).containsExactly("1795308950.7");
        assertThat(s.queues().get("sales").today().offered()).isEqualTo(2);

        // Asterisk may deliver a join raised while it listed after the Complete: the visit the list showed, not a new one
        apply(m, later.plusSeconds(1), Map.of("Event", "QueueCallerJoin", "Queue", "sales", "Uniqueid", "1795308950.7",
                "Position", "1", "Count", "1", "CallerIDNum", "5550007"));
        LiveSnapshot again = m.snapshot(3);
        assertThat(again.queues().get("sales").waiting()).extracting(WaitingCaller::uniqueId).containsExactly("1795308950.7");
        assertThat(again.queues().get("sales").today().offered()).isEqualTo(2);
    }

    @Test
    void malformedFramesAreCountedAndSkipped() {
        LiveModel m = new LiveModel("t1", ZONE, (q, at) -> KpiSettings.DEFAULTS, 1000, BASE);
        QueueCallerJoinEvent noQueue = new QueueCallerJoinEvent(this);
        noQueue.setUniqueId("1.1");
        noQueue.setPosition(1);
        assertThat(m.apply("pbx", noQueue, BASE)).isEqualTo(LiveModel.Applied.MALFORMED);
        QueueCallerJoinEvent noPosition = new QueueCallerJoinEvent(this);
        noPosition.setQueue("sales");
        noPosition.setUniqueId("1.2");
        assertThat(m.apply("pbx", noPosition, BASE)).isEqualTo(LiveModel.Applied.MALFORMED);
        QueueCallerLeaveEvent noId = new QueueCallerLeaveEvent(this);
        noId.setQueue("sales");
        assertThat(m.apply("pbx", noId, BASE)).isEqualTo(LiveModel.Applied.MALFORMED);
        assertThat(m.snapshot(1).queues()).isEmpty();
    }

    @Test
    void todaysFiguresStartFromTheStoredFactsAndResetAtLocalMidnight() throws Exception {
        LiveModel m = new LiveModel("t1", ZONE, (q, at) -> KpiSettings.DEFAULTS, 1000, BASE);
        QueueTotals seeded = QueueTotals.ZERO.plus(new QueueTotals(10, 0, 8, 2, 0, 0, 0, 0, 0, 0, 7, 0, 0, 10, 0,
                80, 40, 1000, 0, 0, 30, 1));
        Instant earlyMorning = ZonedDateTime.of(2026, 11, 22, 8, 0, 0, 0, ZONE).toInstant();
        m.storedToday(LocalDate.ofInstant(BASE, ZONE), Map.of("sales", Map.of(earlyMorning, seeded)),
                Map.of("Agent One", 4));
        Replay r = new Replay(AmiCaptures.jsonLines("asterisk22_answered_and_abandon_events.jsonl"));
        for (AmiCaptures.Frame f : r.frames) {
            ManagerEvent e = AmiCaptures.event(f);
            if (e != null) {
                m.apply("pbx", e, Replay.at(f.line()));
            }
        }
        LiveSnapshot s = m.snapshot(1);
        assertThat(s.queues().get("sales").today().offered()).isEqualTo(11);
        assertThat(s.queues().get("sales").today().answered()).isEqualTo(9);
        assertThat(s.members().get("Local/agent1@agents").callsTaken()).isEqualTo(5);

        Instant midnight = ZonedDateTime.of(2026, 11, 23, 0, 0, 0, 0, ZONE).toInstant();
        m.tick(midnight.minusSeconds(1));
        assertThat(m.snapshot(2).queues().get("sales").today().offered()).isEqualTo(11);
        assertThat(m.tick(midnight)).isTrue();
        LiveSnapshot next = m.snapshot(3);
        assertThat(next.queues().get("sales").today()).isEqualTo(QueueTotals.ZERO);
        assertThat(next.members().get("Local/agent1@agents").callsTaken()).isZero();
    }

    /**
     * Per 15-minute bucket, today's figures are the stored facts or the model's own count, whichever has more
     * calls offered: the facts fill in what the model did not see (a restart, a lost connection), and the
     * model's count stays ahead for the bucket whose calls the history reader has not stored yet.
     */
    @Test
    void eachBucketShowsTheStoredFactsOrTheLiveCountWhicheverHasMoreCalls() {
        LiveModel m = new LiveModel("t1", ZONE, (q, at) -> KpiSettings.DEFAULTS, 1000, BASE);
        LocalDate day = LocalDate.ofInstant(BASE, ZONE);
        for (int i = 0; i < 3; i++) {
            m.apply("pbx", join("sales", "live." + i, i + 1), BASE.plusSeconds(i)); // bucket 10:00
        }
        assertThat(m.snapshot(1).queues().get("sales").today().offered()).isEqualTo(3);

        Instant nineOClock = BASE.minus(Duration.ofHours(1));
        Instant tenOClock = BASE;
        // the reader has stored 9:00's 5 calls (never seen live) and 2 of 10:00's 3: 5 + 3
        m.storedToday(day, Map.of("sales", Map.of(nineOClock, offered(5), tenOClock, offered(2))), Map.of());
        assertThat(m.snapshot(2).queues().get("sales").today().offered()).isEqualTo(8);

        // it has stored 10:00's calls, and one the model missed (its connection was down): 5 + 4
        m.storedToday(day, Map.of("sales", Map.of(nineOClock, offered(5), tenOClock, offered(4))), Map.of());
        assertThat(m.snapshot(3).queues().get("sales").today().offered()).isEqualTo(9);

        // a new join in 10:00 makes the live count (4) equal the facts: the facts still show, 9
        m.apply("pbx", join("sales", "live.3", 4), BASE.plusSeconds(60));
        assertThat(m.snapshot(4).queues().get("sales").today().offered()).isEqualTo(9);
        // one more and the model is ahead: 5 + 5
        m.apply("pbx", join("sales", "live.4", 5), BASE.plusSeconds(61));
        assertThat(m.snapshot(5).queues().get("sales").today().offered()).isEqualTo(10);

        // facts of another day are not today's
        m.storedToday(day.minusDays(1), Map.of("sales", Map.of(nineOClock, offered(50))), Map.of());
        assertThat(m.snapshot(6).queues().get("sales").today().offered()).isEqualTo(10);
        // a queue only the facts know still shows its day
        m.storedToday(day, Map.of("sales", Map.of(nineOClock, offered(5)), "support", Map.of(nineOClock, offered(7))),
                Map.of());
        assertThat(m.snapshot(7).queues().get("support").today().offered()).isEqualTo(7);
        assertThat(m.snapshot(7).queues().get("sales").today().offered()).isEqualTo(10);
    }

    @Test
    void aMembersCallsTakenFollowTheStoredFactsWhenTheyHoldMoreAndNeverGoDown() throws Exception {
        LiveModel m = new LiveModel("t1", ZONE, (q, at) -> KpiSettings.DEFAULTS, 1000, BASE);
        LocalDate day = LocalDate.ofInstant(BASE, ZONE);
        Replay r = new Replay(AmiCaptures.jsonLines("asterisk22_answered_and_abandon_events.jsonl"));
        for (AmiCaptures.Frame f : r.frames) {
            ManagerEvent e = AmiCaptures.event(f);
            if (e != null) {
                m.apply("pbx", e, Replay.at(f.line()));
            }
        }
        assertThat(m.snapshot(1).members().get("Local/agent1@agents").callsTaken()).isEqualTo(1);
        m.storedToday(day, Map.of(), Map.of("Agent One", 6));
        assertThat(m.snapshot(2).members().get("Local/agent1@agents").callsTaken()).isEqualTo(6);
        m.storedToday(day, Map.of(), Map.of("Agent One", 2)); // the facts lag behind: the count stays
        assertThat(m.snapshot(3).members().get("Local/agent1@agents").callsTaken()).isEqualTo(6);
    }

    private QueueCallerJoinEvent join(String queue, String uniqueId, int position) {
        QueueCallerJoinEvent j = new QueueCallerJoinEvent(this);
        j.setQueue(queue);
        j.setUniqueId(uniqueId);
        j.setPosition(position);
        j.setCallerIdNum("5550" + position);
        return j;
    }

    private static QueueTotals offered(int n) {
        return new QueueTotals(n, 0, n, 0, 0, 0, 0, 0, 0, 0, n, 0, 0, n, 0, 0, 0, 0, 0, 0, 0, n);
    }

    @Test
    void theVisitsFollowedAreBoundedAndEvictionsCounted() {
        LiveModel m = new LiveModel("t1", ZONE, (q, at) -> KpiSettings.DEFAULTS, 16, BASE);
        for (int i = 0; i < 20; i++) {
            QueueCallerJoinEvent j = new QueueCallerJoinEvent(this);
            j.setQueue("sales");
            j.setUniqueId("9." + i);
            j.setPosition(i + 1);
            m.apply("pbx", j, BASE.plusSeconds(i));
        }
        assertThat(m.visitsFollowed()).isEqualTo(16);
        assertThat(m.visitsEvicted()).isEqualTo(4);
        assertThat(m.snapshot(1).queues().get("sales").waiting()).hasSize(20);
    }

    private static void apply(LiveModel m, Instant at, Map<String, String> fields) {
        ManagerEvent e = AmiCaptures.event(new AmiCaptures.Frame(0, fields));
        assertThat(e).as(fields.toString()).isNotNull();
        m.apply("pbx", e, at);
    }
}
