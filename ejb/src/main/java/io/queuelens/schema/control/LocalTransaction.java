package io.queuelens.schema.control;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * One local JDBC transaction on a connection of a data source: committed when the work returns, rolled
 * back when it throws, the connection's auto-commit restored before it goes back to the pool. The
 * readers, importers and rollup rebuilds commit their own batches (no container transaction: a
 * multi-gigabyte import must not become one transaction), and this is the one place that does it.
 */
public final class LocalTransaction {

    /** Work done inside the transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T in(Connection c) throws SQLException;
    }

    /** Work without a result. */
    @FunctionalInterface
    public interface VoidWork {
        void in(Connection c) throws SQLException;
    }

    private LocalTransaction() {
    }

    /** @return what the work returned, once committed */
    public static <T> T call(DataSource dataSource, Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.in(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    public static void run(DataSource dataSource, VoidWork work) throws SQLException {
        call(dataSource, c -> {
            work.in(c);
            return null;
        });
    }
}
