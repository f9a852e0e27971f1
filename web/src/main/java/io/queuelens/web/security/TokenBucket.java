package io.queuelens.web.security;

/**
 * A token bucket: holds up to {@code burst} tokens, refilled at {@code perMinute} tokens a minute; each
 * request takes one. Time is passed in (nanoseconds of a monotonic clock) so tests need no sleeping.
 */
final class TokenBucket {

    private final double capacity;
    private final double tokensPerNano;
    private double tokens;
    private long updatedAt;

    TokenBucket(int perMinute, int burst, long now) {
        if (perMinute < 1 || burst < 1) {
            throw new IllegalArgumentException("a bucket needs at least 1 request a minute and a burst of 1");
        }
        this.capacity = burst;
        this.tokensPerNano = perMinute / 60e9;
        this.tokens = burst;
        this.updatedAt = now;
    }

    /** @return 0 when a token was taken, else the nanoseconds until one is there (nothing is taken) */
    synchronized long take(long now) {
        refill(now);
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / tokensPerNano);
    }

    /** Full again and untouched since: forgetting it changes nothing for its client. */
    synchronized boolean idle(long now) {
        refill(now);
        return tokens >= capacity;
    }

    private void refill(long now) {
        if (now > updatedAt) {
            tokens = Math.min(capacity, tokens + (now - updatedAt) * tokensPerNano);
            updatedAt = now;
        }
    }
}
