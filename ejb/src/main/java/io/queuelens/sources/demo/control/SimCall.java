package io.queuelens.sources.demo.control;

import java.util.HashSet;
import java.util.Set;

/** A caller: one channel that may visit several queues (overflow keeps the callid). */
final class SimCall {

    enum State { WAITING, CONNECTED, DONE }

    final SimChannel channel;
    final long startMs;
    final String did;
    State state = State.WAITING;
    SimQueue queue;
    /** Increments with each queue visit, so timers of an earlier visit are ignored. */
    int visit;
    long enterMs;
    int origPosition;
    long patienceMs;
    SimAgent ringing;
    SimChannel ringChannel;
    long ringStartMs;
    final Set<SimAgent> declinedBy = new HashSet<>();
    SimAgent agent;
    SimChannel agentChannel;
    long connectMs;
    int holdSeconds;
    int ringSeconds;

    SimCall(SimChannel channel, long startMs, String did) {
        this.channel = channel;
        this.startMs = startMs;
        this.did = did;
    }

    String callid() {
        return channel.uniqueid;
    }
}
