package io.queuelens.mail.control;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The wait before the next delivery attempt: doubling from {@code base} per failed attempt, capped at
 * {@code max}, of which a random half is taken off ("equal jitter"), so that mails failing together
 * (a mail server down) do not all come back at the same second.
 */
public record Backoff(Duration base, Duration max) {

    public Backoff {
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < base <= max, was " + base + ", " + max);
        }
    }

    /** The un-jittered wait after the {@code failedAttempts}-th failure (1 = first). */
    public Duration ceiling(int failedAttempts) {
        int doublings = Math.max(0, Math.min(failedAttempts - 1, 40));
        long millis = base.toMillis();
        for (int i = 0; i < doublings && millis < max.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }

    /** A wait between half of {@link #ceiling} and all of it. */
    public Duration delay(int failedAttempts, RandomGenerator random) {
        long ceiling = ceiling(failedAttempts).toMillis();
        long half = ceiling / 2;
        return Duration.ofMillis(ceiling - half + random.nextLong(half + 1));
    }
}
