package io.queuelens.sources.asterisk.control;

import io.queuelens.sources.asterisk.entity.FileRoots;
import io.queuelens.schema.control.UtcColumns;
import io.queuelens.sources.asterisk.entity.AsteriskSourceConfig;
import io.queuelens.sources.asterisk.entity.AsteriskSourceForm;
import io.queuelens.sources.asterisk.entity.InvalidSourceConfig;
import io.queuelens.sources.asterisk.entity.QueueLogMode;
import io.queuelens.sources.asterisk.entity.SourceProblem;
import io.queuelens.vault.control.SecretCipher;
import jakarta.validation.Validator;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes {@code asterisk_source} rows. Every write is validated first
 * ({@link AsteriskSourceRules}) and stores passwords and secrets only as vault ciphertext; an edit
 * that leaves a secret empty keeps the stored one. Every query names the tenant it reads.
 */
public final class AsteriskSourceStore {

    private static final String COLUMNS = "id, tenant_id, name, display_name, enabled, queue_log_mode, db_url, db_user, "
            + "db_password, queue_log_table, queue_log_file, cdr_table, ami_host, ami_port, ami_user, ami_secret, time_zone, "
            + "created_at, updated_at";

    private final DataSource app;
    private final SecretCipher cipher;
    private final Validator validator;
    private final FileRoots fileRoots;

    /** A store that only reads (lists, finds): it needs neither the vault nor a validator. */
    public static AsteriskSourceStore readOnly(DataSource app) {
        return new AsteriskSourceStore(app, null, null, null);
    }

    /** @param fileRoots the folders FILE sources may read from ({@code queuelens.sources.file-roots}) */
    public AsteriskSourceStore(DataSource app, SecretCipher cipher, Validator validator, FileRoots fileRoots) {
        this.app = app;
        this.fileRoots = fileRoots;
        this.cipher = cipher;
        this.validator = validator;
    }

    /** Every configured source of every tenant (the ingestion reads them all), by tenant and name. */
    public List<AsteriskSourceConfig> all() throws SQLException {
        return query("SELECT " + COLUMNS + " FROM asterisk_source ORDER BY tenant_id, name");
    }

    public List<AsteriskSourceConfig> ofTenant(String tenantId) throws SQLException {
        return query("SELECT " + COLUMNS + " FROM asterisk_source WHERE tenant_id = ? ORDER BY name", tenantId);
    }

    public Optional<AsteriskSourceConfig> find(String tenantId, long id) throws SQLException {
        return query("SELECT " + COLUMNS + " FROM asterisk_source WHERE tenant_id = ? AND id = ?", tenantId, id)
                .stream().findFirst();
    }

    /** @throws InvalidSourceConfig with every problem; nothing is stored then */
    public AsteriskSourceConfig create(String tenantId, AsteriskSourceForm form) throws SQLException {
        List<SourceProblem> problems = new ArrayList<>(AsteriskSourceRules.check(form, null, validator, fileRoots));
        try (Connection c = app.getConnection()) {
            if (!exists(c, "SELECT 1 FROM tenant WHERE id = ?", tenantId)) {
                problems.add(0, new SourceProblem("tenant", "unknown tenant '" + tenantId + "'"));
            } else if (form.getName() != null
                    && (exists(c, "SELECT 1 FROM asterisk_source WHERE tenant_id = ? AND name = ?", tenantId, form.getName())
                    // one namespace with the tenant's Genesys orgs: facts are keyed by the source's name
                    || exists(c, "SELECT 1 FROM genesys_source WHERE tenant_id = ? AND name = ?", tenantId, form.getName()))) {
                problems.add(SourceProblem.of("name", "nameTaken", "tenant " + tenantId + " already has a source named '"
                        + form.getName() + "'", form.getName()));
            }
            if (!problems.isEmpty()) {
                throw new InvalidSourceConfig(problems);
            }
            Instant now = Instant.now();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO asterisk_source (tenant_id, name, display_name, enabled, "
                    + "queue_log_mode, db_url, db_user, db_password, queue_log_table, queue_log_file, cdr_table, ami_host, ami_port, "
                    + "ami_user, ami_secret, time_zone, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, tenantId);
                ps.setString(2, form.getName());
                bindSettings(ps, 3, form, null);
                ps.setObject(17, UtcColumns.of(now));
                ps.setObject(18, UtcColumns.of(now));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return find(tenantId, keys.getLong(1)).orElseThrow();
                }
            }
        }
    }

    /** @throws InvalidSourceConfig with every problem (also when the source does not exist); nothing is stored then */
    public AsteriskSourceConfig update(String tenantId, long id, AsteriskSourceForm form) throws SQLException {
        AsteriskSourceConfig stored = find(tenantId, id)
                .orElseThrow(() -> new InvalidSourceConfig("id", "tenant " + tenantId + " has no source " + id));
        List<SourceProblem> problems = AsteriskSourceRules.check(form, stored, validator, fileRoots);
        if (!problems.isEmpty()) {
            throw new InvalidSourceConfig(problems);
        }
        try (Connection c = app.getConnection(); PreparedStatement ps = c.prepareStatement("UPDATE asterisk_source SET "
                + "display_name = ?, enabled = ?, queue_log_mode = ?, db_url = ?, db_user = ?, db_password = ?, queue_log_table = ?, "
                + "queue_log_file = ?, cdr_table = ?, ami_host = ?, ami_port = ?, ami_user = ?, ami_secret = ?, time_zone = ?, "
                + "updated_at = ? WHERE tenant_id = ? AND id = ?")) {
            bindSettings(ps, 1, form, stored);
            ps.setObject(15, UtcColumns.of(Instant.now()));
            ps.setString(16, tenantId);
            ps.setLong(17, id);
            ps.executeUpdate();
        }
        return find(tenantId, id).orElseThrow();
    }

    /** Switches a source on or off without touching its settings (its checkpoint and facts stay). */
    public boolean setEnabled(String tenantId, long id, boolean enabled) throws SQLException {
        try (Connection c = app.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE asterisk_source SET enabled = ?, updated_at = ? WHERE tenant_id = ? AND id = ?")) {
            ps.setBoolean(1, enabled);
            ps.setObject(2, UtcColumns.of(Instant.now()));
            ps.setString(3, tenantId);
            ps.setLong(4, id);
            return ps.executeUpdate() == 1;
        }
    }

    /** How far the source's reader got: its checkpoint position ("" before the first) and the lines it quarantined. */
    public record Progress(String position, long quarantined) {
    }

    public Progress progress(String tenantId, String name, String reader) throws SQLException {
        try (Connection c = app.getConnection()) {
            String position = "";
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT position FROM ingest_checkpoint WHERE tenant_id = ? AND source_id = ? AND reader = ?")) {
                ps.setString(1, tenantId);
                ps.setString(2, name);
                ps.setString(3, reader);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        position = rs.getString(1);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COUNT(*) FROM quarantined_input WHERE tenant_id = ? AND source_id = ?")) {
                ps.setString(1, tenantId);
                ps.setString(2, name);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Progress(position, rs.getLong(1));
                }
            }
        }
    }

    /** Binds display name .. time zone (14 parameters) from {@code first}. */
    private void bindSettings(PreparedStatement ps, int first, AsteriskSourceForm f, AsteriskSourceConfig stored) throws SQLException {
        boolean table = f.getMode() == QueueLogMode.TABLE;
        boolean ami = !AsteriskSourceRules.blank(f.getAmiHost());
        int i = first;
        ps.setString(i++, f.getDisplayName().strip());
        ps.setBoolean(i++, f.isEnabled());
        ps.setString(i++, f.getMode().name());
        ps.setString(i++, table ? f.getDbUrl().strip() : null);
        ps.setString(i++, table ? f.getDbUser().strip() : null);
        ps.setString(i++, table ? secret(f.getDbPassword(), stored == null ? null : stored.dbPassword()) : null);
        ps.setString(i++, table ? f.getQueueLogTable() : null);
        ps.setString(i++, table ? null : f.getQueueLogFile().strip());
        ps.setString(i++, table ? emptyToNull(f.getCdrTable()) : null);
        ps.setString(i++, ami ? f.getAmiHost().strip() : null);
        if (ami) {
            ps.setInt(i++, f.getAmiPort() == null ? 5038 : f.getAmiPort());
        } else {
            ps.setNull(i++, Types.INTEGER);
        }
        ps.setString(i++, ami ? f.getAmiUser().strip() : null);
        ps.setString(i++, ami ? secret(f.getAmiSecret(), stored == null ? null : stored.amiSecret()) : null);
        ps.setString(i, emptyToNull(f.getTimeZone() == null ? null : f.getTimeZone().strip()));
    }

    /** A new secret encrypted, or the stored ciphertext when none was entered (write-only fields). */
    private String secret(String entered, String storedCiphertext) {
        return entered == null || entered.isEmpty() ? storedCiphertext : cipher.encrypt(entered);
    }

    private List<AsteriskSourceConfig> query(String sql, Object... args) throws SQLException {
        List<AsteriskSourceConfig> out = new ArrayList<>();
        try (Connection c = app.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int port = rs.getInt(14);
                    Integer amiPort = rs.wasNull() ? null : port;
                    String zone = rs.getString(17);
                    out.add(new AsteriskSourceConfig(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getBoolean(5), QueueLogMode.valueOf(rs.getString(6)), rs.getString(7), rs.getString(8),
                            rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13), amiPort,
                            rs.getString(15), rs.getString(16), zone == null ? null : ZoneId.of(zone),
                            UtcColumns.instant(rs.getObject(18, LocalDateTime.class)),
                            UtcColumns.instant(rs.getObject(19, LocalDateTime.class))));
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

    private static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
