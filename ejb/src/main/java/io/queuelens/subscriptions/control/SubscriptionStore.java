package io.queuelens.subscriptions.control;

import io.queuelens.exports.entity.ExportFormat;
import io.queuelens.exports.entity.ReportName;
import io.queuelens.subscriptions.entity.Frequency;
import io.queuelens.subscriptions.entity.PeriodKind;
import io.queuelens.subscriptions.entity.Schedule;
import io.queuelens.subscriptions.entity.Subscription;
import io.queuelens.subscriptions.entity.SubscriptionRun;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.time.LocalDateTime;
import io.queuelens.schema.control.UtcColumns;
import java.sql.Types;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The subscription tables over plain JDBC (the caller owns the connection and its transaction). */
public final class SubscriptionStore {

    private static final String COLUMNS = "id, tenant_id, owner, report, period, queues, agents, time_zone, formats, "
            + "recipients, frequency, at_time, weekday, day_of_month, enabled, last_run_at, next_run_at, updated_at";
    private static final String RUN_COLUMNS = "id, subscription_id, tenant_id, run_key, scheduled_at, period_from, period_to, "
            + "requested_by, status, error, mail_id, created_at, finished_at";

    private SubscriptionStore() {
    }

    public static long insert(Connection c, Subscription s, Instant nextRun, String by) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO report_subscription (tenant_id, owner, report, period, "
                + "queues, agents, time_zone, formats, recipients, frequency, at_time, weekday, day_of_month, enabled, "
                + "next_run_at, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            p.setString(1, s.tenant());
            p.setString(2, s.owner());
            int i = bind(p, 3, s);
            p.setObject(i++, ts(nextRun));
            p.setObject(i++, ts(Instant.now()));
            p.setString(i, by);
            p.executeUpdate();
            try (ResultSet rs = p.getGeneratedKeys()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Changes what and when (not the owner); false when the row is gone. */
    public static boolean update(Connection c, Subscription s, Instant nextRun, String by) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE report_subscription SET report = ?, period = ?, queues = ?, "
                + "agents = ?, time_zone = ?, formats = ?, recipients = ?, frequency = ?, at_time = ?, weekday = ?, "
                + "day_of_month = ?, enabled = ?, next_run_at = ?, updated_at = ?, updated_by = ? WHERE id = ? AND tenant_id = ?")) {
            int i = bind(p, 1, s);
            p.setObject(i++, ts(nextRun));
            p.setObject(i++, ts(Instant.now()));
            p.setString(i++, by);
            p.setLong(i++, s.id());
            p.setString(i, s.tenant());
            return p.executeUpdate() == 1;
        }
    }

    private static int bind(PreparedStatement p, int i, Subscription s) throws SQLException {
        p.setString(i++, s.report().apiName());
        p.setString(i++, s.period().apiName());
        p.setString(i++, String.join("\n", s.queues()));
        p.setString(i++, String.join("\n", s.agents()));
        p.setString(i++, s.zone() == null ? null : s.zone().getId());
        p.setString(i++, String.join(",", s.formats().stream().map(ExportFormat::apiName).toList()));
        p.setString(i++, String.join("\n", s.recipients()));
        p.setString(i++, s.schedule().frequency().apiName());
        p.setString(i++, String.format(Locale.ROOT, "%02d:%02d", s.schedule().at().getHour(), s.schedule().at().getMinute()));
        p.setString(i++, s.schedule().weekday() == null ? null : s.schedule().weekday().name());
        if (s.schedule().dayOfMonth() == null) {
            p.setNull(i++, Types.INTEGER);
        } else {
            p.setInt(i++, s.schedule().dayOfMonth());
        }
        p.setBoolean(i++, s.enabled());
        return i;
    }

    public static boolean delete(Connection c, String tenant, long id) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM report_subscription WHERE id = ? AND tenant_id = ?")) {
            p.setLong(1, id);
            p.setString(2, tenant);
            return p.executeUpdate() == 1;
        }
    }

    public static Optional<Subscription> find(Connection c, long id) throws SQLException {
        List<Subscription> l = query(c, "SELECT " + COLUMNS + " FROM report_subscription WHERE id = ?", id);
        return l.stream().findFirst();
    }

    /** A tenant's subscriptions; {@code owner} null = everyone's. */
    public static List<Subscription> list(Connection c, String tenant, String owner) throws SQLException {
        return owner == null
                ? query(c, "SELECT " + COLUMNS + " FROM report_subscription WHERE tenant_id = ? ORDER BY id", tenant)
                : query(c, "SELECT " + COLUMNS + " FROM report_subscription WHERE tenant_id = ? AND owner = ? ORDER BY id",
                tenant, owner);
    }

    /** Enabled subscriptions whose next run is at or before {@code now}. */
    public static List<Subscription> due(Connection c, Instant now) throws SQLException {
        return query(c, "SELECT " + COLUMNS + " FROM report_subscription WHERE enabled = TRUE AND next_run_at <= ? "
                + "ORDER BY next_run_at", UtcColumns.of(now));
    }

    /**
     * Moves the next run from {@code expected} to {@code next}, only if no one else moved it: the server
     * that wins this update is the one that advanced the schedule (the launch itself is keyed anyway).
     */
    public static boolean advance(Connection c, long id, Instant expected, Instant next) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE report_subscription SET next_run_at = ?, last_run_at = ? "
                + "WHERE id = ? AND next_run_at = ?")) {
            p.setObject(1, ts(next));
            p.setObject(2, ts(expected));
            p.setLong(3, id);
            p.setObject(4, ts(expected));
            return p.executeUpdate() == 1;
        }
    }

    /** Sets the next run directly (tests and "enable"); false when the row is gone. */
    public static boolean setNextRun(Connection c, String tenant, long id, Instant next) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE report_subscription SET next_run_at = ? WHERE id = ? AND tenant_id = ?")) {
            p.setObject(1, ts(next));
            p.setLong(2, id);
            p.setString(3, tenant);
            return p.executeUpdate() == 1;
        }
    }

    private static List<Subscription> query(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                p.setObject(i + 1, args[i]);
            }
            List<Subscription> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(subscription(rs));
                }
            }
            return out;
        }
    }

    private static Subscription subscription(ResultSet rs) throws SQLException {
        String zone = rs.getString("time_zone");
        String weekday = rs.getString("weekday");
        int dom = rs.getInt("day_of_month");
        Integer day = rs.wasNull() ? null : dom;
        Schedule schedule = new Schedule(Frequency.ofApiName(rs.getString("frequency")).orElseThrow(),
                LocalTime.parse(rs.getString("at_time").strip()), weekday == null ? null : DayOfWeek.valueOf(weekday), day);
        return new Subscription(rs.getLong("id"), rs.getString("tenant_id"), rs.getString("owner"),
                ReportName.ofApiName(rs.getString("report")).orElseThrow(),
                PeriodKind.ofApiName(rs.getString("period")).orElseThrow(), lines(rs.getString("queues")),
                lines(rs.getString("agents")), zone == null ? null : ZoneId.of(zone),
                Arrays.stream(rs.getString("formats").split(",")).map(f -> ExportFormat.ofApiName(f).orElseThrow()).toList(),
                lines(rs.getString("recipients")), schedule, rs.getBoolean("enabled"), instant(rs.getObject("last_run_at", LocalDateTime.class)),
                instant(rs.getObject("next_run_at", LocalDateTime.class)), instant(rs.getObject("updated_at", LocalDateTime.class)));
    }

    // ---- runs ----------------------------------------------------------------------------------

    /** Creates the run of this key, or finds the one created before (another server, a restart). */
    public static SubscriptionRun claimRun(Connection c, long subscriptionId, String tenant, String key, Instant scheduledAt,
                                           Instant from, Instant to, String by) throws SQLException {
        Optional<SubscriptionRun> existing = runByKey(c, key);
        if (existing.isPresent()) {
            return existing.get();
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO report_subscription_run (subscription_id, tenant_id, run_key, "
                + "scheduled_at, period_from, period_to, requested_by, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setLong(1, subscriptionId);
            p.setString(2, tenant);
            p.setString(3, key);
            p.setObject(4, ts(scheduledAt));
            p.setObject(5, ts(from));
            p.setObject(6, ts(to));
            p.setString(7, by);
            p.setString(8, SubscriptionRun.PENDING);
            p.setObject(9, ts(Instant.now()));
            p.executeUpdate();
        } catch (SQLIntegrityConstraintViolationException e) {
            // created by another server between our look and our insert: theirs is the run
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState()) && !"23000".equals(e.getSQLState())) {
                throw e;
            }
        }
        return runByKey(c, key).orElseThrow(() -> new SQLException("run " + key + " neither created nor found"));
    }

    public static Optional<SubscriptionRun> runByKey(Connection c, String key) throws SQLException {
        return runs(c, "SELECT " + RUN_COLUMNS + " FROM report_subscription_run WHERE run_key = ?", key).stream().findFirst();
    }

    public static Optional<SubscriptionRun> run(Connection c, long id) throws SQLException {
        return runs(c, "SELECT " + RUN_COLUMNS + " FROM report_subscription_run WHERE id = ?", id).stream().findFirst();
    }

    public static List<SubscriptionRun> recentRuns(Connection c, long subscriptionId, int limit) throws SQLException {
        List<SubscriptionRun> all = runs(c, "SELECT " + RUN_COLUMNS + " FROM report_subscription_run WHERE subscription_id = ? "
                + "ORDER BY created_at DESC, id DESC", subscriptionId);
        return all.size() > limit ? all.subList(0, limit) : all;
    }

    public static void finishRun(Connection c, long runId, String status, String error, Long mailId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE report_subscription_run SET status = ?, error = ?, mail_id = ?, "
                + "finished_at = ? WHERE id = ?")) {
            p.setString(1, status);
            p.setString(2, error == null ? null : error.length() > 2000 ? error.substring(0, 2000) : error);
            if (mailId == null) {
                p.setNull(3, Types.BIGINT);
            } else {
                p.setLong(3, mailId);
            }
            p.setObject(4, ts(Instant.now()));
            p.setLong(5, runId);
            p.executeUpdate();
        }
    }

    private static List<SubscriptionRun> runs(Connection c, String sql, Object arg) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setObject(1, arg);
            List<SubscriptionRun> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    long mail = rs.getLong("mail_id");
                    Long mailId = rs.wasNull() ? null : mail;
                    out.add(new SubscriptionRun(rs.getLong("id"), rs.getLong("subscription_id"), rs.getString("tenant_id"),
                            rs.getString("run_key"), instant(rs.getObject("scheduled_at", LocalDateTime.class)),
                            instant(rs.getObject("period_from", LocalDateTime.class)), instant(rs.getObject("period_to", LocalDateTime.class)),
                            rs.getString("requested_by"), rs.getString("status"), rs.getString("error"), mailId,
                            instant(rs.getObject("created_at", LocalDateTime.class)), instant(rs.getObject("finished_at", LocalDateTime.class))));
                }
            }
            return out;
        }
    }

    // ---- link secret ---------------------------------------------------------------------------

    public static Optional<String> secret(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT secret FROM subscription_secret WHERE id = 1");
             ResultSet rs = p.executeQuery()) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
    }

    /** Stores the secret unless one is there; returns the one stored (ours or the other server's). */
    public static String storeSecret(Connection c, String encrypted) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO subscription_secret (id, secret) VALUES (1, ?)")) {
            p.setString(1, encrypted);
            p.executeUpdate();
        } catch (SQLException e) {
            // another server stored it first
        }
        return secret(c).orElseThrow(() -> new SQLException("subscription_secret not stored"));
    }

    private static List<String> lines(String s) {
        return s == null || s.isBlank() ? List.of() : Arrays.stream(s.split("\n")).filter(x -> !x.isBlank()).toList();
    }

    private static LocalDateTime ts(Instant i) {
        return i == null ? null : UtcColumns.of(i);
    }

    private static Instant instant(LocalDateTime t) {
        return t == null ? null : UtcColumns.instant(t);
    }
}
