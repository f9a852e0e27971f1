package io.queuelens.calls.control;

import io.queuelens.calls.entity.AssemblerState;
import io.queuelens.calls.entity.Outcome;
import io.queuelens.calls.entity.ParsedLine;
import io.queuelens.calls.entity.QueueLogEvent;
import io.queuelens.calls.entity.QueueVisit;
import io.queuelens.sources.demo.control.ContactCenterSimulation;
import io.queuelens.sources.demo.entity.QueueLogRow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Realism: a simulated weekday of the demo contact center (the colleague's simulation, written
 * independently of this code) goes through parser and assembler, and the facts must agree with the
 * rows it wrote.
 */
class SimulatedDayTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final Instant TUESDAY = ZonedDateTime.of(2025, 3, 4, 0, 0, 0, 0, BERLIN).toInstant();

    static List<QueueLogRow> rows;
    static int callsStillInProgress;
    static RecordingSink sink;
    static VisitAssembler assembler;

    static List<QueueLogRow> simulate(Instant start, Duration length, int[] inProgress) {
        List<QueueLogRow> out = new ArrayList<>();
        ContactCenterSimulation sim = ContactCenterSimulation.queueLogOnly(11, start, BERLIN, 40, out::add);
        sim.advanceTo(start.plus(length));
        inProgress[0] = sim.callsInProgress();
        return out;
    }

    static RecordingSink assembleFileLines(List<QueueLogRow> rows, VisitAssembler[] out) {
        RecordingSink s = new RecordingSink();
        VisitAssembler a = new VisitAssembler("demo", "demo", s);
        QueueLogParser parser = new QueueLogParser();
        long n = 0;
        for (QueueLogRow r : rows) {
            a.accept(parser.parseLine(++n, r.toFileLine()));
        }
        a.flush();
        out[0] = a;
        return s;
    }

    @BeforeAll
    static void simulateAndAssembleADay() {
        int[] inProgress = new int[1];
        rows = simulate(TUESDAY, Duration.ofDays(1), inProgress);
        callsStillInProgress = inProgress[0];
        VisitAssembler[] a = new VisitAssembler[1];
        sink = assembleFileLines(rows, a);
        assembler = a[0];
    }

    static long count(String verb) {
        return rows.stream().filter(r -> r.event().equals(verb)).count();
    }

    static List<QueueVisit> allVisits() {
        List<QueueVisit> all = new ArrayList<>(sink.visits);
        all.addAll(assembler.openVisits());
        return all;
    }

    @Test
    void oneVisitPerEnterQueueAndNothingRejected() {
        assertThat(count("ENTERQUEUE")).isGreaterThan(1000);
        assertThat(sink.rejected).isEmpty();
        assertThat(sink.unknown).isEmpty();
        assertThat(sink.visits.size() + assembler.openVisits().size()).isEqualTo((int) count("ENTERQUEUE"));
        // emitted once each: the demo's overflows happen at once, inside the hold
        assertThat(sink.visits.stream().map(QueueVisit::naturalKey).distinct().count()).isEqualTo(sink.visits.size());
    }

    @Test
    void everyVisitIsClosedExceptTheCallsStillRunning() {
        assertThat(sink.visits).allSatisfy(v -> {
            assertThat(v.outcome()).isNotIn(Outcome.OPEN, Outcome.LOST);
            assertThat(v.endedAt()).isNotNull().isAfterOrEqualTo(v.enteredAt());
        });
        assertThat(assembler.openVisits()).hasSize(callsStillInProgress).allSatisfy(v -> assertThat(v.endedAt()).isNull());
    }

    @Test
    void outcomesAgreeWithTheVerbs() {
        Map<Outcome, Long> byOutcome = new EnumMap<>(Outcome.class);
        for (QueueVisit v : sink.visits) {
            byOutcome.merge(v.outcome(), 1L, Long::sum);
        }
        long talking = assembler.openVisits().stream().filter(v -> v.connectedAt() != null).count();
        assertThat(byOutcome.getOrDefault(Outcome.ANSWERED, 0L) + talking).isEqualTo(count("CONNECT"));
        assertThat(byOutcome.get(Outcome.ANSWERED)).isEqualTo(count("COMPLETECALLER") + count("COMPLETEAGENT")
                + count("BLINDTRANSFER") + count("ATTENDEDTRANSFER"));
        assertThat(byOutcome.get(Outcome.ABANDONED)).isEqualTo(count("ABANDON"));
        assertThat(byOutcome.get(Outcome.TIMEOUT)).isEqualTo(count("EXITWITHTIMEOUT"));
        assertThat(byOutcome.get(Outcome.EXIT_KEY)).isEqualTo(count("EXITWITHKEY"));
        assertThat(sink.visits.stream().filter(QueueVisit::transferred).count())
                .isEqualTo(count("BLINDTRANSFER") + count("ATTENDEDTRANSFER"));
        assertThat(sink.visits.stream().filter(v -> "CALLER".equals(v.completedBy())).count()).isEqualTo(count("COMPLETECALLER"));
        assertThat(sink.rings).hasSize((int) count("RINGNOANSWER"));
        assertThat(allVisits().stream().mapToInt(QueueVisit::ringNoAnswers).sum()).isEqualTo((int) count("RINGNOANSWER"));
        assertThat(sink.visits).filteredOn(v -> v.outcome() == Outcome.ABANDONED && v.waitSeconds() < 5)
                .as("short abandons").isNotEmpty();
    }

    @Test
    void overflowVisitsShareTheCallidAndPointToTheNextQueue() {
        Map<String, List<QueueVisit>> byCall = allVisits().stream().collect(Collectors.groupingBy(QueueVisit::callId));
        List<List<QueueVisit>> overflowed = byCall.values().stream().filter(l -> l.size() > 1).toList();
        assertThat(overflowed).isNotEmpty();
        long enters = rows.stream().filter(r -> r.event().equals("ENTERQUEUE")).map(QueueLogRow::callid).distinct().count();
        assertThat(byCall).hasSize((int) enters);
        for (List<QueueVisit> visits : overflowed) {
            visits.sort((a, b) -> Integer.compare(a.visitSeq(), b.visitSeq()));
            QueueVisit first = visits.get(0);
            QueueVisit second = visits.get(1);
            assertThat(first.visitSeq()).isEqualTo(1);
            assertThat(second.visitSeq()).isEqualTo(2);
            assertThat(first.outcome()).isEqualTo(Outcome.TIMEOUT);
            assertThat(first.nextQueue()).isEqualTo(second.queue());
            assertThat(second.queue()).isEqualTo(first.queue().equals("vip") ? "sales" : "support");
            assertThat(second.enteredAt()).isEqualTo(first.endedAt());
            assertThat(second.did()).isEqualTo(first.did()).isNotNull();
        }
        assertThat(allVisits().stream().filter(v -> v.nextQueue() != null).count()).isEqualTo(overflowed.size());
    }

    @Test
    void visitsCarryWhatTheRowsSaid() {
        Map<String, QueueLogRow> connects = rows.stream().filter(r -> r.event().equals("CONNECT"))
                .collect(Collectors.toMap(r -> r.callid() + "/" + r.queue(), Function.identity()));
        for (QueueVisit v : sink.visits) {
            if (v.outcome() == Outcome.ANSWERED) {
                QueueLogRow c = connects.get(v.callId() + "/" + v.queue());
                assertThat(v.agent()).isEqualTo(c.agent());
                assertThat(v.waitSeconds()).isEqualTo(Integer.parseInt(c.data(1)));
                assertThat(v.ringSeconds()).isEqualTo(Integer.parseInt(c.data(3)));
                assertThat(v.connectedAt()).isEqualTo(Instant.ofEpochSecond(c.time().getEpochSecond()));
            }
            assertThat(v.callerNumber()).startsWith("0");
            assertThat(v.did()).startsWith("+4930");
        }
    }

    @Test
    void sessionsAndPausesBalance() {
        assertThat(sink.sessions.size() + assembler.openSessions().size())
                .isEqualTo((int) (count("ADDMEMBER") + count("AGENTLOGIN")));
        assertThat(sink.sessions).hasSize((int) (count("REMOVEMEMBER") + count("AGENTLOGOFF")));
        assertThat(sink.pauses.size() + assembler.openPauses().size()).isEqualTo((int) count("PAUSE"));
        assertThat(sink.sessions).allSatisfy(s -> assertThat(s.logoutAt()).isAfterOrEqualTo(s.loginAt()));
        assertThat(sink.pauses).allSatisfy(p -> assertThat(p.endAt()).isAfterOrEqualTo(p.startAt()));
        Map<String, Long> reasons = sink.pauses.stream().collect(Collectors.groupingBy(p -> p.reason(), Collectors.counting()));
        assertThat(reasons).containsKeys("ACW", "Lunch", "Break");
        // every pause lies inside a session of the same member and queue
        Map<String, List<io.queuelens.calls.entity.AgentSession>> sessions = new HashMap<>();
        sink.sessions.forEach(s -> sessions.computeIfAbsent(s.agent() + "/" + s.queue(), k -> new ArrayList<>()).add(s));
        assembler.openSessions().forEach(s -> sessions.computeIfAbsent(s.agent() + "/" + s.queue(), k -> new ArrayList<>()).add(s));
        assertThat(sink.pauses).allSatisfy(p -> assertThat(sessions.get(p.agent() + "/" + p.queue())).anySatisfy(s -> {
            assertThat(p.startAt()).isAfterOrEqualTo(s.loginAt());
            assertThat(s.logoutAt() == null || !p.endAt().isAfter(s.logoutAt())).isTrue();
        }));
    }

    @Test
    void resumingFromSnapshotsGivesTheSameFacts() {
        QueueLogParser parser = new QueueLogParser();
        List<String> lines = rows.stream().map(QueueLogRow::toFileLine).toList();
        List<Object> facts = new ArrayList<>();
        RecordingSink s = new RecordingSink();
        VisitAssembler a = new VisitAssembler("demo", "demo", s);
        int[] cuts = {lines.size() / 7, lines.size() / 3, lines.size() / 2 + 1, lines.size() * 5 / 6};
        int next = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (next < cuts.length && i == cuts[next]) {
                AssemblerState state = a.snapshot();
                assertThat(state.calls()).isNotEmpty();
                facts.addAll(s.all);
                s = new RecordingSink();
                a = VisitAssembler.restore("demo", "demo", s, AssemblerSettings.DEFAULTS, state);
                next++;
            }
            a.accept(parser.parseLine(i + 1, lines.get(i)));
        }
        a.flush();
        facts.addAll(s.all);
        assertThat(facts).isEqualTo(sink.all);
        assertThat(a.openVisits()).isEqualTo(assembler.openVisits());
    }

    @Test
    void theTableFormGivesTheSameVisitsAcrossTheAutumnClockChange() {
        // 26 Oct 2025 in Berlin has 25 hours; the table holds local times (ms precision)
        Instant sunday = ZonedDateTime.of(2025, 10, 26, 0, 0, 0, 0, BERLIN).toInstant();
        int[] inProgress = new int[1];
        List<QueueLogRow> day = simulate(sunday, Duration.ofHours(25), inProgress);
        QueueLogParser tableParser = new QueueLogParser(BERLIN);
        RecordingSink tableSink = new RecordingSink();
        VisitAssembler tableAssembler = new VisitAssembler("demo", "demo", tableSink);
        long id = 0;
        int inRepeatedHour = 0;
        for (QueueLogRow r : day) {
            LocalDateTime local = LocalDateTime.ofInstant(r.time(), BERLIN);
            ParsedLine p = id % 2 == 0
                    ? tableParser.parseRow(++id, local, r.callid(), r.queue(), r.agent(), r.event(),
                    r.dataColumn(1), r.dataColumn(2), r.dataColumn(3), r.dataColumn(4), r.dataColumn(5))
                    : tableParser.parseLegacyRow(++id, local, r.callid(), r.queue(), r.agent(), r.event(), String.join("|", r.data()));
            assertThat(p).isInstanceOf(QueueLogEvent.class);
            assertThat(((QueueLogEvent) p).time()).as("row %d at %s", id, local).isEqualTo(r.time());
            if (local.getHour() == 2) {
                inRepeatedHour++;
            }
            tableAssembler.accept(p);
        }
        tableAssembler.flush();
        assertThat(inRepeatedHour).as("rows in the repeated hour").isGreaterThan(10);
        assertThat(tableSink.rejected).isEmpty();

        VisitAssembler[] fileAssembler = new VisitAssembler[1];
        RecordingSink fileSink = assembleFileLines(day, fileAssembler);
        // the file has whole seconds, the table milliseconds: compare everything but the times
        Function<QueueVisit, String> shape = v -> String.join(",", v.naturalKey(), v.queue(), String.valueOf(v.outcome()),
                String.valueOf(v.waitSeconds()), String.valueOf(v.talkSeconds()), String.valueOf(v.agent()),
                String.valueOf(v.nextQueue()), String.valueOf(v.transferTarget()), String.valueOf(v.ringNoAnswers()));
        assertThat(tableSink.visits).hasSizeGreaterThan(100);
        assertThat(tableSink.visits.stream().map(shape).toList()).isEqualTo(fileSink.visits.stream().map(shape).toList());
        assertThat(tableSink.pauses).hasSameSizeAs(fileSink.pauses);
        assertThat(tableSink.sessions).hasSameSizeAs(fileSink.sessions);
    }
}
