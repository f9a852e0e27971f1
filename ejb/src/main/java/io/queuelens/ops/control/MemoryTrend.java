package io.queuelens.ops.control;

import io.queuelens.ops.entity.MemorySample;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;

import java.time.Instant;
import java.util.List;

/**
 * Heap and RSS sampled every 10 seconds into a ring of the last hour (360 samples, a few kilobytes),
 * for the trend chart of the operations page. In memory only: a restart starts a new trend, which is
 * what an operator wants to see after one.
 */
@Singleton
@Startup
public class MemoryTrend {

    static final long INTERVAL_MILLIS = 10_000;
    static final int SAMPLES = 360;

    @Resource
    TimerService timers;

    private final SampleRing<MemorySample> ring = new SampleRing<>(SAMPLES);

    @PostConstruct
    void start() {
        sample();
        timers.createIntervalTimer(INTERVAL_MILLIS, INTERVAL_MILLIS, new TimerConfig("ops-memory-trend", false));
    }

    @Timeout
    void sample() {
        ring.add(ProcessMemory.sample(Instant.now()));
    }

    @jakarta.ejb.Lock(jakarta.ejb.LockType.READ)
    public List<MemorySample> samples() {
        return ring.toList();
    }
}
