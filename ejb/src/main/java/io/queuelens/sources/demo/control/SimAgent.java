package io.queuelens.sources.demo.control;

import java.util.ArrayList;
import java.util.List;

/** An agent: one member of one or more queues, with a shift, pauses and a device state. */
final class SimAgent {

    enum State { LOGGED_OUT, AVAILABLE, RINGING, ON_CALL, PAUSED }

    final int index;
    final String extension;
    final String name;
    final List<SimQueue> queues = new ArrayList<>();
    State state = State.LOGGED_OUT;
    String pauseReason = "";
    long loginMs;
    long lastCallMs;
    long lastPauseMs;
    long idleSinceMs;
    int callsTaken;
    /** Identifies the current shift, so timers of an earlier shift are ignored. */
    int shift;
    /** Identifies the current pause, so the end timer of an earlier pause is ignored. */
    int pauseSeq;
    /** A pause or logout that waits for the current call to end. */
    String pendingPauseReason;
    long pendingPauseMs;
    boolean pendingLogout;
    String loginChannel;
    String loginUniqueid;
    SimCall currentCall;

    SimAgent(int index, String extension, String name) {
        this.index = index;
        this.extension = extension;
        this.name = name;
    }

    boolean loggedIn() {
        return state != State.LOGGED_OUT;
    }

    String agentId() {
        return "Agent/" + extension;
    }

    String iface() {
        return "Local/" + extension + "@from-queue/n";
    }

    String stateInterface() {
        return "PJSIP/" + extension;
    }

    /** Asterisk device state number for QueueMember / QueueMemberStatus. */
    int deviceStatus() {
        return switch (state) {
            case LOGGED_OUT -> 5;
            case RINGING -> 6;
            case ON_CALL -> 2;
            default -> 1;
        };
    }

    boolean inCall() {
        return state == State.ON_CALL;
    }

    boolean paused() {
        return state == State.PAUSED;
    }
}
