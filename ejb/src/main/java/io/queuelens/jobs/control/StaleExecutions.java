package io.queuelens.jobs.control;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Marks an execution that a killed server left STARTED/STARTING as FAILED in JBatch's own job
 * repository tables (Payara's JBatch: EXECUTIONINSTANCEDATA and STEPEXECUTIONINSTANCEDATA, in the app
 * database). Jakarta Batch has no API for this (jakartaee/batch#157 asks for a "mark failed"), and
 * JobOperator.restart refuses an execution still marked STARTED. The tables are looked up by name
 * suffix (a configured prefix is allowed); when they are missing nothing is changed and the caller
 * falls back to starting the job afresh, which is safe because every QueueLens job is idempotent.
 */
public final class StaleExecutions {

    private static final Logger LOG = Logger.getLogger(StaleExecutions.class.getName());

    private StaleExecutions() {
    }

    /** @return true when the execution's rows were changed to FAILED */
    public static boolean markFailed(Connection c, long executionId) throws SQLException {
        Optional<String> executions = table(c, "EXECUTIONINSTANCEDATA");
        if (executions.isEmpty()) {
            LOG.warning("JBatch's EXECUTIONINSTANCEDATA table is not in the app database; execution " + executionId
                    + " is left as it is");
            return false;
        }
        Timestamp now = Timestamp.from(Instant.now());
        int changed;
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + executions.get() + " SET batchstatus = 'FAILED', "
                + "exitstatus = 'FAILED', endtime = ?, updatetime = ? WHERE jobexecid = ? AND batchstatus IN ('STARTED', 'STARTING', 'STOPPING')")) {
            ps.setTimestamp(1, now);
            ps.setTimestamp(2, now);
            ps.setLong(3, executionId);
            changed = ps.executeUpdate();
        }
        Optional<String> steps = table(c, "STEPEXECUTIONINSTANCEDATA");
        if (steps.isPresent()) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + steps.get() + " SET batchstatus = 'FAILED', "
                    + "exitstatus = 'FAILED' WHERE jobexecid = ? AND batchstatus IN ('STARTED', 'STARTING', 'STOPPING')")) {
                ps.setLong(1, executionId);
                ps.executeUpdate();
            }
        }
        return changed > 0;
    }

    private static Optional<String> table(Connection c, String suffix) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        try (ResultSet rs = meta.getTables(c.getCatalog(), null, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME");
                if (name.toUpperCase(Locale.ROOT).endsWith(suffix)) {
                    return Optional.of(name);
                }
            }
        }
        return Optional.empty();
    }
}
