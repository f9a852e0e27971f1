package io.queuelens.rollups.control;

import io.queuelens.testsupport.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rollup writers of one tenant and table wait for each other until commit; other tenants and the other
 * table do not wait. On both databases, since a writer's correctness rests on it.
 */
class RollupLockTest {

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void aSecondWriterOfTheSameTenantAndTableWaitsForTheFirstsCommit(String kind) throws Exception {
        ExecutorService other = Executors.newFixedThreadPool(3);
        try (TestDatabases.Db db = TestDatabases.open(kind); Connection first = db.dataSource().getConnection()) {
            first.setAutoCommit(false);
            RollupLock.QUEUE.acquire(first, "t1");

            CompletableFuture<Void> sameLock = CompletableFuture.runAsync(() -> lockAndCommit(db, RollupLock.QUEUE, "t1"), other);
            CompletableFuture<Void> otherTable = CompletableFuture.runAsync(() -> lockAndCommit(db, RollupLock.AGENT, "t1"), other);
            CompletableFuture<Void> otherTenant = CompletableFuture.runAsync(() -> lockAndCommit(db, RollupLock.QUEUE, "t2"), other);

            assertThat(otherTable).succeedsWithin(Duration.ofSeconds(10));
            assertThat(otherTenant).succeedsWithin(Duration.ofSeconds(10));
            Thread.sleep(500);
            assertThat(sameLock).as("waits while the first transaction runs").isNotDone();

            first.commit();
            assertThat(sameLock).succeedsWithin(Duration.ofSeconds(10));
        } finally {
            other.shutdownNow();
        }
    }

    private static void lockAndCommit(TestDatabases.Db db, RollupLock lock, String tenant) {
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            lock.acquire(c, tenant);
            c.commit();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
