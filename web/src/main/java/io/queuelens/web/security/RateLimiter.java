package io.queuelens.web.security;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * One {@link TokenBucket} per client key (an IP, a user, a token). Memory stays bounded: buckets that
 * have refilled completely are forgotten (their client is as if new), swept every so many requests and
 * whenever the table is full; if it is still full of active clients, a new client is let through
 * untracked rather than locking out everyone that was not seen before (logins stay throttled per user by
 * the identity component).
 */
final class RateLimiter {

    private final int perMinute;
    private final int burst;
    private final int maxClients;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong calls = new AtomicLong();

    RateLimiter(int perMinute, int burst, int maxClients, LongSupplier nanoClock) {
        this.perMinute = perMinute;
        this.burst = burst;
        this.maxClients = maxClients;
        this.nanoClock = nanoClock;
        new TokenBucket(perMinute, burst, 0); // refuses nonsense settings at start
    }

    /** @return 0 when the request may go on, else the whole seconds the client should wait (at least 1) */
    long retryAfterSeconds(String client) {
        long now = nanoClock.getAsLong();
        if (calls.incrementAndGet() % 1024 == 0) {
            sweep(now);
        }
        TokenBucket bucket = buckets.get(client);
        if (bucket == null) {
            if (buckets.size() >= maxClients) {
                sweep(now);
                if (buckets.size() >= maxClients) {
                    return 0;
                }
            }
            bucket = buckets.computeIfAbsent(client, k -> new TokenBucket(perMinute, burst, now));
        }
        long waitNanos = bucket.take(now);
        return waitNanos == 0 ? 0 : Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
    }

    int clients() {
        return buckets.size();
    }

    private void sweep(long now) {
        buckets.values().removeIf(b -> b.idle(now));
    }
}
