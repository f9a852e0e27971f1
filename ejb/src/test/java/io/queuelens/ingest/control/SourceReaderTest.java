package io.queuelens.ingest.control;

import io.queuelens.sources.boundary.SourceStatus.State;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** A configured source's reader: state and counters, one log line per failure streak, waiting, stop. */
class SourceReaderTest {

    private final List<LogRecord> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            logged.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        Logger.getLogger(SourceReader.class.getName()).addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        Logger.getLogger(SourceReader.class.getName()).removeHandler(capture);
    }

    @Test
    void failuresAreLoggedOncePerStreakAndShownUntilAStepSucceeds() {
        AtomicInteger calls = new AtomicInteger();
        AtomicBoolean broken = new AtomicBoolean(true);
        SourceReader reader = new SourceReader("t1", "pbx1", "table queue_log of jdbc:mysql://pbx/db", max -> {
            calls.incrementAndGet();
            if (broken.get()) {
                throw new SQLException("Communications link failure");
            }
            return calls.get() % 2 == 0 ? new IngestResult(max, 3, 1, 2, false) : new IngestResult(5, 1, 0, 1, true);
        }, () -> "reading table queue_log");
        assertThat(reader.status().state()).isEqualTo(State.STARTING);

        reader.drain(100);
        reader.drain(100);
        reader.drain(100);
        assertThat(reader.status().state()).isEqualTo(State.RECONNECTING);
        assertThat(reader.status().ready()).isFalse();
        assertThat(reader.status().detail()).isEqualTo(
                "reading table queue_log of jdbc:mysql://pbx/db failed: Communications link failure; retrying");
        assertThat(reader.status().counters()).containsEntry("failedSteps", 3L);
        assertThat(logged).hasSize(1);

        broken.set(false);
        reader.drain(100); // one batch that is not the end, then one that is
        assertThat(reader.status().state()).isEqualTo(State.CONNECTED);
        assertThat(reader.status().ready()).isTrue();
        assertThat(reader.status().detail()).isEqualTo("reading table queue_log");
        assertThat(reader.status().counters()).containsEntry("linesRead", 105L).containsEntry("visits", 4L)
                .containsEntry("quarantined", 1L).containsEntry("failedSteps", 0L);
        assertThat(reader.lastError()).isNull();
        assertThat(reader.status().lastEventAt()).isNotNull();
        assertThat(logged).hasSize(2); // "reads again"

        broken.set(true);
        reader.drain(100);
        assertThat(logged).hasSize(3); // a new streak is logged again

        reader.stop();
        int before = calls.get();
        reader.drain(100);
        assertThat(calls.get()).isEqualTo(before);
        assertThat(reader.status().state()).isEqualTo(State.STOPPED);
    }

    @Test
    void aMissingInputIsNotReadyAndAReaderThatCannotStartNeverReads() {
        AtomicBoolean waiting = new AtomicBoolean(true);
        SourceReader reader = new SourceReader("t1", "pbx1", "the queue_log file /x", max -> IngestResult.NONE,
                () -> "/x does not exist (yet)", waiting::get);
        reader.drain(10);
        assertThat(reader.status().state()).isEqualTo(State.RECONNECTING);
        assertThat(reader.status().ready()).isFalse();
        waiting.set(false);
        reader.drain(10);
        assertThat(reader.status().ready()).isTrue();

        SourceReader failed = SourceReader.failed("t1", "pbx2", "the value does not decrypt with key 'k1'");
        failed.drain(10);
        assertThat(failed.status().state()).isEqualTo(State.FAILED);
        assertThat(failed.status().detail()).contains("does not decrypt");
        assertThat(failed.lastError()).contains("does not decrypt");
    }

    @Test
    void twoReadersOfOneSourceNeverStepAtTheSameTime() throws Exception {
        Object lock = new Object();
        java.util.concurrent.CountDownLatch inStep = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger maxConcurrent = new AtomicInteger();
        SourceReader.Step slow = max -> {
            maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            inStep.countDown();
            release.await();
            concurrent.decrementAndGet();
            return IngestResult.NONE;
        };
        SourceReader old = new SourceReader("t1", "pbx1", "x", slow, () -> "old");
        old.stepsUnder(lock);
        Thread first = new Thread(() -> old.drain(10));
        first.start();
        inStep.await();
        old.stop(); // settings changed while the old reader is in a step

        SourceReader replacement = new SourceReader("t1", "pbx1", "x", max -> {
            maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            concurrent.decrementAndGet();
            return IngestResult.NONE;
        }, () -> "new");
        replacement.stepsUnder(lock);
        Thread second = new Thread(() -> replacement.drain(10));
        second.start();
        second.join(300);
        assertThat(second.isAlive()).as("the new reader waits for the old one's step").isTrue();
        release.countDown();
        first.join(5000);
        second.join(5000);
        assertThat(maxConcurrent.get()).isEqualTo(1);
        assertThat(replacement.status().state()).isEqualTo(State.CONNECTED);
        assertThat(old.status().state()).isEqualTo(State.STOPPED);
    }
}
