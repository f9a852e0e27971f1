package io.queuelens.ingest.control;

import java.sql.SQLException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/**
 * Runs a bulk import's commits on a thread of their own, one at a time, while the importing thread parses
 * and assembles the next batch. Committing a batch is mostly waiting for the database (and building its
 * statements); reading the next one is JVM work: taking turns, as before, left one of them idle at any time.
 * <p>
 * At most one commit runs. Handing over the next waits for it, so commits keep their order and at most two
 * batches are in memory. A failed commit is thrown to the importing thread at its next hand-over (or at
 * {@link #finish}), so nothing after a failed commit is committed: the import fails with everything before it
 * stored, as when it ran on one thread. {@link #close} waits for the commit in flight, so nothing of an import
 * goes on writing after it returned.
 */
final class CommitPipeline implements AutoCloseable {

    /** One commit; returns the queue buckets it rebuilt. */
    @FunctionalInterface
    interface Commit {
        long run() throws SQLException;
    }

    /** A new daemon thread per import: for callers outside a container (the CLI, tests, benchmarks). */
    static final ThreadFactory OWN_THREAD = task -> {
        Thread t = new Thread(task, "queuelens-import-commit");
        t.setDaemon(true);
        return t;
    };

    private final ExecutorService thread;
    private Future<Long> running;
    private long buckets;

    CommitPipeline(ThreadFactory threads) {
        this.thread = Executors.newSingleThreadExecutor(threads);
    }

    /** Waits for the commit in flight (throwing its failure), then starts {@code commit} and returns. */
    void hand(Commit commit) throws SQLException {
        awaitRunning();
        running = thread.submit(commit::run);
    }

    /** Waits for the commit in flight, throwing its failure; returns the buckets all commits rebuilt. */
    long finish() throws SQLException {
        awaitRunning();
        return buckets;
    }

    private void awaitRunning() throws SQLException {
        if (running == null) {
            return;
        }
        Future<Long> f = running;
        running = null;
        try {
            buckets += f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while a commit of the import ran", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException sql) {
                throw sql;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** Waits for the commit in flight, if any, ignoring its outcome (the import already failed), and ends the thread. */
    @Override
    public void close() {
        boolean interrupted = false;
        try {
            while (running != null) {
                try {
                    running.get();
                    running = null;
                } catch (InterruptedException e) {
                    interrupted = true; // wait anyway: the commit must not outlive the import
                } catch (ExecutionException e) {
                    running = null;
                }
            }
        } finally {
            thread.shutdown();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
