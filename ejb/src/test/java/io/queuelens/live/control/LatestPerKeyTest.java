package io.queuelens.live.control;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** At most one value per key per interval, the latest, and never the last one lost. */
class LatestPerKeyTest {

    private static final long INTERVAL_MS = 60;

    private record Out(String key, int value, long atNanos) {
    }

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<Out> out = new CopyOnWriteArrayList<>();
    private final LatestPerKey<String, Integer> latest = new LatestPerKey<>(INTERVAL_MS, timer,
            (k, v) -> out.add(new Out(k, v, System.nanoTime())), System::nanoTime);

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void aBurstGoesOutAsFewValuesTheLastOneIncluded() throws InterruptedException {
        long start = System.nanoTime();
        for (int i = 1; i <= 400; i++) {
            latest.offer("t", i);
            if (i % 40 == 0) {
                Thread.sleep(10); // a burst of 400 snapshots spread over some 100 ms
            }
        }
        long offeredFor = System.nanoTime() - start;

        Eventually.until(java.time.Duration.ofSeconds(2), "the last value", () -> !out.isEmpty() && out.get(out.size() - 1).value() == 400);
        Thread.sleep(3 * INTERVAL_MS);

        assertThat(out.get(out.size() - 1).value()).isEqualTo(400);
        assertThat(out).extracting(Out::value).isSorted().doesNotHaveDuplicates();
        long intervals = TimeUnit.NANOSECONDS.toMillis(offeredFor) / INTERVAL_MS;
        assertThat(out.size()).isLessThanOrEqualTo((int) intervals + 2);
        for (int i = 1; i < out.size(); i++) {
            assertThat(TimeUnit.NANOSECONDS.toMillis(out.get(i).atNanos() - out.get(i - 1).atNanos()))
                    .as("gap before value %d", out.get(i).value()).isGreaterThanOrEqualTo(INTERVAL_MS - 5);
        }
    }

    @Test
    void aValueAfterAQuietIntervalGoesOutAtOnce() throws InterruptedException {
        latest.offer("t", 1);
        Eventually.until(java.time.Duration.ofSeconds(1), "the first value", () -> out.size() == 1);
        Thread.sleep(2 * INTERVAL_MS);

        long offeredAt = System.nanoTime();
        latest.offer("t", 2);
        Eventually.until(java.time.Duration.ofSeconds(1), "the second value", () -> out.size() == 2);

        assertThat(TimeUnit.NANOSECONDS.toMillis(out.get(1).atNanos() - offeredAt)).isLessThan(INTERVAL_MS / 2);
    }

    @Test
    void keysDoNotHoldEachOtherBack() {
        long start = System.nanoTime();
        for (int i = 1; i <= 100; i++) {
            latest.offer("a", i);
            latest.offer("b", i);
        }

        Eventually.until(java.time.Duration.ofSeconds(1), "both keys' last values",
                () -> last("a") != null && last("a").value() == 100 && last("b") != null && last("b").value() == 100);
        // each key has its own interval: neither's last value waits for the other's
        assertThat(out.stream().filter(o -> o.key().equals("a")).count()).isLessThanOrEqualTo(2);
        assertThat(out.stream().filter(o -> o.key().equals("b")).count()).isLessThanOrEqualTo(2);
        for (String key : new String[]{"a", "b"}) {
            assertThat(TimeUnit.NANOSECONDS.toMillis(last(key).atNanos() - start)).as(key).isLessThan(5 * INTERVAL_MS);
        }
    }

    private Out last(String key) {
        Out found = null;
        for (Out o : out) {
            if (o.key().equals(key)) {
                found = o;
            }
        }
        return found;
    }
}
