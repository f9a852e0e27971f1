package io.queuelens.sources.demo.control;

import io.queuelens.sources.demo.entity.QueueDefinition;

import java.util.ArrayList;
import java.util.List;

/** A queue's live state: waiting callers in order, members, and Asterisk's running statistics. */
final class SimQueue {
    final QueueDefinition def;
    final List<SimCall> waiting = new ArrayList<>();
    final List<SimAgent> members = new ArrayList<>();
    SimQueue overflow;
    /** Answered calls (Asterisk's "Completed"), abandoned calls, answered within the SLA. */
    long completed;
    long abandoned;
    long completedInSla;
    /** Running averages like Asterisk's (exponential, weight 1/4 on the new value). */
    double holdtime;
    double talktime;

    SimQueue(QueueDefinition def) {
        this.def = def;
    }

    String name() {
        return def.name();
    }

    int position(SimCall call) {
        return waiting.indexOf(call) + 1;
    }

    void recordAnswered(int holdSeconds) {
        completed++;
        if (holdSeconds <= def.slaSeconds()) {
            completedInSla++;
        }
        holdtime = (holdtime * 3 + holdSeconds) / 4;
    }

    void recordTalk(int talkSeconds) {
        talktime = (talktime * 3 + talkSeconds) / 4;
    }

    double serviceLevelPerf() {
        return completed == 0 ? 0.0 : 100.0 * completedInSla / completed;
    }

    double serviceLevelPerf2() {
        long all = completed + abandoned;
        return all == 0 ? 0.0 : 100.0 * completedInSla / all;
    }

    List<SimAgent> loggedInMembers() {
        List<SimAgent> out = new ArrayList<>();
        for (SimAgent a : members) {
            if (a.loggedIn()) {
                out.add(a);
            }
        }
        return out;
    }
}
