package io.queuelens.live.control;

import io.queuelens.live.entity.LiveMember;
import io.queuelens.live.entity.MemberState;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The writer's mutable view of one member (one interface across the tenant's queues). Only the live
 * model's writer thread touches it; readers get {@link #toLive()} values.
 */
final class MemberRecord {

    final String iface;
    String name;
    String stateInterface;
    /** queue -> paused in that queue (Asterisk pauses per queue; a "pause all" pauses every one). */
    final Map<String, Boolean> pausedIn = new TreeMap<>();
    String pauseReason;
    /** Asterisk device state number (FORMATS.md §3), 1 NOT_INUSE until told otherwise. */
    int deviceStatus = 1;
    boolean inCall;
    /** uniqueid of the caller this member's phone is ringing for, or null. */
    String ringingFor;
    String callUniqueId;
    String callerNumber;
    String callQueue;
    int callsTaken;
    MemberState state = MemberState.AVAILABLE;
    Instant since;
    private LiveMember cached;

    MemberRecord(String iface, Instant now) {
        this.iface = iface;
        this.since = now;
    }

    boolean paused() {
        if (pausedIn.isEmpty()) {
            return false;
        }
        for (boolean p : pausedIn.values()) {
            if (!p) {
                return false;
            }
        }
        return true;
    }

    /** Folds device state, InCall, the current call and pauses into one state (MemberState's precedence). */
    MemberState fold() {
        if (inCall || callUniqueId != null || deviceStatus == 2 || deviceStatus == 3 || deviceStatus == 7
                || deviceStatus == 8) {
            return MemberState.ON_CALL;
        }
        if (ringingFor != null || deviceStatus == 6) {
            return MemberState.RINGING;
        }
        if (paused()) {
            return MemberState.PAUSED;
        }
        if (deviceStatus == 0 || deviceStatus == 4 || deviceStatus == 5) {
            return MemberState.UNAVAILABLE;
        }
        return MemberState.AVAILABLE;
    }

    /** Re-folds the state; {@code since} moves only when the state changes. */
    void refresh(Instant now) {
        MemberState s = fold();
        if (s != state) {
            state = s;
            since = now;
        }
        cached = null;
    }

    /** Whether this member counts as paused in {@code queue} for the queue's figures. */
    boolean pausedIn(String queue) {
        return Boolean.TRUE.equals(pausedIn.get(queue));
    }

    LiveMember toLive() {
        LiveMember m = cached;
        if (m == null) {
            boolean onCall = state == MemberState.ON_CALL;
            m = new LiveMember(iface, name, pausedIn.keySet(), state, since,
                    state == MemberState.PAUSED ? emptyToNull(pauseReason) : null,
                    onCall ? callerNumber : null, onCall ? callQueue : null, callsTaken);
            cached = m;
        }
        return m;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
