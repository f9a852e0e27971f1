package io.queuelens.alerts.control;

import io.queuelens.alerts.entity.AlertChannel;
import io.queuelens.alerts.entity.AlertDelivery;
import io.queuelens.alerts.entity.AlertIncident;
import io.queuelens.alerts.entity.AlertRule;
import io.queuelens.alerts.entity.ChannelKind;
import io.queuelens.alerts.entity.Comparison;
import io.queuelens.alerts.entity.Figure;
import io.queuelens.alerts.entity.IncidentState;
import io.queuelens.alerts.entity.ScopeKind;
import io.queuelens.alerts.entity.Severity;
import io.queuelens.schema.control.UtcColumns;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The alert tables, in plain JDBC. Every statement names the tenant, so one tenant's id never reaches another's
 * rows. Lists (scope ids, channel ids, queues) are stored comma-separated: a queue name or interface never holds
 * a comma (checked by {@link AlertRuleChecks}).
 */
public final class AlertStore {

    private static final String RULE_COLUMNS = "id, tenant_id, name, figure, pause_reason, scope_kind, scope_ids, "
            + "comparison, threshold, clear_threshold, min_duration_seconds, severity, quiet_from, quiet_to, channel_ids, enabled";
    private static final String INCIDENT_COLUMNS = "id, tenant_id, rule_id, rule_name, severity, figure, scope_key, queues, "
            + "state, opened_at, acknowledged_at, acknowledged_by, resolved_at, peak_value, last_value, threshold";
    private static final String DELIVERY_COLUMNS = "id, incident_id, channel_id, kind, status, attempts, http_status, "
            + "last_error, created_at, updated_at, next_attempt_at";

    private final DataSource db;

    public AlertStore(DataSource db) {
        this.db = db;
    }

    // ---- rules

    public List<AlertRule> rules(String tenantId) throws SQLException {
        return query("SELECT " + RULE_COLUMNS + " FROM alert_rule WHERE tenant_id = ? ORDER BY name", AlertStore::rule, tenantId);
    }

    /** Enabled rules of every tenant, for the engine's start. */
    public List<AlertRule> enabledRules() throws SQLException {
        return query("SELECT " + RULE_COLUMNS + " FROM alert_rule WHERE enabled = TRUE ORDER BY tenant_id, id", AlertStore::rule);
    }

    public Optional<AlertRule> rule(String tenantId, long id) throws SQLException {
        return query("SELECT " + RULE_COLUMNS + " FROM alert_rule WHERE tenant_id = ? AND id = ?", AlertStore::rule, tenantId, id)
                .stream().findFirst();
    }

    public long insertRule(AlertRule r, String actor, Instant now) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO alert_rule (tenant_id, name, figure, pause_reason, scope_kind, "
                     + "scope_ids, comparison, threshold, clear_threshold, min_duration_seconds, severity, quiet_from, quiet_to, "
                     + "channel_ids, enabled, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, r.tenantId());
            int i = bindRule(s, 2, r);
            s.setObject(i++, UtcColumns.of(now));
            s.setString(i, actor);
            s.executeUpdate();
            return key(s);
        }
    }

    public boolean updateRule(AlertRule r, String actor, Instant now) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE alert_rule SET name = ?, figure = ?, pause_reason = ?, scope_kind = ?, "
                     + "scope_ids = ?, comparison = ?, threshold = ?, clear_threshold = ?, min_duration_seconds = ?, severity = ?, "
                     + "quiet_from = ?, quiet_to = ?, channel_ids = ?, enabled = ?, updated_at = ?, updated_by = ? "
                     + "WHERE tenant_id = ? AND id = ?")) {
            int i = bindRule(s, 1, r);
            s.setObject(i++, UtcColumns.of(now));
            s.setString(i++, actor);
            s.setString(i++, r.tenantId());
            s.setLong(i, r.id());
            return s.executeUpdate() == 1;
        }
    }

    public boolean deleteRule(String tenantId, long id) throws SQLException {
        return update("DELETE FROM alert_rule WHERE tenant_id = ? AND id = ?", tenantId, id) == 1;
    }

    private static int bindRule(PreparedStatement s, int i, AlertRule r) throws SQLException {
        s.setString(i++, r.name());
        s.setString(i++, r.figure().name());
        s.setString(i++, r.pauseReason());
        s.setString(i++, r.scopeKind().name());
        s.setString(i++, String.join(",", r.scopeIds()));
        s.setString(i++, r.comparison().name());
        s.setDouble(i++, r.threshold());
        s.setDouble(i++, r.clearThreshold());
        s.setInt(i++, r.minDurationSeconds());
        s.setString(i++, r.severity().name());
        s.setString(i++, r.quietFrom() == null ? null : r.quietFrom().toString());
        s.setString(i++, r.quietTo() == null ? null : r.quietTo().toString());
        s.setString(i++, String.join(",", r.channelIds().stream().map(String::valueOf).toList()));
        s.setBoolean(i++, r.enabled());
        return i;
    }

    private static AlertRule rule(ResultSet rs) throws SQLException {
        return new AlertRule(rs.getLong(1), rs.getString(2), rs.getString(3), Figure.valueOf(rs.getString(4)), rs.getString(5),
                ScopeKind.valueOf(rs.getString(6)), split(rs.getString(7)), Comparison.valueOf(rs.getString(8)),
                rs.getDouble(9), rs.getDouble(10), rs.getInt(11), Severity.valueOf(rs.getString(12)),
                time(rs.getString(13)), time(rs.getString(14)), split(rs.getString(15)).stream().map(Long::valueOf).toList(),
                rs.getBoolean(16));
    }

    // ---- channels

    public List<AlertChannel> channels(String tenantId) throws SQLException {
        return query("SELECT id, tenant_id, name, kind, target, secret IS NOT NULL, enabled FROM alert_channel WHERE tenant_id = ? "
                + "ORDER BY name", AlertStore::channel, tenantId);
    }

    public Optional<AlertChannel> channel(String tenantId, long id) throws SQLException {
        return query("SELECT id, tenant_id, name, kind, target, secret IS NOT NULL, enabled FROM alert_channel WHERE tenant_id = ? "
                + "AND id = ?", AlertStore::channel, tenantId, id).stream().findFirst();
    }

    /** The channel's vault ciphertext, if it has a secret. */
    public Optional<String> channelSecret(String tenantId, long id) throws SQLException {
        return query("SELECT secret FROM alert_channel WHERE tenant_id = ? AND id = ? AND secret IS NOT NULL",
                rs -> rs.getString(1), tenantId, id).stream().findFirst();
    }

    public long insertChannel(AlertChannel ch, String encryptedSecret, String actor, Instant now) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO alert_channel (tenant_id, name, kind, target, secret, enabled, "
                     + "updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, ch.tenantId());
            s.setString(2, ch.name());
            s.setString(3, ch.kind().name());
            s.setString(4, ch.target());
            s.setString(5, encryptedSecret);
            s.setBoolean(6, ch.enabled());
            s.setObject(7, UtcColumns.of(now));
            s.setString(8, actor);
            s.executeUpdate();
            return key(s);
        }
    }

    /**
     * @param encryptedSecret the new secret's ciphertext; null keeps the stored one unless {@code clearSecret}
     */
    public boolean updateChannel(AlertChannel ch, String encryptedSecret, boolean clearSecret, String actor, Instant now)
            throws SQLException {
        String secret = encryptedSecret != null || clearSecret ? ", secret = ?" : "";
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE alert_channel SET name = ?, kind = ?, target = ?, enabled = ?, "
                     + "updated_at = ?, updated_by = ?" + secret + " WHERE tenant_id = ? AND id = ?")) {
            int i = 1;
            s.setString(i++, ch.name());
            s.setString(i++, ch.kind().name());
            s.setString(i++, ch.target());
            s.setBoolean(i++, ch.enabled());
            s.setObject(i++, UtcColumns.of(now));
            s.setString(i++, actor);
            if (!secret.isEmpty()) {
                s.setString(i++, encryptedSecret);
            }
            s.setString(i++, ch.tenantId());
            s.setLong(i, ch.id());
            return s.executeUpdate() == 1;
        }
    }

    public boolean deleteChannel(String tenantId, long id) throws SQLException {
        return update("DELETE FROM alert_channel WHERE tenant_id = ? AND id = ?", tenantId, id) == 1;
    }

    private static AlertChannel channel(ResultSet rs) throws SQLException {
        return new AlertChannel(rs.getLong(1), rs.getString(2), rs.getString(3), ChannelKind.valueOf(rs.getString(4)),
                rs.getString(5), rs.getBoolean(6), rs.getBoolean(7));
    }

    // ---- incidents

    public long openIncident(AlertIncident i) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO alert_incident (tenant_id, rule_id, rule_name, severity, figure, "
                     + "scope_key, queues, state, threshold, opened_at, peak_value, last_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, i.tenantId());
            s.setLong(2, i.ruleId());
            s.setString(3, i.ruleName());
            s.setString(4, i.severity().name());
            s.setString(5, i.figure().name());
            s.setString(6, cut(i.scopeKey(), 500));
            s.setString(7, cut(String.join(",", i.queues()), 4000));
            s.setString(8, IncidentState.FIRING.name());
            s.setDouble(9, i.threshold());
            s.setObject(10, UtcColumns.of(i.openedAt()));
            s.setDouble(11, i.peak());
            s.setDouble(12, i.lastValue());
            s.executeUpdate();
            return key(s);
        }
    }

    public void updateValues(long id, double last, double peak) throws SQLException {
        update("UPDATE alert_incident SET last_value = ?, peak_value = ? WHERE id = ?", last, peak, id);
    }

    /** Resolves an open incident; false when it was resolved already. */
    public boolean resolve(long id, Instant at, double last, double peak) throws SQLException {
        return update("UPDATE alert_incident SET state = 'RESOLVED', resolved_at = ?, last_value = ?, peak_value = ? "
                + "WHERE id = ? AND state <> 'RESOLVED'", UtcColumns.of(at), last, peak, id) == 1;
    }

    /** Acknowledges a FIRING incident of the tenant; false when there is none such (unknown, or not firing). */
    public boolean acknowledge(String tenantId, long id, String by, Instant at) throws SQLException {
        return update("UPDATE alert_incident SET state = 'ACKNOWLEDGED', acknowledged_at = ?, acknowledged_by = ? "
                + "WHERE tenant_id = ? AND id = ? AND state = 'FIRING'", UtcColumns.of(at), by, tenantId, id) == 1;
    }

    public Optional<AlertIncident> incident(String tenantId, long id) throws SQLException {
        return query("SELECT " + INCIDENT_COLUMNS + " FROM alert_incident WHERE tenant_id = ? AND id = ?", AlertStore::incident,
                tenantId, id).stream().findFirst();
    }

    /** The tenant's incidents in these states, newest first, at most {@code limit}. */
    public List<AlertIncident> incidents(String tenantId, Collection<IncidentState> states, int limit) throws SQLException {
        List<Object> args = new ArrayList<>();
        args.add(tenantId);
        states.forEach(s -> args.add(s.name()));
        String in = String.join(", ", java.util.Collections.nCopies(states.size(), "?"));
        return query("SELECT " + INCIDENT_COLUMNS + " FROM alert_incident WHERE tenant_id = ? AND state IN (" + in + ") "
                + "ORDER BY opened_at DESC, id DESC LIMIT " + Math.max(1, limit), AlertStore::incident, args.toArray());
    }

    /** Open (firing or acknowledged) incidents of every tenant, for the engine's start. */
    public List<AlertIncident> openIncidents() throws SQLException {
        return query("SELECT " + INCIDENT_COLUMNS + " FROM alert_incident WHERE state <> 'RESOLVED'", AlertStore::incident);
    }

    private static AlertIncident incident(ResultSet rs) throws SQLException {
        return new AlertIncident(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), Severity.valueOf(rs.getString(5)),
                Figure.valueOf(rs.getString(6)), rs.getString(7), split(rs.getString(8)), IncidentState.valueOf(rs.getString(9)),
                instant(rs, 10), instant(rs, 11), rs.getString(12), instant(rs, 13), rs.getDouble(14), rs.getDouble(15),
                rs.getDouble(16));
    }

    // ---- deliveries

    public long insertDelivery(String tenantId, long incidentId, long channelId, ChannelKind kind, String payload, Instant now)
            throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO alert_delivery (tenant_id, incident_id, channel_id, kind, payload, "
                     + "status, attempts, next_attempt_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ?)",
                     Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, tenantId);
            s.setLong(2, incidentId);
            s.setLong(3, channelId);
            s.setString(4, kind.name());
            s.setString(5, payload);
            s.setObject(6, UtcColumns.ofMillis(now));
            s.setObject(7, UtcColumns.ofMillis(now));
            s.setObject(8, UtcColumns.ofMillis(now));
            s.executeUpdate();
            return key(s);
        }
    }

    /** A row to send, as the sender needs it. */
    public record Claimed(long id, String tenantId, long incidentId, long channelId, int attempts, String payload) {
    }

    /**
     * Takes a due row (PENDING or RETRYING whose time came, or SENDING whose claim ran out) for sending until
     * {@code until}; empty when another thread or server has it.
     */
    public Optional<Claimed> claim(long id, Instant now, Instant until) throws SQLException {
        int n = update("UPDATE alert_delivery SET status = 'SENDING', claimed_until = ?, attempts = attempts + 1, updated_at = ? "
                + "WHERE id = ? AND ((status IN ('PENDING', 'RETRYING') AND next_attempt_at <= ?) OR (status = 'SENDING' "
                + "AND claimed_until < ?))", UtcColumns.of(until), UtcColumns.of(now), id, UtcColumns.of(now), UtcColumns.of(now));
        if (n != 1) {
            return Optional.empty();
        }
        return query("SELECT id, tenant_id, incident_id, channel_id, attempts, payload FROM alert_delivery WHERE id = ?",
                rs -> new Claimed(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getInt(5), rs.getString(6)), id)
                .stream().findFirst();
    }

    /** Ids of rows due now, oldest first. */
    public List<Long> due(Instant now, int limit) throws SQLException {
        return query("SELECT id FROM alert_delivery WHERE (status IN ('PENDING', 'RETRYING') AND next_attempt_at <= ?) "
                + "OR (status = 'SENDING' AND claimed_until < ?) ORDER BY id LIMIT " + Math.max(1, limit),
                rs -> rs.getLong(1), UtcColumns.of(now), UtcColumns.of(now));
    }

    /** Records an attempt's result: SENT, RETRYING (with the next attempt's time) or FAILED. */
    public void finish(long id, String status, Integer httpStatus, String error, Instant nextAttempt, Instant now)
            throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE alert_delivery SET status = ?, http_status = ?, last_error = ?, "
                     + "next_attempt_at = ?, claimed_until = NULL, updated_at = ? WHERE id = ?")) {
            s.setString(1, status);
            if (httpStatus == null) {
                s.setNull(2, Types.INTEGER);
            } else {
                s.setInt(2, httpStatus);
            }
            s.setString(3, error == null ? null : cut(error, 2000));
            s.setObject(4, UtcColumns.ofMillis(nextAttempt));
            s.setObject(5, UtcColumns.of(now));
            s.setLong(6, id);
            s.executeUpdate();
        }
    }

    /** The tenant's newest deliveries (of one incident when {@code incidentId} > 0). */
    public List<AlertDelivery> deliveries(String tenantId, long incidentId, int limit) throws SQLException {
        String where = incidentId > 0 ? " AND incident_id = " + incidentId : "";
        return query("SELECT " + DELIVERY_COLUMNS + " FROM alert_delivery WHERE tenant_id = ?" + where
                + " ORDER BY id DESC LIMIT " + Math.max(1, limit), AlertStore::delivery, tenantId);
    }

    private static AlertDelivery delivery(ResultSet rs) throws SQLException {
        ChannelKind k = ChannelKind.valueOf(rs.getString(4));
        int http = rs.getInt(7);
        Integer httpStatus = rs.wasNull() ? null : http;
        return new AlertDelivery(rs.getLong(1), rs.getLong(2), rs.getLong(3), k, rs.getString(5), rs.getInt(6), httpStatus,
                rs.getString(8), instant(rs, 9), instant(rs, 10), instant(rs, 11));
    }

    // ---- helpers

    interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, Row<T> row, Object... args) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(row.read(rs));
                }
            }
            return out;
        }
    }

    private int update(String sql, Object... args) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            return s.executeUpdate();
        }
    }

    private static void bind(PreparedStatement s, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            s.setObject(i + 1, args[i]);
        }
    }

    private static long key(PreparedStatement s) throws SQLException {
        try (ResultSet keys = s.getGeneratedKeys()) {
            keys.next();
            return keys.getLong(1);
        }
    }

    private static List<String> split(String s) {
        return s == null || s.isEmpty() ? List.of() : Arrays.asList(s.split(","));
    }

    private static LocalTime time(String s) {
        return s == null || s.isEmpty() ? null : LocalTime.parse(s);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        LocalDateTime t = rs.getObject(column, LocalDateTime.class);
        return t == null ? null : UtcColumns.instant(t);
    }

    private static String cut(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }
}
