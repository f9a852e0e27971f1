package io.queuelens.kpi.control;

import io.queuelens.kpi.entity.KpiSettings;
import io.queuelens.kpi.entity.QueueSettingsOverride;
import io.queuelens.kpi.entity.SettingsChange;
import io.queuelens.kpi.entity.SlaMode;
import io.queuelens.schema.control.UtcColumns;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The versions of a tenant's KPI settings in {@code kpi_tenant_settings} and {@code kpi_queue_override}
 * (V7). Append-only: a change inserts the next version. When two versions start at the same instant
 * (a correction made the same day) the later version wins and the earlier one stays as the record of
 * what was there.
 */
public final class KpiSettingsTable {

    private static final String SELECT_TENANT = "SELECT version, effective_from, sla_seconds, short_abandon_seconds, "
            + "sla_mode, short_call_seconds, repeat_window_hours, billable_pause_reasons, acw_match_seconds, "
            + "changed_by, changed_at FROM kpi_tenant_settings WHERE tenant_id = ? ORDER BY version";
    private static final String SELECT_QUEUES = "SELECT queue, version, effective_from, sla_seconds, "
            + "short_abandon_seconds, sla_mode, short_call_seconds, repeat_window_hours, acw_match_seconds, "
            + "changed_by, changed_at FROM kpi_queue_override WHERE tenant_id = ? ORDER BY queue, version";

    private KpiSettingsTable() {
    }

    /** The tenant's history: KPI.md's defaults (t0, since the epoch), then every stored version. */
    public static KpiSettingsHistory history(Connection c, String tenantId) throws SQLException {
        Map<Instant, KpiSettings> tenantVersions = new LinkedHashMap<>();
        tenantVersions.put(KpiSettings.DEFAULTS.effectiveFrom(), KpiSettings.DEFAULTS);
        for (SettingsChange change : tenantChanges(c, tenantId)) {
            tenantVersions.put(change.effectiveFrom(), change.tenantSettings()); // later versions replace same-instant ones
        }
        Map<String, QueueSettingsOverride> overrides = new LinkedHashMap<>();
        for (SettingsChange change : queueChanges(c, tenantId)) {
            overrides.put(change.queue() + "@" + change.effectiveFrom(), change.queueOverride());
        }
        return new KpiSettingsHistory(new ArrayList<>(tenantVersions.values()), new ArrayList<>(overrides.values()));
    }

    /** Every stored tenant default version, oldest first. */
    public static List<SettingsChange> tenantChanges(Connection c, String tenantId) throws SQLException {
        List<SettingsChange> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT_TENANT)) {
            ps.setString(1, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int version = rs.getInt(1);
                    KpiSettings s = KpiSettings.builder().tenantVersion(version)
                            .effectiveFrom(instant(rs, 2)).slaSeconds(rs.getInt(3)).shortAbandonSeconds(rs.getInt(4))
                            .slaMode(SlaMode.valueOf(rs.getString(5))).shortCallSeconds(rs.getInt(6))
                            .repeatWindowHours(rs.getInt(7)).billablePauseReasons(reasons(rs.getString(8)))
                            .acwMatchSeconds(rs.getInt(9)).build();
                    out.add(SettingsChange.ofTenant(s, rs.getString(10), instant(rs, 11)));
                }
            }
        }
        return out;
    }

    /** Every stored queue override version, by queue then version. */
    public static List<SettingsChange> queueChanges(Connection c, String tenantId) throws SQLException {
        List<SettingsChange> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT_QUEUES)) {
            ps.setString(1, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String mode = rs.getString(6);
                    QueueSettingsOverride o = new QueueSettingsOverride(rs.getString(1), rs.getInt(2), instant(rs, 3),
                            integer(rs, 4), integer(rs, 5), mode == null ? null : SlaMode.valueOf(mode),
                            integer(rs, 7), integer(rs, 8), integer(rs, 9));
                    out.add(SettingsChange.ofQueue(o, rs.getString(10), instant(rs, 11)));
                }
            }
        }
        return out;
    }

    /** Stores {@code settings} (its version label is ignored) as the tenant's next version and returns it as stored. */
    public static KpiSettings insertTenantVersion(Connection c, String tenantId, KpiSettings settings, String user,
                                                  Instant now) throws SQLException {
        int version = nextVersion(c, "SELECT MAX(version) FROM kpi_tenant_settings WHERE tenant_id = ?", tenantId);
        KpiSettings stored = settings.toBuilder().tenantVersion(version).build();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO kpi_tenant_settings (tenant_id, version, "
                + "effective_from, sla_seconds, short_abandon_seconds, sla_mode, short_call_seconds, repeat_window_hours, "
                + "billable_pause_reasons, acw_match_seconds, changed_by, changed_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")) {
            ps.setString(1, tenantId);
            ps.setInt(2, version);
            ps.setObject(3, UtcColumns.of(stored.effectiveFrom()));
            ps.setInt(4, stored.slaSeconds());
            ps.setInt(5, stored.shortAbandonSeconds());
            ps.setString(6, stored.slaMode().name());
            ps.setInt(7, stored.shortCallSeconds());
            ps.setInt(8, stored.repeatWindowHours());
            ps.setString(9, String.join(",", new TreeSet<>(stored.billablePauseReasons())));
            ps.setInt(10, stored.acwMatchSeconds());
            ps.setString(11, user);
            ps.setObject(12, UtcColumns.of(now));
            ps.executeUpdate();
        }
        return stored;
    }

    /** Stores {@code override} (its version number is ignored) as the queue's next version and returns it as stored. */
    public static QueueSettingsOverride insertQueueVersion(Connection c, String tenantId, QueueSettingsOverride override,
                                                           String user, Instant now) throws SQLException {
        int version;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT MAX(version) FROM kpi_queue_override WHERE tenant_id = ? AND queue = ?")) {
            ps.setString(1, tenantId);
            ps.setString(2, override.queue());
            try (ResultSet rs = ps.executeQuery()) {
                version = rs.next() ? rs.getInt(1) + 1 : 1;
            }
        }
        QueueSettingsOverride stored = new QueueSettingsOverride(override.queue(), version, override.effectiveFrom(),
                override.slaSeconds(), override.shortAbandonSeconds(), override.slaMode(), override.shortCallSeconds(),
                override.repeatWindowHours(), override.acwMatchSeconds());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO kpi_queue_override (tenant_id, queue, version, "
                + "effective_from, sla_seconds, short_abandon_seconds, sla_mode, short_call_seconds, repeat_window_hours, "
                + "acw_match_seconds, changed_by, changed_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")) {
            ps.setString(1, tenantId);
            ps.setString(2, stored.queue());
            ps.setInt(3, version);
            ps.setObject(4, UtcColumns.of(stored.effectiveFrom()));
            setInteger(ps, 5, stored.slaSeconds());
            setInteger(ps, 6, stored.shortAbandonSeconds());
            if (stored.slaMode() == null) {
                ps.setNull(7, Types.VARCHAR);
            } else {
                ps.setString(7, stored.slaMode().name());
            }
            setInteger(ps, 8, stored.shortCallSeconds());
            setInteger(ps, 9, stored.repeatWindowHours());
            setInteger(ps, 10, stored.acwMatchSeconds());
            ps.setString(11, user);
            ps.setObject(12, UtcColumns.of(now));
            ps.executeUpdate();
        }
        return stored;
    }

    private static int nextVersion(Connection c, String sql, String tenantId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) + 1 : 1;
            }
        }
    }

    private static List<String> reasons(String column) {
        return column == null || column.isBlank() ? List.of() : Arrays.stream(column.split(",")).map(String::strip).toList();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return UtcColumns.instant(rs.getObject(column, LocalDateTime.class));
    }

    private static Integer integer(ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    private static void setInteger(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }
}
