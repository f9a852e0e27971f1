package io.queuelens.sources.demo.control;

import io.queuelens.sources.demo.entity.AmiMessage;
import io.queuelens.sources.demo.entity.CdrRow;
import io.queuelens.sources.demo.entity.QueueDefinition;
import io.queuelens.sources.demo.entity.QueueLogRow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class ContactCenterSimulationTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** A Monday 00:00 in Berlin, so the week below has five weekdays and a weekend. */
    static final Instant MONDAY = ZonedDateTime.of(2025, 3, 3, 0, 0, 0, 0, BERLIN).toInstant();

    static Recorder week;

    @BeforeAll
    static void simulateAWeek() {
        week = new Recorder(false);
        ContactCenterSimulation sim = new ContactCenterSimulation(42, MONDAY, BERLIN, 40, QueueDefinition.defaults(), week);
        sim.advanceTo(MONDAY.plus(Duration.ofDays(7)));
    }

    static Recorder run(long seed, Instant start, Duration length, boolean ami, Duration chunk) {
        Recorder r = new Recorder(ami);
        ContactCenterSimulation sim = new ContactCenterSimulation(seed, start, BERLIN, 40, QueueDefinition.defaults(), r);
        for (Instant t = start; t.isBefore(start.plus(length)); ) {
            t = t.plus(chunk);
            sim.advanceTo(t);
        }
        return r;
    }

    @Test
    void sameSeedAndStartGiveTheSameSequenceHoweverTimeIsAdvanced() {
        Instant start = MONDAY.plus(Duration.ofHours(9));
        Recorder a = run(7, start, Duration.ofHours(3), true, Duration.ofHours(3));
        Recorder b = run(7, start, Duration.ofHours(3), true, Duration.ofSeconds(7));
        Recorder noAmi = run(7, start, Duration.ofHours(3), false, Duration.ofMinutes(5));
        assertThat(a.rows).hasSizeGreaterThan(500);
        assertThat(b.rows).isEqualTo(a.rows);
        assertThat(b.events).isEqualTo(a.events);
        assertThat(b.cdrs).isEqualTo(a.cdrs);
        // building AMI events or not must not change the calls
        assertThat(noAmi.rows).isEqualTo(a.rows);
        assertThat(noAmi.events).isEmpty();

        Recorder otherSeed = run(8, start, Duration.ofHours(3), false, Duration.ofHours(3));
        assertThat(otherSeed.rows).isNotEqualTo(a.rows);
    }

    @Test
    void usesEveryQueueLogVerbTheDemoPromises() {
        Set<String> verbs = week.rows.stream().map(QueueLogRow::event).collect(Collectors.toSet());
        assertThat(verbs).contains("QUEUESTART", "DID", "ENTERQUEUE", "CONNECT", "COMPLETECALLER", "COMPLETEAGENT",
                "ABANDON", "EXITWITHTIMEOUT", "EXITWITHKEY", "RINGNOANSWER", "RINGCANCELED", "BLINDTRANSFER",
                "ATTENDEDTRANSFER", "PAUSE", "UNPAUSE", "ADDMEMBER", "REMOVEMEMBER", "AGENTLOGIN", "AGENTLOGOFF");
        Set<String> reasons = week.rows.stream().filter(r -> r.event().equals("PAUSE")).map(r -> r.data(1))
                .collect(Collectors.toSet());
        assertThat(reasons).contains("Lunch", "Training", "ACW", "Break");
        assertThat(week.rows.get(0).event()).isEqualTo("QUEUESTART");
        assertThat(week.rows.get(0).toFileLine()).endsWith("|NONE|NONE|NONE|QUEUESTART|");
    }

    @Test
    void queueVisitsAreConsistentWithTheirDataFields() {
        Map<String, List<QueueLogRow>> byCall = new LinkedHashMap<>();
        for (QueueLogRow r : week.rows) {
            if (!r.callid().equals("NONE") && !r.agent().startsWith("Agent/")) {
                byCall.computeIfAbsent(r.callid(), k -> new ArrayList<>()).add(r);
            }
        }
        int checkedConnects = 0;
        int overflows = 0;
        int shortAbandons = 0;
        for (List<QueueLogRow> rows : byCall.values()) {
            QueueLogRow enter = null;
            QueueLogRow connect = null;
            for (QueueLogRow r : rows) {
                switch (r.event()) {
                    case "ENTERQUEUE" -> {
                        if (enter != null) {
                            overflows++;
                        }
                        enter = r;
                        assertThat(r.data(1)).isEmpty();
                        assertThat(r.data(2)).matches("0\\d+");
                        assertThat(Integer.parseInt(r.data(3))).isPositive();
                    }
                    case "CONNECT" -> {
                        assertThat(enter).isNotNull();
                        assertThat(r.queue()).isEqualTo(enter.queue());
                        long wait = Duration.between(enter.time(), r.time()).toSeconds();
                        assertThat(Long.parseLong(r.data(1))).isEqualTo(wait);
                        assertThat(r.data(2)).matches("\\d+\\.\\d+").isNotEqualTo(r.callid());
                        assertThat(Integer.parseInt(r.data(3))).isBetween(1, 15);
                        connect = r;
                        checkedConnects++;
                    }
                    case "COMPLETECALLER", "COMPLETEAGENT" -> {
                        assertThat(connect).isNotNull();
                        assertThat(r.agent()).isEqualTo(connect.agent());
                        assertThat(r.data(1)).isEqualTo(connect.data(1));
                        assertThat(Long.parseLong(r.data(2))).isEqualTo(Duration.between(connect.time(), r.time()).toSeconds());
                        assertThat(r.data(3)).isEqualTo(enter.data(3));
                    }
                    case "BLINDTRANSFER" -> assertThat(r.data()).hasSize(5);
                    case "ATTENDEDTRANSFER" -> {
                        assertThat(r.data(1)).isEqualTo("BRIDGE");
                        assertThat(r.data()).hasSize(5);
                    }
                    case "ABANDON", "EXITWITHTIMEOUT" -> {
                        assertThat(connect).isNull();
                        long wait = Duration.between(enter.time(), r.time()).toSeconds();
                        assertThat(Long.parseLong(r.data(3))).isEqualTo(wait);
                        assertThat(r.data(2)).isEqualTo(enter.data(3));
                        if (r.event().equals("ABANDON") && wait < 5) {
                            shortAbandons++;
                        }
                    }
                    case "EXITWITHKEY" -> {
                        assertThat(r.data(1)).isEqualTo("1");
                        assertThat(r.data(3)).isEqualTo(enter.data(3));
                    }
                    case "RINGNOANSWER" -> assertThat(Long.parseLong(r.data(1))).isEqualTo(ContactCenterSimulation.RING_TIMEOUT_MS);
                    default -> {
                    }
                }
            }
        }
        assertThat(checkedConnects).isGreaterThan(3000);
        assertThat(overflows).as("callers moved to another queue with the same callid").isPositive();
        assertThat(shortAbandons).as("abandons under 5 s").isPositive();
    }

    @Test
    void overflowKeepsTheCallidAndMovesToTheConfiguredQueue() {
        Map<String, List<QueueLogRow>> enters = week.rows.stream().filter(r -> r.event().equals("ENTERQUEUE"))
                .collect(Collectors.groupingBy(QueueLogRow::callid));
        List<List<QueueLogRow>> moved = enters.values().stream().filter(l -> l.size() > 1).toList();
        assertThat(moved).isNotEmpty().allSatisfy(l -> {
            String from = l.get(0).queue();
            String to = l.get(1).queue();
            assertThat(to).isEqualTo(from.equals("vip") ? "sales" : "support");
        });
    }

    @Test
    void oneCdrPerCallMatchingTheQueueLog() {
        Set<String> connected = week.rows.stream().filter(r -> r.event().equals("CONNECT")).map(QueueLogRow::callid)
                .collect(Collectors.toSet());
        Map<String, QueueLogRow> firstDid = new HashMap<>();
        week.rows.stream().filter(r -> r.event().equals("DID")).forEach(r -> firstDid.putIfAbsent(r.callid(), r));
        Set<String> seen = new HashSet<>();
        for (CdrRow c : week.cdrs) {
            assertThat(seen.add(c.uniqueid())).as("one CDR per call").isTrue();
            assertThat(firstDid).containsKey(c.uniqueid());
            assertThat(c.calldate()).isEqualTo(firstDid.get(c.uniqueid()).time());
            boolean answered = connected.contains(c.uniqueid());
            assertThat(c.disposition()).isEqualTo(answered ? CdrRow.ANSWERED : CdrRow.NO_ANSWER);
            assertThat(c.recordingfile().isEmpty()).isEqualTo(!answered);
            assertThat(c.billsec()).isLessThanOrEqualTo(c.duration());
            assertThat(c.linkedid()).isEqualTo(c.uniqueid());
            assertThat(c.src()).isEqualTo(c.cnum());
        }
        // calls still running at the end have no CDR yet
        assertThat(week.cdrs.size()).isBetween(firstDid.size() - 100, firstDid.size());
    }

    @Test
    void trafficFollowsTheDailyAndWeeklyCurve() {
        int[] byHour = new int[24];
        Map<DayOfWeek, Integer> byDay = new HashMap<>();
        for (QueueLogRow r : week.rows) {
            if (r.event().equals("DID")) {
                ZonedDateTime local = r.time().atZone(BERLIN);
                byHour[local.getHour()]++;
                byDay.merge(local.getDayOfWeek(), 1, Integer::sum);
            }
        }
        assertThat(byHour[3]).isLessThan(byHour[10] / 10);
        assertThat(byHour[10]).isGreaterThan(byHour[12]);
        assertThat(byHour[14]).isGreaterThan(byHour[12]);
        assertThat(byDay.get(DayOfWeek.SUNDAY)).isLessThan(byDay.get(DayOfWeek.SATURDAY));
        assertThat(byDay.get(DayOfWeek.SATURDAY)).isLessThan(byDay.get(DayOfWeek.WEDNESDAY) / 2);
        // 40 agents: a weekday is in the low thousands of calls
        assertThat(byDay.get(DayOfWeek.WEDNESDAY)).isBetween(1000, 2500);
    }

    @Test
    void agentsLogInAndOutInPairsAndPausesEnd() {
        Map<String, Integer> logins = new HashMap<>();
        for (QueueLogRow r : week.rows) {
            if (r.event().equals("AGENTLOGIN")) {
                assertThat(logins.merge(r.agent(), 1, Integer::sum)).as("no double login").isEqualTo(1);
                assertThat(r.queue()).isEqualTo("NONE");
                assertThat(r.data(1)).startsWith("PJSIP/");
            } else if (r.event().equals("AGENTLOGOFF")) {
                assertThat(logins.merge(r.agent(), -1, Integer::sum)).isZero();
                assertThat(Long.parseLong(r.data(2))).isPositive();
            }
        }
        assertThat(logins).hasSize(40);
    }

    @Test
    void amiEventsCarryTheCallidsOfTheQueueLog() {
        Instant start = MONDAY.plus(Duration.ofHours(10));
        Recorder r = run(3, start, Duration.ofMinutes(30), true, Duration.ofMinutes(30));
        Set<String> joined = r.events.stream().filter(e -> "QueueCallerJoin".equals(e.eventName()))
                .map(e -> e.get("Uniqueid") + "/" + e.get("Queue")).collect(Collectors.toSet());
        Set<String> entered = r.rows.stream().filter(q -> q.event().equals("ENTERQUEUE"))
                .map(q -> q.callid() + "/" + q.queue()).collect(Collectors.toSet());
        assertThat(joined).isNotEmpty().isEqualTo(entered);
        Map<String, String> connects = r.rows.stream().filter(q -> q.event().equals("CONNECT"))
                .collect(Collectors.toMap(QueueLogRow::callid, q -> q.data(2), (a, b) -> b));
        for (AmiMessage e : r.events) {
            if ("AgentConnect".equals(e.eventName())) {
                assertThat(connects.get(e.get("Uniqueid"))).isEqualTo(e.get("DestUniqueid"));
            }
        }
    }
}
