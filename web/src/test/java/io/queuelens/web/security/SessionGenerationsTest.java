package io.queuelens.web.security;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class SessionGenerationsTest {

    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger reads = new AtomicInteger();
    private final Map<String, Long> stored = new HashMap<>(Map.of("ann", 3L));

    private SessionGenerations generations(long ttlMillis) {
        SessionGenerations g = new SessionGenerations();
        g.ttlMillis = ttlMillis;
        g.nanos = now::get;
        g.reader = user -> {
            reads.incrementAndGet();
            return stored.getOrDefault(user, 0L);
        };
        return g;
    }

    @Test
    void aGenerationIsReadOncePerTimeToLive() {
        SessionGenerations g = generations(1000);
        assertThat(g.current("ann")).isEqualTo(3);
        stored.put("ann", 4L);
        now.addAndGet(999_000_000L);
        assertThat(g.current("ann")).as("still cached").isEqualTo(3);
        now.addAndGet(2_000_000L);
        assertThat(g.current("ann")).as("read again after the time-to-live").isEqualTo(4);
        assertThat(reads.get()).isEqualTo(2);
    }

    @Test
    void endedSessionsAreForgottenAtOnceAndRefreshReadsNow() {
        SessionGenerations g = generations(60_000);
        g.current("ann");
        stored.put("ann", 5L);
        g.forget("ann");
        assertThat(g.current("ann")).isEqualTo(5);
        stored.put("ann", 6L);
        assertThat(g.refresh("ann")).isEqualTo(6);
    }

    @Test
    void aZeroTimeToLiveAsksEveryTime() {
        SessionGenerations g = generations(0);
        g.current("ann");
        g.current("ann");
        assertThat(reads.get()).isEqualTo(2);
    }
}
