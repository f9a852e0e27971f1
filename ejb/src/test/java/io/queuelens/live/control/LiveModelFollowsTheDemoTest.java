package io.queuelens.live.control;

import io.queuelens.kpi.entity.KpiSettings;
import io.queuelens.live.entity.LiveSnapshot;
import io.queuelens.live.entity.WaitingCaller;
import io.queuelens.sources.demo.control.ContactCenterSimulation;
import io.queuelens.sources.demo.control.PbxListener;
import io.queuelens.sources.demo.entity.AmiMessage;
import io.queuelens.sources.demo.entity.QueueDefinition;
import org.asteriskjava.manager.event.ManagerEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's simulated PBX drives the model event by event (through asterisk-java's event builder, as
 * on a connection); at every check the model must equal the PBX's own QueueStatus answer.
 */
class LiveModelFollowsTheDemoTest {

    @Test
    void theModelEqualsThePbxAfterEveryStretchOfEvents() {
        Instant start = LocalDate.of(2026, 11, 23).atTime(9, 30).toInstant(ZoneOffset.UTC);
        List<AmiMessage> pending = new ArrayList<>();
        ContactCenterSimulation sim = new ContactCenterSimulation(7, start, ZoneOffset.UTC, 20, QueueDefinition.defaults(),
                new PbxListener() {
                    @Override
                    public void amiEvent(AmiMessage event) {
                        pending.add(event);
                    }
                });
        LiveModel model = new LiveModel("t", ZoneOffset.UTC, (q, at) -> KpiSettings.DEFAULTS, 10_000, start);
        Instant t = start;
        int malformed = 0;
        for (int step = 0; step < 60; step++) {
            t = t.plus(Duration.ofMinutes(2));
            sim.advanceTo(t);
            for (AmiMessage m : pending) {
                ManagerEvent e = AmiCaptures.event(new AmiCaptures.Frame(0, m.asMap()));
                if (e != null && model.apply("pbx", e, t) == LiveModel.Applied.MALFORMED) {
                    malformed++;
                }
            }
            pending.clear();
            LiveSnapshot s = model.snapshot(step + 1);
            assertThat(folded(s)).as("after %s", t).isEqualTo(truth(sim.queueStatus(null, null)));
        }
        assertThat(malformed).isZero();
        assertThat(model.snapshot(99).members()).hasSizeGreaterThan(10);
    }

    static Map<String, Object> truth(List<AmiMessage> status) {
        Map<String, List<String>> waiting = new TreeMap<>();
        Map<String, TreeMap<String, String>> byMember = new TreeMap<>();
        for (AmiMessage m : status) {
            switch (m.eventName()) {
                case "QueueParams" -> waiting.computeIfAbsent(m.get("Queue"), k -> new ArrayList<>());
                case "QueueEntry" -> waiting.computeIfAbsent(m.get("Queue"), k -> new ArrayList<>()).add(m.get("Uniqueid"));
                case "QueueMember" -> byMember.computeIfAbsent(m.get("Location"), k -> new TreeMap<>()).put(m.get("Queue"), state(m));
                default -> { }
            }
        }
        Map<String, String> members = new TreeMap<>();
        byMember.forEach((iface, queues) -> queues.forEach((q, st) -> members.merge(iface, q + "=" + st, (a, b) -> a + "," + b)));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("waiting", waiting);
        out.put("members", members);
        return out;
    }

    static Map<String, Object> folded(LiveSnapshot s) {
        Map<String, List<String>> waiting = new TreeMap<>();
        s.queues().forEach((name, q) -> waiting.put(name, q.waiting().stream().map(WaitingCaller::uniqueId).toList()));
        Map<String, String> members = new TreeMap<>();
        s.members().forEach((iface, m) -> m.queues().stream().sorted().forEach(q ->
                members.merge(iface, q + "=" + m.state(), (a, b) -> a + "," + b)));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("waiting", waiting);
        out.put("members", members);
        return out;
    }

    static String state(AmiMessage m) {
        int status = Integer.parseInt(m.get("Status"));
        if ("1".equals(m.get("InCall")) || status == 2 || status == 3 || status == 7 || status == 8) {
            return "ON_CALL";
        }
        if (status == 6) {
            return "RINGING";
        }
        if ("1".equals(m.get("Paused"))) {
            return "PAUSED";
        }
        if (status == 0 || status == 4 || status == 5) {
            return "UNAVAILABLE";
        }
        return "AVAILABLE";
    }
}
