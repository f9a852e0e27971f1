package io.queuelens.live.control;

import io.queuelens.kpi.entity.KpiSettings;
import io.queuelens.live.entity.LiveSnapshot;
import org.asteriskjava.manager.event.QueueCallerJoinEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The single writer: what is queued while it works is applied as one batch and published as one snapshot. */
class LiveFeedTest {

    private final List<LiveSnapshot> published = new CopyOnWriteArrayList<>();
    private LiveFeed feed;

    @AfterEach
    void close() {
        if (feed != null) {
            feed.close();
        }
    }

    private LiveFeed feed(long startVersion, int capacity) {
        LiveModel model = new LiveModel("t", ZoneOffset.UTC, (q, at) -> KpiSettings.DEFAULTS, 1000, Instant.now());
        feed = new LiveFeed("t", model, startVersion, s -> {
            published.add(s);
            return s;
        }, Executors.defaultThreadFactory(), capacity,
                Clock.systemUTC());
        return feed;
    }

    private static QueueCallerJoinEvent join(int i) {
        QueueCallerJoinEvent j = new QueueCallerJoinEvent(LiveFeedTest.class);
        j.setQueue("sales");
        j.setUniqueId("100." + i);
        j.setPosition(i + 1);
        return j;
    }

    @Test
    void eventsQueuedWhileTheWriterIsBusyArePublishedAsOneSnapshot() throws Exception {
        LiveFeed f = feed(41, 10_000);
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        f.control(() -> {
            entered.countDown();
            try {
                busy.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        f.start();
        // the writer must be inside the control task before the events come, or it takes them in the same batch
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 500; i++) {
            f.offer("pbx", join(i));
        }
        busy.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((published.isEmpty() || published.get(published.size() - 1).queues().get("sales") == null
                || published.get(published.size() - 1).queues().get("sales").waiting().size() < 500)
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        // the busy batch (the control task), then the 500 events queued meanwhile as one batch: one snapshot each,
        // versions following the one the feed started from
        assertThat(published).extracting(LiveSnapshot::version).containsExactly(42L, 43L);
        assertThat(published.get(1).queues().get("sales").waiting()).hasSize(500);
        assertThat(f.counters("pbx").applied()).isEqualTo(500);
        assertThat(f.batches()).isEqualTo(2);
    }

    @Test
    void anOverflowingInboxDropsCountsAndAsksForOneResync() throws Exception {
        LiveFeed f = feed(0, 100);
        int[] resyncs = new int[1];
        f.onOverflow("pbx", () -> resyncs[0]++);
        // not started: nothing drains, the 101st event on is dropped
        for (int i = 0; i < 150; i++) {
            f.offer("pbx", join(i));
        }
        assertThat(f.backlog()).isEqualTo(100);
        assertThat(f.counters("pbx").dropped()).isEqualTo(50);
        assertThat(resyncs[0]).as("one resync request per second at most").isEqualTo(1);
    }
}
