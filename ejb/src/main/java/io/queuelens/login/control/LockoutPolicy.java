package io.queuelens.login.control;

import java.time.Duration;
import java.time.Instant;

/**
 * When repeated failures lock a key (a user name or a client address), and for how long: {@code maxFailures}
 * failures within {@code window} lock it for {@code firstLock}; every further lock before a success
 * doubles that, up to {@code maxLock}, so a patient attacker gains little and a user who mistyped a few
 * times waits only briefly.
 */
public record LockoutPolicy(int maxFailures, Duration window, Duration firstLock, Duration maxLock) {

    public LockoutPolicy {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be at least 1");
        }
        if (window.isNegative() || window.isZero() || firstLock.isNegative() || firstLock.isZero()) {
            throw new IllegalArgumentException("window and lock must be positive");
        }
        if (maxLock.compareTo(firstLock) < 0) {
            maxLock = firstLock;
        }
    }

    /** Failures of one key: how many in the current window, since when, and the lock they caused. */
    public record State(int failures, Instant windowStart, Instant lockedUntil, int locks) {

        public static final State NONE = new State(0, null, null, 0);

        public boolean lockedAt(Instant now) {
            return lockedUntil != null && now.isBefore(lockedUntil);
        }
    }

    /** The state after one more failure at {@code now}; {@code lockedUntil} is set when this failure locks the key. */
    public State failed(State before, Instant now) {
        if (before.lockedAt(now)) {
            return before; // attempts while locked neither count nor extend the lock
        }
        boolean windowOpen = before.windowStart() != null && now.isBefore(before.windowStart().plus(window));
        int failures = windowOpen ? before.failures() + 1 : 1;
        Instant windowStart = windowOpen ? before.windowStart() : now;
        if (failures < maxFailures) {
            return new State(failures, windowStart, before.lockedUntil(), before.locks());
        }
        int locks = before.locks() + 1;
        return new State(0, null, now.plus(lockDuration(locks)), locks);
    }

    /** {@code firstLock * 2^(locks-1)}, at most {@code maxLock}. */
    public Duration lockDuration(int locks) {
        Duration d = firstLock;
        for (int i = 1; i < locks && d.compareTo(maxLock) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxLock) > 0 ? maxLock : d;
    }

    /** Whether {@code s} is worth keeping at {@code now}: a lock or a window still running, or locks that still grow the next one. */
    public boolean worthKeeping(State s, Instant now) {
        Instant last = s.lockedUntil() != null && (s.windowStart() == null || s.lockedUntil().isAfter(s.windowStart()))
                ? s.lockedUntil() : s.windowStart();
        // Lock counts are forgotten after a quiet day (or maxLock, when longer), so the growth does not last forever.
        Duration memory = maxLock.compareTo(Duration.ofDays(1)) > 0 ? maxLock : Duration.ofDays(1);
        return last != null && now.isBefore(last.plus(window).plus(memory));
    }
}
