package io.queuelens.web.security;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateLimiterTest {

    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong clock = new AtomicLong(5 * SECOND);

    @Test
    void aBucketLetsTheBurstThroughThenOneRequestPerRefill() {
        TokenBucket b = new TokenBucket(60, 3, clock.get()); // one a second, three at once
        assertThat(b.take(clock.get())).isZero();
        assertThat(b.take(clock.get())).isZero();
        assertThat(b.take(clock.get())).isZero();
        long wait = b.take(clock.get());
        assertThat(wait).isBetween(SECOND - 10, SECOND);
        assertThat(b.take(clock.get() + SECOND / 2)).as("half a token is no token").isBetween(SECOND / 2 - 10, SECOND / 2);
        assertThat(b.take(clock.get() + SECOND)).isZero();
        assertThat(b.take(clock.get() + SECOND)).isPositive();
        assertThat(b.idle(clock.get() + 10 * SECOND)).isTrue();
        assertThat(new TokenBucket(60, 3, 0).idle(0)).isTrue();
    }

    @Test
    void aBucketNeverHoldsMoreThanItsBurst() {
        TokenBucket b = new TokenBucket(600, 2, 0);
        long later = 3600 * SECOND;
        assertThat(b.take(later)).isZero();
        assertThat(b.take(later)).isZero();
        assertThat(b.take(later)).isPositive();
    }

    @Test
    void clientsHaveTheirOwnBucketsAndAreToldWholeSecondsToWait() {
        RateLimiter limiter = new RateLimiter(30, 2, 100, clock::get); // one every 2 s
        assertThat(limiter.retryAfterSeconds("10.0.0.1")).isZero();
        assertThat(limiter.retryAfterSeconds("10.0.0.1")).isZero();
        assertThat(limiter.retryAfterSeconds("10.0.0.1")).isEqualTo(2);
        assertThat(limiter.retryAfterSeconds("10.0.0.2")).as("another client").isZero();
        clock.addAndGet(SECOND + SECOND / 2);
        assertThat(limiter.retryAfterSeconds("10.0.0.1")).isEqualTo(1);
        clock.addAndGet(SECOND);
        assertThat(limiter.retryAfterSeconds("10.0.0.1")).isZero();
    }

    @Test
    void memoryStaysBoundedIdleClientsAreForgotten() {
        RateLimiter limiter = new RateLimiter(60, 5, 10, clock::get);
        for (int i = 0; i < 10; i++) {
            limiter.retryAfterSeconds("c" + i);
        }
        assertThat(limiter.clients()).isEqualTo(10);
        // full of active clients: a new one passes untracked
        assertThat(limiter.retryAfterSeconds("new")).isZero();
        assertThat(limiter.clients()).isEqualTo(10);
        clock.addAndGet(10 * SECOND); // all refilled: idle
        assertThat(limiter.retryAfterSeconds("new")).isZero();
        assertThat(limiter.clients()).isEqualTo(1);
        for (int i = 0; i < 5000; i++) {
            clock.addAndGet(SECOND);
            limiter.retryAfterSeconds("ip" + i);
        }
        assertThat(limiter.clients()).isLessThanOrEqualTo(10);
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThatThrownBy(() -> new RateLimiter(0, 5, 10, clock::get)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimiter(5, 0, 10, clock::get)).isInstanceOf(IllegalArgumentException.class);
    }
}
