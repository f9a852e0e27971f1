package io.queuelens.login.control;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class LockoutPolicyTest {

    private final LockoutPolicy policy = new LockoutPolicy(3, Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofMinutes(10));
    private final Instant t0 = Instant.parse("2026-12-04T06:00:00Z");

    @Test
    void locksAtTheNthFailureWithinTheWindowAndNotBefore() {
        LockoutPolicy.State s = policy.failed(LockoutPolicy.State.NONE, t0);
        s = policy.failed(s, t0.plusSeconds(10));
        assertThat(s.lockedAt(t0.plusSeconds(10))).isFalse();
        s = policy.failed(s, t0.plusSeconds(20));
        assertThat(s.lockedAt(t0.plusSeconds(20))).isTrue();
        assertThat(s.lockedUntil()).isEqualTo(t0.plusSeconds(80));
        assertThat(s.lockedAt(t0.plusSeconds(80))).as("the lock ends on time").isFalse();
    }

    @Test
    void failuresOutsideTheWindowStartAFreshCount() {
        LockoutPolicy.State s = policy.failed(LockoutPolicy.State.NONE, t0);
        s = policy.failed(s, t0.plusSeconds(60));
        s = policy.failed(s, t0.plus(Duration.ofMinutes(16)));
        assertThat(s.failures()).isEqualTo(1);
        assertThat(s.lockedAt(t0.plus(Duration.ofMinutes(16)))).isFalse();
    }

    @Test
    void attemptsWhileLockedNeitherCountNorExtendTheLock() {
        LockoutPolicy.State s = LockoutPolicy.State.NONE;
        for (int i = 0; i < 3; i++) {
            s = policy.failed(s, t0);
        }
        LockoutPolicy.State during = policy.failed(s, t0.plusSeconds(30));
        assertThat(during).isEqualTo(s);
    }

    @Test
    void everyFurtherLockDoublesUpToTheMaximum() {
        assertThat(policy.lockDuration(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(policy.lockDuration(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(policy.lockDuration(4)).isEqualTo(Duration.ofMinutes(8));
        assertThat(policy.lockDuration(5)).isEqualTo(Duration.ofMinutes(10));
        assertThat(policy.lockDuration(60)).isEqualTo(Duration.ofMinutes(10));

        LockoutPolicy.State s = LockoutPolicy.State.NONE;
        Instant now = t0;
        for (int i = 0; i < 3; i++) {
            s = policy.failed(s, now);
        }
        now = s.lockedUntil();
        for (int i = 0; i < 3; i++) {
            s = policy.failed(s, now);
        }
        assertThat(s.locks()).isEqualTo(2);
        assertThat(s.lockedUntil()).isEqualTo(now.plus(Duration.ofMinutes(2)));
    }

    @Test
    void staleStateIsNotWorthKeepingButARunningLockIs() {
        LockoutPolicy.State s = policy.failed(LockoutPolicy.State.NONE, t0);
        assertThat(policy.worthKeeping(s, t0.plusSeconds(1))).isTrue();
        assertThat(policy.worthKeeping(s, t0.plus(Duration.ofDays(2)))).isFalse();
        LockoutPolicy.State locked = new LockoutPolicy.State(0, null, t0.plus(Duration.ofDays(5)), 9);
        assertThat(policy.worthKeeping(locked, t0.plus(Duration.ofDays(3)))).isTrue();
    }
}
