package io.queuelens.ingest.control;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommitPipelineTest {

    @Test
    void theNextBatchIsReadWhileACommitRunsAndCommitsKeepTheirOrder() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (CommitPipeline commits = new CommitPipeline(CommitPipeline.OWN_THREAD)) {
            commits.hand(() -> {
                log.add("commit 1 on " + Thread.currentThread().getName());
                started.countDown();
                await(release);
                log.add("commit 1 done");
                return 3;
            });
            // the hand-over returned while commit 1 still waits: the importing thread reads on meanwhile
            await(started);
            log.add("reading batch 2");
            release.countDown();
            commits.hand(() -> {
                log.add("commit 2");
                return 4;
            });
            assertThat(commits.finish()).isEqualTo(7);
        }
        assertThat(log).containsExactly("commit 1 on queuelens-import-commit", "reading batch 2", "commit 1 done", "commit 2");
    }

    @Test
    void aFailedCommitIsThrownAtTheNextHandOverAndNothingAfterItIsCommitted() throws Exception {
        AtomicBoolean laterRan = new AtomicBoolean();
        try (CommitPipeline commits = new CommitPipeline(CommitPipeline.OWN_THREAD)) {
            commits.hand(() -> {
                throw new SQLException("disk full");
            });
            assertThatThrownBy(() -> commits.hand(() -> {
                laterRan.set(true);
                return 0;
            })).isInstanceOf(SQLException.class).hasMessage("disk full");
            assertThat(commits.finish()).isZero(); // the failure was reported once; nothing runs now
        }
        assertThat(laterRan).isFalse();
    }

    @Test
    void theLastCommitsFailureIsThrownByFinish() throws Exception {
        try (CommitPipeline commits = new CommitPipeline(CommitPipeline.OWN_THREAD)) {
            commits.hand(() -> 1);
            commits.hand(() -> {
                throw new IllegalStateException("lock wait timeout");
            });
            assertThatThrownBy(commits::finish).isInstanceOf(IllegalStateException.class).hasMessage("lock wait timeout");
        }
    }

    @Test
    void closeWaitsForTheCommitInFlight() throws Exception {
        AtomicBoolean finished = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(1);
        CommitPipeline commits = new CommitPipeline(CommitPipeline.OWN_THREAD);
        commits.hand(() -> {
            started.countDown();
            await(new CountDownLatch(1), 300);
            finished.set(true);
            return 0;
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        commits.close(); // as after a failure of the reading thread: the commit must not outlive the import
        assertThat(finished).isTrue();
    }

    private static void await(CountDownLatch latch) {
        if (!await(latch, 10_000)) {
            throw new IllegalStateException("never released");
        }
    }

    private static boolean await(CountDownLatch latch, long millis) {
        try {
            return latch.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
