package io.queuelens.mail.control;

import io.queuelens.mail.entity.MailSettings;
import io.queuelens.mail.entity.MailSettingsForm;
import io.queuelens.mail.entity.SmtpSecurity;
import io.queuelens.schema.control.UtcColumns;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Reads and writes {@code mail_settings} rows. Passwords arrive here already encrypted (the caller passes
 * the vault's encrypt function), so no plain password ever reaches SQL.
 */
public final class MailSettingsStore {

    private static final String COLUMNS = "scope, host, port, security, username, password, from_address, from_name, "
            + "updated_at, updated_by";

    private final DataSource db;

    public MailSettingsStore(DataSource db) {
        this.db = db;
    }

    public Optional<MailSettings> find(String scope) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM mail_settings WHERE scope = ?")) {
            s.setString(1, scope);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    public List<MailSettings> all() throws SQLException {
        List<MailSettings> out = new ArrayList<>();
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM mail_settings ORDER BY scope");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(row(rs));
            }
        }
        return out;
    }

    /**
     * Inserts or replaces the scope's settings (already checked). An empty password keeps the stored one.
     *
     * @param encrypt the vault's encryption, applied to an entered password
     */
    public MailSettings save(String scope, MailSettingsForm f, UnaryOperator<String> encrypt, String actor) throws SQLException {
        Instant now = Instant.now();
        boolean newPassword = f.getPassword() != null && !f.getPassword().isEmpty();
        String user = MailSettingsRules.trim(f.getUsername());
        try (Connection c = db.getConnection()) {
            String stored = null;
            boolean exists;
            try (PreparedStatement s = c.prepareStatement("SELECT password FROM mail_settings WHERE scope = ? FOR UPDATE")) {
                s.setString(1, scope);
                try (ResultSet rs = s.executeQuery()) {
                    exists = rs.next();
                    stored = exists ? rs.getString(1) : null;
                }
            }
            // no user: no password either (a kept password of a removed user would be sent to nobody)
            String password = user == null ? null : newPassword ? encrypt.apply(f.getPassword()) : stored;
            String sql = exists
                    ? "UPDATE mail_settings SET host = ?, port = ?, security = ?, username = ?, password = ?, from_address = ?, "
                      + "from_name = ?, updated_at = ?, updated_by = ? WHERE scope = ?"
                    : "INSERT INTO mail_settings (host, port, security, username, password, from_address, from_name, updated_at, "
                      + "updated_by, scope) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, f.getHost().strip());
                s.setInt(2, f.getPort());
                s.setString(3, f.getSecurity().name());
                s.setString(4, user);
                s.setString(5, password);
                s.setString(6, f.getFromAddress().strip());
                s.setString(7, MailSettingsRules.trim(f.getFromName()));
                s.setObject(8, UtcColumns.of(now));
                s.setString(9, actor);
                s.setString(10, scope);
                s.executeUpdate();
            }
        }
        return find(scope).orElseThrow();
    }

    /** @return false when the scope had no settings */
    public boolean delete(String scope) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM mail_settings WHERE scope = ?")) {
            s.setString(1, scope);
            return s.executeUpdate() > 0;
        }
    }

    private static MailSettings row(ResultSet rs) throws SQLException {
        return new MailSettings(rs.getString(1), rs.getString(2), rs.getInt(3), SmtpSecurity.valueOf(rs.getString(4)),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                UtcColumns.instant(rs.getObject(9, LocalDateTime.class)), rs.getString(10));
    }
}
