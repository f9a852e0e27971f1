package io.queuelens.calls.control;

import io.queuelens.calls.entity.AgentPause;
import io.queuelens.calls.entity.AgentSession;
import io.queuelens.calls.entity.AssemblerState;
import io.queuelens.calls.entity.Outcome;
import io.queuelens.calls.entity.ParsedLine;
import io.queuelens.calls.entity.QueueLogEvent;
import io.queuelens.calls.entity.QueueVisit;
import io.queuelens.calls.entity.RingNoAnswer;
import io.queuelens.calls.entity.Verb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VisitAssemblerTest {

    static final long T0 = 1_750_000_000L;
    static final String T = "acme";
    static final String S = "pbx1";

    final QueueLogParser parser = new QueueLogParser();
    RecordingSink sink = new RecordingSink();
    VisitAssembler assembler = new VisitAssembler(T, S, sink);
    long lineNo;

    static Instant at(long offset) {
        return Instant.ofEpochSecond(T0 + offset);
    }

    /** Lines whose first field is seconds after T0. */
    void feed(String... lines) {
        for (String line : lines) {
            int bar = line.indexOf('|');
            String real = (T0 + Long.parseLong(line.substring(0, bar))) + line.substring(bar);
            ParsedLine p = parser.parseLine(++lineNo, real);
            assertThat(p).as(real).isInstanceOf(QueueLogEvent.class);
            assembler.accept(p);
        }
    }

    QueueVisit onlyVisit() {
        assertThat(sink.rejected).isEmpty();
        assertThat(sink.visits).hasSize(1);
        return sink.visits.get(0);
    }

    // ------------------------------------------------------------------------------- answered

    @Test
    void answeredAndCompletedByTheCaller() {
        feed("0|c1|sales|NONE|DID|+4930123",
                "0|c1|sales|NONE|ENTERQUEUE||0151234|2|Anna Berger",
                "12|c1|sales|Agent One|CONNECT|12|c1.9|4",
                "100|c1|sales|Agent One|COMPLETECALLER|12|88|2");
        assertThat(onlyVisit()).isEqualTo(new QueueVisit(T, S, "c1", 1, "sales", "0151234", "Anna Berger", "+4930123",
                at(0), at(12), at(100), Outcome.ANSWERED, 12, 4, 88, 0, "Agent One", false, null, "CALLER", null,
                2, 0, null));
        assertThat(assembler.openVisits()).isEmpty();
    }

    @Test
    void completedByTheAgentWithoutCallerName() {
        feed("0|c1|sales|NONE|ENTERQUEUE||0151234|1",
                "3|c1|sales|Agent One|CONNECT|3|c1.9|2",
                "63|c1|sales|Agent One|COMPLETEAGENT|3|60|1");
        QueueVisit v = onlyVisit();
        assertThat(v.completedBy()).isEqualTo("AGENT");
        assertThat(v.callerName()).isNull();
        assertThat(v.did()).isNull();
        assertThat(v.talkSeconds()).isEqualTo(60);
        assertThat(v.waitSeconds()).isEqualTo(3);
    }

    @Test
    void aTalkingCallIsOpenAsAnsweredUntilItCompletes() {
        feed("0|c1|sales|NONE|ENTERQUEUE||0151234|1", "5|c1|sales|Agent One|CONNECT|5|c1.9|2");
        assertThat(sink.visits).isEmpty();
        assertThat(assembler.openVisits()).singleElement().satisfies(v -> {
            assertThat(v.outcome()).isEqualTo(Outcome.ANSWERED);
            assertThat(v.endedAt()).isNull();
            assertThat(v.connectedAt()).isEqualTo(at(5));
        });
    }

    // ------------------------------------------------------------------------------- not answered

    @ParameterizedTest
    @CsvSource({"3,true", "45,false"})
    void abandonedIsEmittedAtOnceWithItsWait(int wait, boolean isShort) {
        feed("0|c1|support|NONE|ENTERQUEUE||0151234|1",
                "1|c1|support|Agent Two|RINGCANCELED|800",
                wait + "|c1|support|NONE|ABANDON|1|1|" + wait);
        QueueVisit v = onlyVisit();
        assertThat(v.outcome()).isEqualTo(Outcome.ABANDONED);
        assertThat(v.waitSeconds()).isEqualTo(wait);
        assertThat(v.waitSeconds() < 5).isEqualTo(isShort);
        assertThat(v.endedAt()).isEqualTo(at(wait));
        assertThat(v.agent()).isNull();
        // RINGCANCELED is the caller hanging up while it rang: not a ring-no-answer
        assertThat(v.ringNoAnswers()).isZero();
        assertThat(sink.rings).isEmpty();
        assertThat(sink.informational).extracting(QueueLogEvent::verb).containsExactly(Verb.RINGCANCELED);
    }

    @Test
    void timeoutIsHeldForAnOverflowThenEmitted() {
        feed("0|c1|billing|NONE|ENTERQUEUE||0151234|1", "300|c1|billing|NONE|EXITWITHTIMEOUT|1|1|300");
        assertThat(sink.visits).as("held for a possible overflow").isEmpty();
        assertThat(assembler.openVisits()).isEmpty();
        // log time moves on past the hold (2 minutes) on any other line
        feed("400|NONE|support|Agent One|PAUSE|Break");
        assertThat(sink.visits).isEmpty();
        feed("460|NONE|support|Agent One|UNPAUSE|");
        QueueVisit v = onlyVisit();
        assertThat(v.outcome()).isEqualTo(Outcome.TIMEOUT);
        assertThat(v.waitSeconds()).isEqualTo(300);
        assertThat(v.endedAt()).isEqualTo(at(300));
        assertThat(v.nextQueue()).isNull();
    }

    @Test
    void anIdleReaderCanMoveLogTimeOn() {
        feed("0|c1|billing|NONE|ENTERQUEUE||0151234|1", "30|c1|billing|NONE|EXITWITHTIMEOUT|1|1|30");
        assembler.advanceTo(at(60));
        assertThat(sink.visits).isEmpty();
        assembler.advanceTo(at(10));
        assembler.advanceTo(at(180));
        assertThat(onlyVisit().outcome()).isEqualTo(Outcome.TIMEOUT);
    }

    @Test
    void flushEmitsHeldVisitsAtTheEndOfInput() {
        feed("0|c1|billing|NONE|ENTERQUEUE||0151234|1", "30|c1|billing|NONE|EXITWITHTIMEOUT|1|1|30");
        assembler.flush();
        assertThat(onlyVisit().outcome()).isEqualTo(Outcome.TIMEOUT);
        assembler.flush();
        assertThat(sink.visits).hasSize(1);
    }

    @Test
    void exitWithKeyTakesTheWaitFromTheFourthField() {
        feed("0|c1|sales|NONE|ENTERQUEUE||0151234|3", "40|c1|sales|NONE|EXITWITHKEY|5|2|3|40");
        assembler.flush();
        QueueVisit v = onlyVisit();
        assertThat(v.outcome()).isEqualTo(Outcome.EXIT_KEY);
        assertThat(v.exitKey()).isEqualTo("5");
        assertThat(v.waitSeconds()).isEqualTo(40);
        assertThat(v.originalPosition()).isEqualTo(3);
    }

    @Test
    void anOldExitWithKeyWithoutWaitUsesTheTimes() {
        feed("0|c1|sales|NONE|ENTERQUEUE||0151234|3", "17|c1|sales|NONE|EXITWITHKEY|1|2");
        assembler.flush();
        assertThat(onlyVisit().waitSeconds()).isEqualTo(17);
    }

    @Test
    void exitEmptyAndWithdraw() {
        feed("0|c1|sales|NONE|ENTERQUEUE||0151234|1", "2|c1|sales|NONE|EXITEMPTY|1|1|2",
                "10|c2|sales|NONE|ENTERQUEUE||0159999|1", "25|c2|sales|NONE|WITHDRAW|1|1|15|moved by supervisor");
        assembler.flush();
        assertThat(sink.rejected).isEmpty();
        assertThat(sink.visits).extracting(QueueVisit::callId, QueueVisit::outcome, QueueVisit::waitSeconds)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("c1", Outcome.EXIT_EMPTY, 2),
                        org.assertj.core.groups.Tuple.tuple("c2", Outcome.WITHDRAWN, 15));
    }

    @Test
    void joinEmptyIsAnExitEmptyVisitEvenWithoutEnterQueue() {
        feed("0|c1|sales|NONE|DID|+4930123", "0|c1|sales|NONE|JOINEMPTY|1|1|0");
        assembler.flush();
        QueueVisit v = onlyVisit();
        assertThat(v.outcome()).isEqualTo(Outcome.EXIT_EMPTY);
        assertThat(v.enteredAt()).isEqualTo(at(0));
        assertThat(v.endedAt()).isEqualTo(at(0));
        assertThat(v.did()).isEqualTo("+4930123");
        assertThat(v.visitSeq()).isEqualTo(1);
    }

    // ------------------------------------------------------------------------------- transfers

    @Test
    void blindTransfer() {
        feed("0|c1|sales|NONE|ENTERQUEUE||0151234|1", "5|c1|sales|Agent One|CONNECT|5|c1.9|3",
                "65|c1|sales|Agent One|BLINDTRANSFER|2101|from-internal|5|60|1");
        QueueVisit v = onlyVisit();
        assertThat(v.outcome()).isEqualTo(Outcome.ANSWERED);
        assertThat(v.transferred()).isTrue();
        assertThat(v.transferTarget()).isEqualTo("2101@from-internal");
        assertThat(v.talkSeconds()).isEqualTo(60);
        assertThat(v.completedBy()).isEqualTo("TRANSFER");
        assertThat(v.endedAt()).isEqualTo(at(65));
    }

    @Test
    void theOldTransferVerb() {
        feed("0|c1|sales|NONE|ENTERQUEUE||0151234|1", "5|c1|sales|Agent One|CONNECT|5|c1.9|3",
                "47|c1|sales|Agent One|TRANSFER|200|default|5|42|1");
        QueueVisit v = onlyVisit();
        assertThat(v.transferred()).isTrue();
        assertThat(v.transferTarget()).isEqualTo("200@default");
        assertThat(v.talkSeconds()).isEqualTo(42);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
            "BRIDGE|4ad9c1e0-1111-2222-3333-444455556666|5|60|1 => BRIDGE|4ad9c1e0-1111-2222-3333-444455556666",
            "APP|VoiceMail|5|60|1 => APP|VoiceMail",
            "LINK|PJSIP/2101-00000012|Local/2102@from-internal-00000013;1|5|60|1 => LINK|PJSIP/2101-00000012|Local/2102@from-internal-00000013;1"})
    void attendedTransferInAllThreeFormsTakesTheTimesFromTheEnd(String data, String target) {
        feed("0|c1|sales|NONE|ENTERQUEUE||0151234|1", "5|c1|sales|Agent One|CONNECT|5|c1.9|3",
                "65|c1|sales|Agent One|ATTENDEDTRANSFER|" + data);
        QueueVisit v = onlyVisit();
        assertThat(v.transferred()).isTrue();
        assertThat(v.talkSeconds()).isEqualTo(60);
        assertThat(v.waitSeconds()).isEqualTo(5);
        assertThat(v.transferTarget()).isEqualTo(target);
        assertThat(v.completedBy()).isEqualTo("TRANSFER");
    }

    @Test
    void attendedTransferWithTooFewFieldsIsRejected() {
        feed("0|c1|sales|NONE|ENTERQUEUE||0151234|1", "5|c1|sales|Agent One|CONNECT|5|c1.9|3",
                "65|c1|sales|Agent One|ATTENDEDTRANSFER|BRIDGE|60|1");
        assertThat(sink.reasons()).containsExactly("ATTENDEDTRANSFER needs a target and hold, talk and position: 3 fields");
        assertThat(sink.visits).isEmpty();
        assertThat(assembler.openVisits()).hasSize(1);
    }

    // ------------------------------------------------------------------------------- overflow

    @Test
    void overflowToAnotherQueueKeepsTheCallidAndNumbersTheVisits() {
        feed("0|c1|vip|NONE|DID|+4930123403",
                "0|c1|vip|NONE|ENTERQUEUE||0151234|1",
                "60|c1|vip|NONE|EXITWITHTIMEOUT|1|1|60",
                "60|c1|sales|NONE|ENTERQUEUE||0151234|4",
                "70|c1|sales|Agent One|CONNECT|10|c1.9|2",
                "130|c1|sales|Agent One|COMPLETEAGENT|10|60|4");
        assertThat(sink.rejected).isEmpty();
        assertThat(sink.visits).hasSize(2);
        QueueVisit first = sink.visits.get(0);
        QueueVisit second = sink.visits.get(1);
        assertThat(first.visitSeq()).isEqualTo(1);
        assertThat(first.queue()).isEqualTo("vip");
        assertThat(first.outcome()).isEqualTo(Outcome.TIMEOUT);
        assertThat(first.nextQueue()).isEqualTo("sales");
        assertThat(second.visitSeq()).isEqualTo(2);
        assertThat(second.callId()).isEqualTo("c1");
        assertThat(second.queue()).isEqualTo("sales");
        assertThat(second.outcome()).isEqualTo(Outcome.ANSWERED);
        assertThat(second.did()).isEqualTo("+4930123403");
        assertThat(second.enteredAt()).isEqualTo(at(60));
        assertThat(second.nextQueue()).isNull();
        assertThat(first.naturalKey()).isNotEqualTo(second.naturalKey());
    }

    @Test
    void anOverflowAfterTheHoldUpdatesTheEmittedVisit() {
        feed("0|c1|vip|NONE|ENTERQUEUE||0151234|1",
                "10|c1|vip|NONE|EXITWITHKEY|1|1|1|10",
                "200|NONE|vip|Agent One|PAUSE|x",
                "400|c1|sales|NONE|ENTERQUEUE||0151234|1",
                "420|c1|sales|NONE|ABANDON|1|1|20");
        assertThat(sink.rejected).isEmpty();
        assertThat(sink.visits).extracting(QueueVisit::naturalKey, QueueVisit::outcome, QueueVisit::nextQueue)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("acme|pbx1|c1|1", Outcome.EXIT_KEY, null),
                        org.assertj.core.groups.Tuple.tuple("acme|pbx1|c1|1", Outcome.EXIT_KEY, "sales"),
                        org.assertj.core.groups.Tuple.tuple("acme|pbx1|c1|2", Outcome.ABANDONED, null));
    }

    @Test
    void withoutAHoldExitsAreEmittedAtOnceAndUpdatedOnOverflow() {
        assembler = new VisitAssembler(T, S, sink, new AssemblerSettings(Duration.ZERO, Duration.ofHours(1)));
        feed("0|c1|vip|NONE|ENTERQUEUE||0151234|1", "60|c1|vip|NONE|EXITWITHTIMEOUT|1|1|60");
        assertThat(sink.visits).hasSize(1);
        feed("60|c1|sales|NONE|ENTERQUEUE||0151234|1");
        assertThat(sink.visits).hasSize(2);
        assertThat(sink.visits.get(1)).isEqualTo(VisitDraft.withNextQueue(sink.visits.get(0), "sales"));
    }

    @Test
    void aCallForgottenAfterTheMemoryStartsAgainAtOne() {
        assembler = new VisitAssembler(T, S, sink, new AssemblerSettings(Duration.ofMinutes(1), Duration.ofMinutes(10)));
        feed("0|c1|vip|NONE|ENTERQUEUE||0151234|1", "5|c1|vip|NONE|ABANDON|1|1|5",
                "3600|NONE|vip|Agent One|PAUSE|x",
                "3601|c1|vip|NONE|ENTERQUEUE||0151234|1", "3610|c1|vip|NONE|ABANDON|1|1|9");
        assertThat(sink.visits).extracting(QueueVisit::visitSeq, QueueVisit::nextQueue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, null), org.assertj.core.groups.Tuple.tuple(1, null));
    }

    @Test
    void enteringAgainWhileStillWaitingClosesTheOldVisitAsLost() {
        feed("0|c1|vip|NONE|ENTERQUEUE||0151234|1", "30|c1|sales|NONE|ENTERQUEUE||0151234|1");
        assertThat(onlyVisit()).satisfies(v -> {
            assertThat(v.outcome()).isEqualTo(Outcome.LOST);
            assertThat(v.endedAt()).isEqualTo(at(30));
            assertThat(v.waitSeconds()).isEqualTo(30);
            assertThat(v.nextQueue()).isEqualTo("sales");
        });
        assertThat(assembler.openVisits()).singleElement().extracting(QueueVisit::visitSeq).isEqualTo(2);
    }

    // ------------------------------------------------------------------------------- rings

    @Test
    void ringNoAnswerCountsOnTheVisitAndForTheAgent() {
        feed("0|c1|sales|NONE|ENTERQUEUE||0151234|1",
                "15|c1|sales|Agent One|RINGNOANSWER|15000",
                "31|c1|sales|Agent Two|RINGNOANSWER|15500",
                "35|c1|sales|Agent Three|CONNECT|35|c1.9|3",
                "95|c1|sales|Agent Three|COMPLETECALLER|35|60|1");
        QueueVisit v = onlyVisit();
        assertThat(v.ringNoAnswers()).isEqualTo(2);
        assertThat(v.agent()).isEqualTo("Agent Three");
        assertThat(sink.rings).containsExactly(
                new RingNoAnswer(T, S, "c1", 1, "sales", "Agent One", at(15), 15000),
                new RingNoAnswer(T, S, "c1", 1, "sales", "Agent Two", at(31), 15500));
    }

    // ------------------------------------------------------------------------------- restart

    @Test
    void queueStartClosesEverythingOpenAsLost() {
        feed("0|NONE|sales|Agent One|ADDMEMBER|",
                "0|NONE|NONE|Agent/1001|AGENTLOGIN|PJSIP/1001-1",
                "5|NONE|sales|Agent One|PAUSE|Lunch",
                "10|c1|sales|NONE|ENTERQUEUE||0151234|1",
                "12|c2|sales|NONE|ENTERQUEUE||0159999|2",
                "14|c2|sales|Agent Two|CONNECT|2|c2.9|1",
                "20|c3|vip|NONE|ENTERQUEUE||0150000|1",
                "25|c3|vip|NONE|EXITWITHTIMEOUT|1|1|5",
                "50|NONE|NONE|NONE|QUEUESTART|");
        assertThat(sink.rejected).isEmpty();
        assertThat(sink.visits).extracting(QueueVisit::callId, QueueVisit::outcome, QueueVisit::endedAt, QueueVisit::waitSeconds)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("c1", Outcome.LOST, at(50), 40),
                        org.assertj.core.groups.Tuple.tuple("c2", Outcome.LOST, at(50), 2),
                        org.assertj.core.groups.Tuple.tuple("c3", Outcome.TIMEOUT, at(25), 5));
        assertThat(sink.visits.get(1).agent()).isEqualTo("Agent Two");
        assertThat(sink.pauses).containsExactly(new AgentPause(T, S, "Agent One", "sales", "Lunch", at(5), at(50)));
        assertThat(sink.sessions).containsExactly(
                new AgentSession(T, S, "Agent One", "sales", at(0), at(50)),
                new AgentSession(T, S, "Agent/1001", "NONE", at(0), at(50)));
        assertThat(assembler.openVisits()).isEmpty();
        assertThat(assembler.openSessions()).isEmpty();
        assertThat(assembler.openPauses()).isEmpty();
        // after the restart the callid is new again
        feed("60|c1|sales|NONE|CONNECT|50|c1.9|1");
        assertThat(sink.reasons()).containsExactly("CONNECT for an unknown call");
    }

    // ------------------------------------------------------------------------------- agents

    @Test
    void memberAndAgentSessions() {
        feed("0|NONE|sales|Agent One|ADDMEMBER|",
                "0|NONE|support|Agent One|ADDMEMBER|",
                "1|1750.5|NONE|Agent/1001|AGENTLOGIN|PJSIP/1001-00000001",
                "2|NONE|NONE|Agent/1002|AGENTCALLBACKLOGIN|1002@from-internal",
                "100|NONE|sales|Agent One|REMOVEMEMBER|",
                "101|1750.5|NONE|Agent/1001|AGENTLOGOFF|PJSIP/1001-00000001|100",
                "102|NONE|NONE|Agent/1002|AGENTCALLBACKLOGOFF|1002@from-internal|100|CommandLogoff");
        assertThat(sink.rejected).isEmpty();
        assertThat(sink.sessions).containsExactly(
                new AgentSession(T, S, "Agent One", "sales", at(0), at(100)),
                new AgentSession(T, S, "Agent/1001", "NONE", at(1), at(101)),
                new AgentSession(T, S, "Agent/1002", "NONE", at(2), at(102)));
        assertThat(assembler.openSessions()).containsExactly(new AgentSession(T, S, "Agent One", "support", at(0), null));
    }

    @Test
    void inconsistentSessionEventsAreRejected() {
        feed("0|NONE|sales|Agent One|ADDMEMBER|",
                "5|NONE|sales|Agent One|ADDMEMBER|",
                "6|NONE|support|Agent Two|REMOVEMEMBER|",
                "7|NONE|NONE|Agent/1003|AGENTLOGOFF|PJSIP/1003-1|7");
        assertThat(sink.reasons()).containsExactly(
                "ADDMEMBER for Agent One already logged in to sales",
                "REMOVEMEMBER for Agent Two who is not logged in to support",
                "AGENTLOGOFF for Agent/1003 who is not logged in to NONE");
        assertThat(sink.rejected.get(0).position()).isEqualTo(2);
        assertThat(sink.rejected.get(0).rawLine()).isEqualTo((T0 + 5) + "|NONE|sales|Agent One|ADDMEMBER|");
        assertThat(assembler.openSessions()).containsExactly(new AgentSession(T, S, "Agent One", "sales", at(0), null));
    }

    @Test
    void pausesByReasonPerQueueAndForAllQueues() {
        feed("0|NONE|sales|Agent One|PAUSE|Lunch",
                "1800|NONE|sales|Agent One|UNPAUSE|",
                "1900|NONE|sales|Agent One|PAUSE|ACW",
                "1930|NONE|sales|Agent One|PAUSE|ACW",            // same reason again: still the same pause
                "1950|NONE|sales|Agent One|PAUSE|Training",       // a new reason ends the one before
                "2000|NONE|sales|Agent One|UNPAUSE|",
                "2100|NONE|NONE|PJSIP/1001|PAUSEALL|Break",
                "2400|NONE|NONE|PJSIP/1001|UNPAUSEALL|",
                "2500|NONE|sales|Agent One|PAUSE|Auto-Unpause",
                "2600|NONE|sales|Agent One|UNPAUSE|Auto-Unpause");
        assertThat(sink.rejected).isEmpty();
        assertThat(sink.pauses).containsExactly(
                new AgentPause(T, S, "Agent One", "sales", "Lunch", at(0), at(1800)),
                new AgentPause(T, S, "Agent One", "sales", "ACW", at(1900), at(1950)),
                new AgentPause(T, S, "Agent One", "sales", "Training", at(1950), at(2000)),
                new AgentPause(T, S, "PJSIP/1001", "NONE", "Break", at(2100), at(2400)),
                new AgentPause(T, S, "Agent One", "sales", "Auto-Unpause", at(2500), at(2600)));
        assertThat(sink.informational).extracting(QueueLogEvent::time).containsExactly(at(1930));
    }

    @Test
    void removingAPausedMemberEndsThePauseAndAddingPausedStartsOne() {
        feed("0|NONE|sales|Agent One|ADDMEMBER|PAUSED",
                "10|NONE|sales|Agent One|UNPAUSE|",
                "20|NONE|sales|Agent One|PAUSE|Lunch",
                "30|NONE|sales|Agent One|REMOVEMEMBER|");
        assertThat(sink.rejected).isEmpty();
        assertThat(sink.pauses).containsExactly(
                new AgentPause(T, S, "Agent One", "sales", "", at(0), at(10)),
                new AgentPause(T, S, "Agent One", "sales", "Lunch", at(20), at(30)));
        assertThat(sink.all.get(sink.all.size() - 1)).isEqualTo(new AgentSession(T, S, "Agent One", "sales", at(0), at(30)));
        assertThat(assembler.openPauses()).isEmpty();
    }

    @Test
    void unpauseWithoutPauseIsRejected() {
        feed("0|NONE|sales|Agent One|UNPAUSE|", "5|NONE|NONE|PJSIP/1001|UNPAUSEALL|");
        assertThat(sink.reasons()).containsExactly("UNPAUSE for Agent One who is not paused in sales",
                "UNPAUSEALL for PJSIP/1001 who is not paused in NONE");
    }

    // ------------------------------------------------------------------------------- quarantine

    @Test
    void inconsistentCallEventsAreRejectedAndChangeNothing() {
        feed("0|ghost|sales|Agent One|CONNECT|0|g.1|1",               // unknown callid
                "0|c1|sales|NONE|ENTERQUEUE||0151234|1",
                "-10|c1|sales|NONE|RINGNOANSWER|1000",                   // before the call entered
                "2|c1|sales|Agent One|COMPLETECALLER|2|10|1",            // before CONNECT
                "3|c1|support|Agent One|CONNECT|3|c1.9|1",              // another queue
                "4|c1|sales|Agent One|CONNECT|-4|c1.9|1",               // negative hold
                "4|c1|sales|Agent One|CONNECT|4|c1.9|x",                // ring not a number
                "5|c1|sales|Agent One|CONNECT|5|c1.9|1",                // fine
                "6|c1|sales|Agent One|CONNECT|6|c1.9|1",                // twice
                "7|c1|sales|NONE|ABANDON|1|1|7",                        // after CONNECT
                "8|c1|sales|Agent One|COMPLETEAGENT|5|-3|1",            // negative talk
                "9|c1|sales|Agent One|RINGNOANSWER|1000",               // after CONNECT
                "65|c1|sales|Agent One|COMPLETEAGENT|5|60|1",           // fine
                "70|c1|sales|Agent One|COMPLETEAGENT|5|60|1",           // visit already ended
                "71|NONE|sales|NONE|ENTERQUEUE||0151234|1",             // no callid
                "72|c9|NONE|NONE|ENTERQUEUE||0151234|1");               // no queue
        assertThat(sink.reasons()).containsExactly(
                "CONNECT for an unknown call",
                "RINGNOANSWER is earlier than the call's ENTERQUEUE at " + at(0),
                "COMPLETECALLER before CONNECT",
                "CONNECT in queue support but the call is in queue sales",
                "CONNECT hold time is negative: -4",
                "CONNECT ring time is not a number: 'x'",
                "CONNECT after CONNECT",
                "ABANDON after CONNECT",
                "COMPLETEAGENT talk time is negative: -3",
                "RINGNOANSWER after CONNECT",
                "COMPLETEAGENT for a call whose visit already ended",
                "ENTERQUEUE without a callid",
                "ENTERQUEUE without a queue");
        assertThat(sink.visits).singleElement().satisfies(v -> {
            assertThat(v.outcome()).isEqualTo(Outcome.ANSWERED);
            assertThat(v.waitSeconds()).isEqualTo(5);
            assertThat(v.ringSeconds()).isEqualTo(1);
            assertThat(v.talkSeconds()).isEqualTo(60);
            assertThat(v.ringNoAnswers()).isZero();
        });
        assertThat(sink.rejected.get(0).position()).isEqualTo(1);
        assertThat(sink.rejected.get(0).rawLine()).isEqualTo(T0 + "|ghost|sales|Agent One|CONNECT|0|g.1|1");
    }

    @Test
    void parserRejectionsPassThroughToTheSink() {
        assembler.accept(parser.parseLine(1, "nonsense"));
        assertThat(sink.rejected).singleElement().satisfies(r -> assertThat(r.reason()).startsWith("not enough fields"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PENALTY|5", "RINGINUSE|0", "CONFIGRELOAD|", "INFO|x", "FULL|1", "CLOSED|",
            "OUTDIAL|200", "OUTANSWER|200", "AGENTDUMP", "SYSCOMPAT"})
    void knownVerbsWithoutFactsAreInformational(String rest) {
        feed("0|c1|sales|Agent One|" + rest);
        assertThat(sink.all).isEmpty();
        assertThat(sink.informational).hasSize(1);
    }

    @Test
    void unknownVerbsAreKeptRaw() {
        feed("0|c1|sales|NONE|ENTERQUEUE||0151234|1", "3|c1|sales|NONE|SURVEYSCORE|5|great", "5|c1|sales|NONE|ABANDON|1|1|5");
        assertThat(sink.unknown).singleElement().satisfies(e -> {
            assertThat(e.verbName()).isEqualTo("SURVEYSCORE");
            assertThat(e.data()).containsExactly("5", "great");
        });
        assertThat(onlyVisit().outcome()).isEqualTo(Outcome.ABANDONED);
    }

    // ------------------------------------------------------------------------------- resume

    static final String[] CALL = {
            "0|NONE|sales|Agent One|ADDMEMBER|",
            "1|c1|sales|NONE|DID|+4930123",
            "1|c1|vip|NONE|ENTERQUEUE||0151234|1",
            "20|c1|vip|NONE|EXITWITHTIMEOUT|1|1|19",
            "20|c1|sales|NONE|ENTERQUEUE||0151234|1",
            "21|c2|sales|NONE|DID|+4930123",
            "22|c1|sales|Agent Two|RINGNOANSWER|1500",
            "25|NONE|sales|Agent One|PAUSE|Break",
            "30|c1|sales|Agent One|CONNECT|10|c1.9|1",
            "31|c2|sales|NONE|ENTERQUEUE||0159999|1",
            "90|c1|sales|Agent One|COMPLETEAGENT|10|60|1",
            "95|c2|sales|NONE|EXITWITHTIMEOUT|1|1|64",
            "300|c2|billing|NONE|ENTERQUEUE||0159999|1",
            "310|NONE|sales|Agent One|UNPAUSE|",
            "320|c2|billing|NONE|ABANDON|1|1|20",
            "400|NONE|sales|Agent One|REMOVEMEMBER|"};

    @Test
    void resumesFromASnapshotAtEveryLineWithTheSameFacts() {
        feed(CALL);
        assembler.flush();
        List<Object> expected = List.copyOf(sink.all);
        assertThat(sink.rejected).isEmpty();
        assertThat(expected).hasSizeGreaterThan(6);
        for (int cut = 0; cut <= CALL.length; cut++) {
            sink = new RecordingSink();
            assembler = new VisitAssembler(T, S, sink);
            lineNo = 0;
            for (int i = 0; i < cut; i++) {
                feed(CALL[i]);
            }
            AssemblerState state = assembler.snapshot();
            List<Object> before = new ArrayList<>(sink.all);
            sink = new RecordingSink();
            assembler = VisitAssembler.restore(T, S, sink, AssemblerSettings.DEFAULTS, state);
            for (int i = cut; i < CALL.length; i++) {
                feed(CALL[i]);
            }
            assembler.flush();
            before.addAll(sink.all);
            assertThat(before).as("cut after line %d", cut).isEqualTo(expected);
        }
    }

    @Test
    void resumesFromStoredOpenFacts() {
        feed("0|NONE|sales|Agent One|ADDMEMBER|", "1|c1|sales|NONE|ENTERQUEUE||0151234|1",
                "3|c1|sales|Agent One|CONNECT|2|c1.9|1", "4|NONE|sales|Agent Two|PAUSE|Lunch");
        AssemblerState stored = AssemblerState.fromOpenFacts(at(4), assembler.openVisits(), assembler.openSessions(),
                assembler.openPauses());
        sink = new RecordingSink();
        assembler = VisitAssembler.restore(T, S, sink, AssemblerSettings.DEFAULTS, stored);
        feed("63|c1|sales|Agent One|COMPLETECALLER|2|60|1", "64|NONE|sales|Agent Two|UNPAUSE|",
                "65|NONE|sales|Agent One|REMOVEMEMBER|");
        assertThat(sink.rejected).isEmpty();
        assertThat(onlyVisit()).satisfies(v -> {
            assertThat(v.enteredAt()).isEqualTo(at(1));
            assertThat(v.talkSeconds()).isEqualTo(60);
            assertThat(v.agent()).isEqualTo("Agent One");
        });
        assertThat(sink.pauses).containsExactly(new AgentPause(T, S, "Agent Two", "sales", "Lunch", at(4), at(64)));
        assertThat(sink.sessions).containsExactly(new AgentSession(T, S, "Agent One", "sales", at(0), at(65)));
    }

    @Test
    void sameInputSameFacts() {
        feed(CALL);
        assembler.flush();
        List<Object> first = List.copyOf(sink.all);
        sink = new RecordingSink();
        assembler = new VisitAssembler(T, S, sink);
        feed(CALL);
        assembler.flush();
        assertThat(sink.all).isEqualTo(first);
    }
}
