package io.queuelens.login.control;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Failed logins and bearer tokens per client address, in memory and bounded: at most {@code capacity}
 * addresses are remembered (the least recently failing one is forgotten first, expired ones before
 * that), so a flood from many addresses cannot grow the heap. Lost on restart on purpose: the per-user
 * state in the database is what protects accounts across restarts.
 */
public final class IpFailures {

    private final LockoutPolicy policy;
    private final int capacity;
    private final Map<String, LockoutPolicy.State> states;

    public IpFailures(LockoutPolicy policy, int capacity) {
        this.policy = policy;
        this.capacity = capacity;
        this.states = new LinkedHashMap<>(16, 0.75f, true);
    }

    public synchronized boolean lockedAt(String address, Instant now) {
        LockoutPolicy.State s = states.get(address);
        return s != null && s.lockedAt(now);
    }

    /** Counts a failure; true when this one locked the address. */
    public synchronized boolean failed(String address, Instant now) {
        LockoutPolicy.State before = states.getOrDefault(address, LockoutPolicy.State.NONE);
        LockoutPolicy.State after = policy.failed(before, now);
        states.put(address, after);
        if (states.size() > capacity) {
            evict(now);
        }
        return !before.lockedAt(now) && after.lockedAt(now);
    }

    public synchronized int size() {
        return states.size();
    }

    private void evict(Instant now) {
        states.values().removeIf(s -> !s.lockedAt(now) && !policy.worthKeeping(s, now));
        Iterator<String> eldest = states.keySet().iterator();
        while (states.size() > capacity && eldest.hasNext()) {
            eldest.next();
            eldest.remove();
        }
    }
}
