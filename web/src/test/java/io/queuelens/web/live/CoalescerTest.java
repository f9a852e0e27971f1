package io.queuelens.web.live;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** One flush per tenant per window, the first at once; driven by a hand-moved clock and scheduler. */
class CoalescerTest {

    private final AtomicLong clock = new AtomicLong(1_000);
    private final List<long[]> scheduled = new ArrayList<>(); // {due time, index into tasks}
    private final List<Runnable> tasks = new ArrayList<>();
    private final List<String> flushed = new ArrayList<>();
    private final Coalescer coalescer = new Coalescer(200, clock::get, (task, delay) -> {
        scheduled.add(new long[]{clock.get() + delay, tasks.size()});
        tasks.add(task);
    }, flushed::add);

    /** Moves the clock to {@code t} and runs every task due by then, in order. */
    private void advanceTo(long t) {
        while (true) {
            long[] next = scheduled.stream().filter(s -> s[0] <= t).min((a, b) -> Long.compare(a[0], b[0])).orElse(null);
            if (next == null) {
                break;
            }
            scheduled.remove(next);
            clock.set(Math.max(clock.get(), next[0]));
            tasks.get((int) next[1]).run();
        }
        clock.set(t);
    }

    @Test
    void aChangeAfterQuietIsFlushedAtOnce() {
        coalescer.changed("demo");
        assertThat(scheduled).hasSize(1);
        assertThat(scheduled.get(0)[0]).isEqualTo(1_000);
        advanceTo(1_000);
        assertThat(flushed).containsExactly("demo");
    }

    @Test
    void changesWithinTheWindowAreFoldedIntoOneFlushAtItsEnd() {
        coalescer.changed("demo");
        advanceTo(1_000);
        for (int t = 1_010; t < 1_200; t += 10) {
            advanceTo(t);
            coalescer.changed("demo");
        }
        assertThat(flushed).hasSize(1);
        assertThat(scheduled).hasSize(1);
        assertThat(scheduled.get(0)[0]).isEqualTo(1_200);
        advanceTo(1_200);
        assertThat(flushed).hasSize(2);
        advanceTo(5_000);
        assertThat(flushed).hasSize(2); // nothing changed since: no more flushes
    }

    @Test
    void aSteadyStreamGivesOneFlushPerWindowAndTenantsDoNotWaitForEachOther() {
        for (long t = 1_000; t < 3_000; t += 5) {
            advanceTo(t);
            coalescer.changed("demo");
            if (t % 100 == 0) {
                coalescer.changed("other");
            }
        }
        advanceTo(3_000);
        assertThat(flushed.stream().filter("demo"::equals).count()).isEqualTo(11); // at 1000, 1200, ..., 3000
        assertThat(flushed.stream().filter("other"::equals).count()).isEqualTo(11); // at 1000, 1200, ..., 3000
    }

    @Test
    void aChangeDuringAFlushIsFlushedInTheNextWindow() {
        Coalescer[] self = new Coalescer[1];
        List<String> order = new ArrayList<>();
        self[0] = new Coalescer(200, clock::get, (task, delay) -> {
            scheduled.add(new long[]{clock.get() + delay, tasks.size()});
            tasks.add(task);
        }, tenant -> {
            order.add(tenant + "@" + clock.get());
            if (order.size() == 1) {
                self[0].changed(tenant); // the model published again while we were pushing
            }
        });
        self[0].changed("demo");
        advanceTo(2_000);
        assertThat(order).containsExactly("demo@1000", "demo@1200");
    }
}
