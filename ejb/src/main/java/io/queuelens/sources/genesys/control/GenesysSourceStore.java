package io.queuelens.sources.genesys.control;

import io.queuelens.schema.control.UtcColumns;
import io.queuelens.sources.asterisk.entity.InvalidSourceConfig;
import io.queuelens.sources.asterisk.entity.SourceProblem;
import io.queuelens.sources.genesys.entity.GenesysSourceConfig;
import io.queuelens.sources.genesys.entity.GenesysSourceForm;
import io.queuelens.vault.control.SecretCipher;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes {@code genesys_source} rows. Every write is checked first ({@link GenesysSourceRules})
 * and stores the client secret only as vault ciphertext; an edit that leaves the secret empty keeps the
 * stored one. Every query names the tenant it reads.
 */
public final class GenesysSourceStore {

    private static final String COLUMNS = "id, tenant_id, name, display_name, enabled, region, base_url, client_id, "
            + "client_secret, created_at, updated_at";

    private final DataSource app;
    private final SecretCipher cipher;

    /** A store that only reads: it needs no vault. */
    public static GenesysSourceStore readOnly(DataSource app) {
        return new GenesysSourceStore(app, null);
    }

    public GenesysSourceStore(DataSource app, SecretCipher cipher) {
        this.app = app;
        this.cipher = cipher;
    }

    public List<GenesysSourceConfig> all() throws SQLException {
        return query("SELECT " + COLUMNS + " FROM genesys_source ORDER BY tenant_id, name");
    }

    public List<GenesysSourceConfig> ofTenant(String tenantId) throws SQLException {
        return query("SELECT " + COLUMNS + " FROM genesys_source WHERE tenant_id = ? ORDER BY name", tenantId);
    }

    public Optional<GenesysSourceConfig> find(String tenantId, long id) throws SQLException {
        return query("SELECT " + COLUMNS + " FROM genesys_source WHERE tenant_id = ? AND id = ?", tenantId, id)
                .stream().findFirst();
    }

    /** @throws InvalidSourceConfig with every problem; nothing is stored then */
    public GenesysSourceConfig create(String tenantId, GenesysSourceForm form) throws SQLException {
        List<SourceProblem> problems = new ArrayList<>(GenesysSourceRules.check(form, null));
        try (Connection c = app.getConnection()) {
            if (!exists(c, "SELECT 1 FROM tenant WHERE id = ?", tenantId)) {
                problems.add(0, new SourceProblem("tenant", "unknown tenant '" + tenantId + "'"));
            } else if (form.getName() != null
                    && (exists(c, "SELECT 1 FROM genesys_source WHERE tenant_id = ? AND name = ?", tenantId, form.getName())
                    || exists(c, "SELECT 1 FROM asterisk_source WHERE tenant_id = ? AND name = ?", tenantId, form.getName()))) {
                // one namespace: the facts of every source of a tenant are keyed by the source's name
                problems.add(SourceProblem.of("name", "nameTaken", "tenant " + tenantId + " already has a source named '"
                        + form.getName() + "'", form.getName()));
            }
            if (!problems.isEmpty()) {
                throw new InvalidSourceConfig(problems);
            }
            Instant now = Instant.now();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO genesys_source (tenant_id, name, display_name, "
                    + "enabled, region, base_url, client_id, client_secret, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, tenantId);
                ps.setString(2, form.getName());
                bind(ps, 3, form, null);
                ps.setObject(9, UtcColumns.of(now));
                ps.setObject(10, UtcColumns.of(now));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return find(tenantId, keys.getLong(1)).orElseThrow();
                }
            }
        }
    }

    /** @throws InvalidSourceConfig with every problem (also when the org does not exist); nothing is stored then */
    public GenesysSourceConfig update(String tenantId, long id, GenesysSourceForm form) throws SQLException {
        GenesysSourceConfig stored = find(tenantId, id)
                .orElseThrow(() -> new InvalidSourceConfig("id", "tenant " + tenantId + " has no Genesys org " + id));
        List<SourceProblem> problems = GenesysSourceRules.check(form, stored);
        if (!problems.isEmpty()) {
            throw new InvalidSourceConfig(problems);
        }
        try (Connection c = app.getConnection(); PreparedStatement ps = c.prepareStatement("UPDATE genesys_source SET "
                + "display_name = ?, enabled = ?, region = ?, base_url = ?, client_id = ?, client_secret = ?, updated_at = ? "
                + "WHERE tenant_id = ? AND id = ?")) {
            bind(ps, 1, form, stored);
            ps.setObject(7, UtcColumns.of(Instant.now()));
            ps.setString(8, tenantId);
            ps.setLong(9, id);
            ps.executeUpdate();
        }
        return find(tenantId, id).orElseThrow();
    }

    /** Removes the org's configuration (its facts stay, under its name). */
    public boolean delete(String tenantId, long id) throws SQLException {
        try (Connection c = app.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM genesys_source WHERE tenant_id = ? AND id = ?")) {
            ps.setString(1, tenantId);
            ps.setLong(2, id);
            return ps.executeUpdate() == 1;
        }
    }

    /** Binds display name .. client secret (6 parameters) from {@code first}. */
    private void bind(PreparedStatement ps, int first, GenesysSourceForm f, GenesysSourceConfig stored) throws SQLException {
        int i = first;
        ps.setString(i++, f.getDisplayName().strip());
        ps.setBoolean(i++, f.isEnabled());
        ps.setString(i++, f.getRegion().strip());
        ps.setString(i++, GenesysSourceRules.blank(f.getBaseUrl()) ? null : f.getBaseUrl().strip());
        ps.setString(i++, f.getClientId().strip());
        ps.setString(i, f.getClientSecret() == null || f.getClientSecret().isEmpty()
                ? stored.clientSecret() : cipher.encrypt(f.getClientSecret()));
    }

    private List<GenesysSourceConfig> query(String sql, Object... args) throws SQLException {
        List<GenesysSourceConfig> out = new ArrayList<>();
        try (Connection c = app.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new GenesysSourceConfig(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getBoolean(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                            UtcColumns.instant(rs.getObject(10, LocalDateTime.class)),
                            UtcColumns.instant(rs.getObject(11, LocalDateTime.class))));
                }
            }
        }
        return out;
    }

    private static boolean exists(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
