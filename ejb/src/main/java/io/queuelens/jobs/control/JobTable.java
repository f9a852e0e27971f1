package io.queuelens.jobs.control;

import io.queuelens.jobs.entity.JobLaunch;
import io.queuelens.schema.control.UtcColumns;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The job_launch, job_restart and job_skipped_item rows. Claims rely on the unique keys: an insert
 * that collides means someone else claimed first, which is an answer, not an error.
 */
public final class JobTable {

    private static final String LAUNCH_COLUMNS = "id, job_name, tenant_id, business_key, execution_id, launched_by, "
            + "launched_at, items_total, last_error, parameters, items_done, running_on";

    /** A restart as recorded: the new execution is null between the claim and JobOperator.restart. */
    public record Restart(long executionId, long launchId, Long newExecutionId, String restartedBy, String reason) {
    }

    private JobTable() {
    }

    /** Inserts the launch row; empty when the (job, tenant, key) was claimed before. */
    public static Optional<JobLaunch> claim(Connection c, String job, String tenant, String key, String by, Instant at,
                                           java.util.Properties parameters, String member) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO job_launch (job_name, tenant_id, business_key, "
                + "launched_by, launched_at, parameters, running_on) VALUES (?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, job);
            ps.setString(2, tenant);
            ps.setString(3, key);
            ps.setString(4, by);
            ps.setObject(5, UtcColumns.of(at));
            ps.setString(6, JobLaunch.text(parameters));
            ps.setString(7, member);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return Optional.of(new JobLaunch(keys.getLong(1), job, tenant, key, null, by, at, null, 0, null,
                        JobLaunch.text(parameters), member));
            }
        } catch (SQLException e) {
            if (isDuplicate(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public static boolean isDuplicate(SQLException e) {
        return e instanceof java.sql.SQLIntegrityConstraintViolationException
                || (e.getSQLState() != null && e.getSQLState().startsWith("23"));
    }

    public static Optional<JobLaunch> byKey(Connection c, String job, String tenant, String key) throws SQLException {
        return one(c, "job_name = ? AND tenant_id = ? AND business_key = ?", job, tenant, key);
    }

    public static Optional<JobLaunch> byId(Connection c, long id) throws SQLException {
        return one(c, "id = ?", id);
    }

    /** The launch an execution belongs to: its first execution, or one of its restarts. */
    public static Optional<JobLaunch> byExecution(Connection c, long executionId) throws SQLException {
        return one(c, "execution_id = ? OR id IN (SELECT launch_id FROM job_restart WHERE new_execution_id = ?)",
                executionId, executionId);
    }

    /** The newest launches first, of the given tenants (null = every tenant). */
    public static List<JobLaunch> recent(Connection c, Collection<String> tenants, Instant since, int limit) throws SQLException {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder("launched_at >= ?");
        args.add(UtcColumns.of(since));
        if (tenants != null) {
            if (tenants.isEmpty()) {
                return List.of();
            }
            where.append(" AND tenant_id IN (").append(String.join(", ", Collections.nCopies(tenants.size(), "?"))).append(')');
            args.addAll(tenants);
        }
        return list(c, "SELECT " + LAUNCH_COLUMNS + " FROM job_launch WHERE " + where + " ORDER BY launched_at DESC, id DESC"
                + " LIMIT " + limit, args.toArray());
    }

    /** Records the execution a launch started as, and the member running it, in one statement. */
    public static void started(Connection c, long launchId, long executionId, String member) throws SQLException {
        update(c, "UPDATE job_launch SET execution_id = ?, running_on = ? WHERE id = ?", executionId, member, launchId);
    }

    /**
     * Launches of the last days marked as run by a member that is not among {@code alive} (or, with
     * {@code alive} empty, by any member): the candidates of a recovery. Launches without a member
     * (made before V22, or seen ended) are not among them.
     */
    public static List<JobLaunch> runningOnOthers(Connection c, Collection<String> alive, Instant since) throws SQLException {
        List<Object> args = new ArrayList<>();
        args.add(UtcColumns.of(since));
        StringBuilder where = new StringBuilder("launched_at >= ? AND running_on IS NOT NULL");
        if (!alive.isEmpty()) {
            where.append(" AND running_on NOT IN (").append(String.join(", ", Collections.nCopies(alive.size(), "?"))).append(')');
            args.addAll(alive);
        }
        return list(c, "SELECT " + LAUNCH_COLUMNS + " FROM job_launch WHERE " + where + " ORDER BY id", args.toArray());
    }

    /**
     * Moves a launch from the member that ran it to another, if it still is that member's: true for
     * exactly one of several members trying at once (the conditional UPDATE is the arbiter).
     */
    public static boolean takeOver(Connection c, long launchId, String from, String to) throws SQLException {
        return count(c, "UPDATE job_launch SET running_on = ? WHERE id = ? AND running_on = ?", to, launchId, from) == 1;
    }

    /** Marks the member running a launch (null: nobody, its execution ended). */
    public static void setRunningOn(Connection c, long launchId, String member) throws SQLException {
        update(c, "UPDATE job_launch SET running_on = ? WHERE id = ?", member, launchId);
    }

    /** Which member runs the launch now (null when none is recorded). */
    public static Optional<String> runningOn(Connection c, long launchId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT running_on FROM job_launch WHERE id = ?")) {
            ps.setLong(1, launchId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    public static void setItemsTotal(Connection c, long launchId, int items) throws SQLException {
        update(c, "UPDATE job_launch SET items_total = ? WHERE id = ?", items, launchId);
    }

    /** Counts committed items; called in the job's chunk transaction, so it commits with the items. */
    public static void addItemsDone(Connection c, long launchId, int items) throws SQLException {
        update(c, "UPDATE job_launch SET items_done = items_done + ? WHERE id = ?", items, launchId);
    }

    public static void setError(Connection c, long launchId, String error) throws SQLException {
        update(c, "UPDATE job_launch SET last_error = ? WHERE id = ?", error == null ? null
                : error.substring(0, Math.min(1000, error.length())), launchId);
    }

    /** Claims the one restart of an execution; false when it was restarted before. */
    public static boolean claimRestart(Connection c, long executionId, long launchId, String by, String reason, Instant at)
            throws SQLException {
        try {
            update(c, "INSERT INTO job_restart (execution_id, launch_id, restarted_by, restarted_at, reason) VALUES (?, ?, ?, ?, ?)",
                    executionId, launchId, by, UtcColumns.of(at), reason);
            return true;
        } catch (SQLException e) {
            if (isDuplicate(e)) {
                return false;
            }
            throw e;
        }
    }

    public static void setRestartedAs(Connection c, long executionId, long newExecutionId) throws SQLException {
        update(c, "UPDATE job_restart SET new_execution_id = ? WHERE execution_id = ?", newExecutionId, executionId);
    }

    /** Gives a restart claim back (JobOperator refused it), so the refusal does not count as the one restart. */
    public static void releaseRestart(Connection c, long executionId) throws SQLException {
        update(c, "DELETE FROM job_restart WHERE execution_id = ? AND new_execution_id IS NULL", executionId);
    }

    /** Restarts of the given launches, by restarted execution. */
    public static Map<Long, Restart> restarts(Connection c, Collection<Long> launchIds) throws SQLException {
        Map<Long, Restart> out = new HashMap<>();
        if (launchIds.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT execution_id, launch_id, new_execution_id, restarted_by, reason "
                + "FROM job_restart WHERE launch_id IN (" + String.join(", ", Collections.nCopies(launchIds.size(), "?")) + ")")) {
            int i = 1;
            for (Long id : launchIds) {
                ps.setLong(i++, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long newId = rs.getLong(3);
                    Long newExecution = rs.wasNull() ? null : newId; // read before the next column: wasNull is about the last one
                    out.put(rs.getLong(1), new Restart(rs.getLong(1), rs.getLong(2), newExecution, rs.getString(4),
                            rs.getString(5)));
                }
            }
        }
        return out;
    }

    public static void recordSkip(Connection c, long executionId, String item, String reason, Instant at) throws SQLException {
        update(c, "INSERT INTO job_skipped_item (execution_id, item, reason, skipped_at) VALUES (?, ?, ?, ?)", executionId,
                item == null ? null : item.substring(0, Math.min(255, item.length())),
                reason.substring(0, Math.min(1000, reason.length())), UtcColumns.of(at));
    }

    public static List<String> skipped(Connection c, long executionId) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT item, reason FROM job_skipped_item WHERE execution_id = ? ORDER BY id")) {
            ps.setLong(1, executionId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1) + ": " + rs.getString(2));
                }
            }
        }
        return out;
    }

    private static Optional<JobLaunch> one(Connection c, String where, Object... args) throws SQLException {
        List<JobLaunch> found = list(c, "SELECT " + LAUNCH_COLUMNS + " FROM job_launch WHERE " + where, args);
        return found.stream().findFirst();
    }

    private static List<JobLaunch> list(Connection c, String sql, Object... args) throws SQLException {
        List<JobLaunch> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long exec = rs.getLong(5);
                    Long execution = rs.wasNull() ? null : exec;
                    int items = rs.getInt(8);
                    Integer total = rs.wasNull() ? null : items;
                    out.add(new JobLaunch(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), execution,
                            rs.getString(6), UtcColumns.instant(rs.getObject(7, LocalDateTime.class)), total, rs.getInt(11), rs.getString(9),
                            rs.getString(10), rs.getString(12)));
                }
            }
        }
        return out;
    }

    private static void update(Connection c, String sql, Object... args) throws SQLException {
        count(c, sql, args);
    }

    private static int count(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        }
    }
}
