package io.queuelens.web.live;

import io.queuelens.kpi.entity.KpiSettings;
import io.queuelens.kpi.entity.QueueTotals;
import io.queuelens.live.entity.LiveMember;
import io.queuelens.live.entity.LiveQueue;
import io.queuelens.live.entity.LiveSnapshot;
import io.queuelens.live.entity.MemberState;
import io.queuelens.live.entity.WaitingCaller;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/** Snapshots for the tests, built step by step like the model's writer would publish them. */
final class LiveSnapshots4Test {

    static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");

    private final String tenant;
    private long version;
    private Instant at = T0;
    private final TreeMap<String, List<WaitingCaller>> waiting = new TreeMap<>();
    private final TreeMap<String, QueueTotals> today = new TreeMap<>();
    private final TreeMap<String, LiveMember> members = new TreeMap<>();

    LiveSnapshots4Test(String tenant, String... queues) {
        this.tenant = tenant;
        for (String q : queues) {
            waiting.put(q, new ArrayList<>());
            today.put(q, QueueTotals.ZERO);
        }
    }

    LiveSnapshots4Test join(String queue, String uniqueId, String number, int secondsAgo) {
        List<WaitingCaller> w = waiting.get(queue);
        w.add(new WaitingCaller(queue, uniqueId, number, null, w.size() + 1, at.minusSeconds(secondsAgo)));
        return this;
    }

    LiveSnapshots4Test leave(String queue, String uniqueId) {
        List<WaitingCaller> w = waiting.get(queue);
        w.removeIf(c -> c.uniqueId().equals(uniqueId));
        List<WaitingCaller> renumbered = new ArrayList<>();
        for (WaitingCaller c : w) {
            renumbered.add(new WaitingCaller(queue, c.uniqueId(), c.callerNumber(), c.callerName(), renumbered.size() + 1, c.enteredAt()));
        }
        waiting.put(queue, renumbered);
        return this;
    }

    LiveSnapshots4Test answeredToday(String queue, int waitSeconds) {
        today.put(queue, today.get(queue).plus(new QueueTotals(1, 0, 1, 0, 0, 0, 0, 0, 0, 0,
                waitSeconds <= KpiSettings.DEFAULTS.slaSeconds() ? 1 : 0, 0, 0, 1, 0, waitSeconds, 0, 60, 0, 0, waitSeconds, 1)));
        return this;
    }

    LiveSnapshots4Test member(String agent, MemberState state, String... queues) {
        members.put(agent, new LiveMember(agent, "Agent " + agent, Set.of(queues), state, at, null, null, null, 0));
        return this;
    }

    LiveSnapshots4Test tick(int seconds) {
        at = at.plusSeconds(seconds);
        return this;
    }

    LiveSnapshot publish() {
        version++;
        TreeMap<String, LiveQueue> queues = new TreeMap<>();
        for (String q : waiting.keySet()) {
            int available = 0;
            int onCall = 0;
            int paused = 0;
            int loggedIn = 0;
            for (LiveMember m : members.values()) {
                if (m.queues().contains(q)) {
                    loggedIn++;
                    available += m.state() == MemberState.AVAILABLE ? 1 : 0;
                    onCall += m.state() == MemberState.ON_CALL || m.state() == MemberState.RINGING ? 1 : 0;
                    paused += m.state() == MemberState.PAUSED ? 1 : 0;
                }
            }
            queues.put(q, new LiveQueue(q, waiting.get(q), available, onCall, paused, loggedIn, today.get(q)));
        }
        return new LiveSnapshot(tenant, version, at, queues, members, true);
    }
}
