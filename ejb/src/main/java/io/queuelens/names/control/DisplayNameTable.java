package io.queuelens.names.control;

import io.queuelens.names.entity.DisplayName;
import io.queuelens.names.entity.NameKind;
import io.queuelens.names.entity.NameOrigin;
import io.queuelens.schema.control.UtcColumns;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/** Rows of {@code display_name} (V15), one statement each; an upsert is an update, else an insert. */
public final class DisplayNameTable {

    private DisplayNameTable() {
    }

    public static List<DisplayName> ofTenant(Connection c, String tenantId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT kind, name_key, origin, display_name, updated_at, updated_by"
                + " FROM display_name WHERE tenant_id = ?")) {
            ps.setString(1, tenantId);
            List<DisplayName> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    NameKind kind;
                    NameOrigin origin;
                    try {
                        kind = NameKind.valueOf(rs.getString(1));
                        origin = NameOrigin.valueOf(rs.getString(3));
                    } catch (IllegalArgumentException e) {
                        continue; // a kind or origin a later version wrote: not ours to show
                    }
                    out.add(new DisplayName(tenantId, kind, rs.getString(2), rs.getString(4), origin,
                            UtcColumns.instant(rs.getObject(5, LocalDateTime.class)), rs.getString(6)));
                }
            }
            return out;
        }
    }

    public static void upsert(Connection c, DisplayName d) throws SQLException {
        try (PreparedStatement up = c.prepareStatement("UPDATE display_name SET display_name = ?, updated_at = ?, updated_by = ?"
                + " WHERE tenant_id = ? AND kind = ? AND name_key = ? AND origin = ?")) {
            up.setString(1, d.name());
            up.setObject(2, UtcColumns.of(d.updatedAt()));
            up.setString(3, d.updatedBy());
            up.setString(4, d.tenantId());
            up.setString(5, d.kind().name());
            up.setString(6, d.key());
            up.setString(7, d.origin().name());
            if (up.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement in = c.prepareStatement("INSERT INTO display_name (tenant_id, kind, name_key, origin,"
                + " display_name, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            in.setString(1, d.tenantId());
            in.setString(2, d.kind().name());
            in.setString(3, d.key());
            in.setString(4, d.origin().name());
            in.setString(5, d.name());
            in.setObject(6, UtcColumns.of(d.updatedAt()));
            in.setString(7, d.updatedBy());
            in.executeUpdate();
        }
    }

    public static boolean delete(Connection c, String tenantId, NameKind kind, String key, NameOrigin origin) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM display_name WHERE tenant_id = ? AND kind = ?"
                + " AND name_key = ? AND origin = ?")) {
            ps.setString(1, tenantId);
            ps.setString(2, kind.name());
            ps.setString(3, key);
            ps.setString(4, origin.name());
            return ps.executeUpdate() > 0;
        }
    }
}
