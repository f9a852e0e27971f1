package io.queuelens.web.api;

import io.queuelens.live.entity.LiveMember;
import io.queuelens.live.entity.LiveQueue;
import io.queuelens.live.entity.LiveSnapshot;

import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A tenant's live picture cut to the queues a caller may see: only those queues; only members of at
 * least one of them, each showing just those memberships; the number and queue of a member's current
 * call only when that call is in one of them.
 */
public final class LiveSnapshotLimit {

    private LiveSnapshotLimit() {
    }

    public static LiveSnapshot to(LiveSnapshot s, Set<String> visible) {
        TreeMap<String, LiveQueue> queues = new TreeMap<>();
        s.queues().forEach((name, q) -> {
            if (visible.contains(name)) {
                queues.put(name, q);
            }
        });
        TreeMap<String, LiveMember> members = new TreeMap<>();
        s.members().forEach((id, m) -> {
            TreeSet<String> theirs = new TreeSet<>(m.queues());
            theirs.retainAll(visible);
            boolean callVisible = m.callQueue() != null && visible.contains(m.callQueue());
            if (!theirs.isEmpty() || callVisible) {
                members.put(id, new LiveMember(m.agent(), m.name(), theirs, m.state(), m.since(), m.pauseReason(),
                        callVisible ? m.callerNumber() : null, callVisible ? m.callQueue() : null, m.callsTaken()));
            }
        });
        return new LiveSnapshot(s.tenantId(), s.version(), s.at(), queues, members, s.connected());
    }
}
