package io.queuelens.mail.control;

import io.queuelens.mail.entity.DeliveryStatus;
import io.queuelens.mail.entity.MailAttachment;
import io.queuelens.mail.entity.MailDelivery;
import io.queuelens.mail.entity.MailMessage;
import io.queuelens.schema.control.UtcColumns;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The outbox table {@code mail_delivery} (and {@code mail_attachment}). A due row is taken for delivery
 * by one conditional UPDATE ({@link #claim}): of several servers polling at once exactly one gets an
 * update count of 1, so a row is sent by one server only; every later write names the claim
 * ({@code claimed_by}) so a server whose claim ran out cannot overwrite the row's newer state.
 */
public final class OutboxStore {

    /** Recipients are stored comma-separated; an address never contains a comma (checked before). */
    private static final String SEPARATOR = ",";
    private static final String DUE = "((status IN ('PENDING', 'RETRYING') AND next_attempt_at <= ?) "
            + "OR (status = 'SENDING' AND claimed_until < ?))";
    private static final String LOG_COLUMNS = "id, scope, purpose, recipients, subject, status, attempts, next_attempt_at, "
            + "last_error, created_at, sent_at";

    private final DataSource db;

    public OutboxStore(DataSource db) {
        this.db = db;
    }

    /** A row with its message, as the sender needs it. */
    public record Claimed(long id, String scope, int attempts, MailMessage message) {
    }

    /** Stores a message as PENDING, due now. @return its id */
    public long insert(String scope, String purpose, MailMessage m, Instant now) throws SQLException {
        try (Connection c = db.getConnection()) {
            // outside a JTA transaction: row and attachments in one local transaction, so the outbox timer
            // never takes a row whose attachments are not written yet (inside one, the JTA commit does it)
            boolean local = c.getAutoCommit();
            if (local) {
                c.setAutoCommit(false);
            }
            try {
                long id = insert(c, scope, purpose, m, now);
                if (local) {
                    c.commit();
                }
                return id;
            } catch (SQLException | RuntimeException e) {
                if (local) {
                    c.rollback();
                }
                throw e;
            } finally {
                if (local) {
                    c.setAutoCommit(true);
                }
            }
        }
    }

    private static long insert(Connection c, String scope, String purpose, MailMessage m, Instant now) throws SQLException {
        long id;
        try (PreparedStatement s = c.prepareStatement("INSERT INTO mail_delivery (scope, purpose, recipients, subject, "
                + "text_body, html_body, status, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, scope);
            s.setString(2, purpose);
            s.setString(3, String.join(SEPARATOR, m.recipients().stream().map(String::strip).toList()));
            s.setString(4, m.subject());
            s.setString(5, m.textBody());
            s.setString(6, m.htmlBody());
            s.setObject(7, UtcColumns.ofMillis(now));
            s.setObject(8, UtcColumns.ofMillis(now));
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        int position = 0;
        for (MailAttachment a : m.attachments()) {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO mail_attachment (delivery_id, position, file_name, "
                    + "content_type, content, file_path, size_bytes) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                s.setLong(1, id);
                s.setInt(2, position++);
                s.setString(3, a.fileName());
                s.setString(4, a.contentType());
                s.setBytes(5, a.content());
                s.setString(6, a.file() == null ? null : a.file().toString());
                s.setLong(7, a.content() != null ? a.content().length : java.nio.file.Files.size(a.file()));
                s.executeUpdate();
            } catch (java.io.IOException e) {
                throw new SQLException("attachment file " + a.file() + " cannot be read: " + e.getMessage(), e);
            }
        }
        return id;
    }

    /**
     * Stores the message unless the scope already has one for {@code purpose}; returns the id of the row
     * either way. Two callers racing on one purpose: the unique key lets one insert, the other finds it.
     */
    public long insertOnce(String scope, String purpose, MailMessage m, Instant now) throws SQLException {
        Optional<Long> existing = findByPurpose(scope, purpose);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            return insert(scope, purpose, m, now);
        } catch (SQLIntegrityConstraintViolationException e) {
            return findByPurpose(scope, purpose).orElseThrow(() -> e);
        } catch (SQLException e) {
            if ("23000".equals(e.getSQLState()) || "23505".equals(e.getSQLState())) {
                return findByPurpose(scope, purpose).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    public Optional<Long> findByPurpose(String scope, String purpose) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT id FROM mail_delivery WHERE scope = ? AND purpose = ?")) {
            s.setString(1, scope);
            s.setString(2, purpose);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    /** Ids of rows due at {@code now}, oldest due first: candidates for {@link #claim}. */
    public List<Long> due(Instant now, int limit) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT id FROM mail_delivery WHERE " + DUE
                     + " ORDER BY next_attempt_at, id LIMIT ?")) {
            s.setObject(1, UtcColumns.of(now));
            s.setObject(2, UtcColumns.of(now));
            s.setInt(3, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    /**
     * Takes the row for delivery if it is still due: status SENDING, one more attempt, held by
     * {@code claimant} until {@code until}. @return the row when this call took it, empty when another did
     */
    public Optional<Claimed> claim(long id, String claimant, Instant now, Instant until) throws SQLException {
        try (Connection c = db.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("UPDATE mail_delivery SET status = 'SENDING', attempts = attempts + 1, "
                    + "claimed_by = ?, claimed_until = ? WHERE id = ? AND " + DUE)) {
                s.setString(1, claimant);
                s.setObject(2, UtcColumns.of(until));
                s.setLong(3, id);
                s.setObject(4, UtcColumns.of(now));
                s.setObject(5, UtcColumns.of(now));
                if (s.executeUpdate() != 1) {
                    return Optional.empty();
                }
            }
            return Optional.of(load(c, id));
        }
    }

    private static Claimed load(Connection c, long id) throws SQLException {
        String scope;
        int attempts;
        List<String> recipients;
        String subject;
        String text;
        String html;
        try (PreparedStatement s = c.prepareStatement("SELECT scope, attempts, recipients, subject, text_body, html_body "
                + "FROM mail_delivery WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                scope = rs.getString(1);
                attempts = rs.getInt(2);
                recipients = Arrays.asList(rs.getString(3).split(SEPARATOR));
                subject = rs.getString(4);
                text = rs.getString(5);
                html = rs.getString(6);
            }
        }
        List<MailAttachment> attachments = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT file_name, content_type, content, file_path FROM mail_attachment "
                + "WHERE delivery_id = ? ORDER BY position")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    byte[] bytes = rs.getBytes(3);
                    String file = rs.getString(4);
                    attachments.add(bytes != null ? MailAttachment.ofBytes(rs.getString(1), rs.getString(2), bytes)
                            : MailAttachment.ofFile(rs.getString(1), rs.getString(2), Path.of(file)));
                }
            }
        }
        return new Claimed(id, scope, attempts, new MailMessage(recipients, subject, text, html, attachments));
    }

    public void markSent(long id, String claimant, Instant at) throws SQLException {
        update("UPDATE mail_delivery SET status = 'SENT', sent_at = ?, next_attempt_at = NULL, claimed_by = NULL, "
                + "claimed_until = NULL WHERE id = ? AND claimed_by = ?", UtcColumns.of(at), id, claimant);
    }

    public void markRetry(long id, String claimant, Instant next, String error) throws SQLException {
        update("UPDATE mail_delivery SET status = 'RETRYING', next_attempt_at = ?, last_error = ?, claimed_by = NULL, "
                + "claimed_until = NULL WHERE id = ? AND claimed_by = ?", UtcColumns.ofMillis(next), clip(error), id, claimant);
    }

    public void markFailed(long id, String claimant, String error) throws SQLException {
        update("UPDATE mail_delivery SET status = 'FAILED', next_attempt_at = NULL, last_error = ?, claimed_by = NULL, "
                + "claimed_until = NULL WHERE id = ? AND claimed_by = ?", clip(error), id, claimant);
    }

    /**
     * Makes a row due again now with a fresh series of attempts (the resend button).
     *
     * @return false when there is no such row in the scope, or it is being sent right now
     */
    public boolean resend(long id, Instant now) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE mail_delivery SET status = 'PENDING', attempts = 0, "
                     + "next_attempt_at = ?, claimed_by = NULL, claimed_until = NULL WHERE id = ? AND status <> 'SENDING'")) {
            s.setObject(1, UtcColumns.ofMillis(now));
            s.setLong(2, id);
            return s.executeUpdate() == 1;
        }
    }

    /**
     * Deletes SENT and FAILED rows created before {@code before}, with their attachments (in batches, so a
     * long-unpurged table does not hold one huge transaction). Waiting rows are never deleted.
     *
     * @return the rows deleted
     */
    public int purge(Instant before) throws SQLException {
        int total = 0;
        while (true) {
            List<Long> ids = new ArrayList<>();
            try (Connection c = db.getConnection();
                 PreparedStatement s = c.prepareStatement("SELECT id FROM mail_delivery WHERE status IN ('SENT', 'FAILED') "
                         + "AND created_at < ? ORDER BY id LIMIT 500")) {
                s.setObject(1, UtcColumns.of(before));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            if (ids.isEmpty()) {
                return total;
            }
            String in = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
            try (Connection c = db.getConnection()) {
                for (String table : List.of("mail_attachment WHERE delivery_id", "mail_delivery WHERE id")) {
                    try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " IN (" + in + ")")) {
                        for (int i = 0; i < ids.size(); i++) {
                            s.setLong(i + 1, ids.get(i));
                        }
                        int n = s.executeUpdate();
                        if (table.startsWith("mail_delivery")) {
                            total += n;
                        }
                    }
                }
            }
        }
    }

    /** How many mails of every scope are in this status (for the metrics). */
    public long count(DeliveryStatus status) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM mail_delivery WHERE status = ?")) {
            s.setString(1, status.name());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public Optional<MailDelivery> find(long id) throws SQLException {
        List<MailDelivery> rows = list("SELECT " + LOG_COLUMNS + " FROM mail_delivery WHERE id = ?", id);
        return rows.stream().findFirst();
    }

    /**
     * The delivery log, newest first.
     *
     * @param scope  a tenant id, {@code *} for server-wide mails, or null for every scope
     * @param status null for every status
     */
    public List<MailDelivery> list(String scope, DeliveryStatus status, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + LOG_COLUMNS + " FROM mail_delivery WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (scope != null) {
            sql.append(" AND scope = ?");
            args.add(scope);
        }
        if (status != null) {
            sql.append(" AND status = ?");
            args.add(status.name());
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        args.add(limit);
        return list(sql.toString(), args.toArray());
    }

    private List<MailDelivery> list(String sql, Object... args) throws SQLException {
        List<MailDelivery> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new MailDelivery(rs.getLong(1), rs.getString(2), rs.getString(3),
                            Arrays.asList(rs.getString(4).split(SEPARATOR)), rs.getString(5),
                            DeliveryStatus.valueOf(rs.getString(6)), rs.getInt(7),
                            UtcColumns.instant(rs.getObject(8, LocalDateTime.class)), rs.getString(9),
                            UtcColumns.instant(rs.getObject(10, LocalDateTime.class)),
                            UtcColumns.instant(rs.getObject(11, LocalDateTime.class))));
                }
            }
        }
        return out;
    }

    private void update(String sql, Object... args) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.executeUpdate();
        }
    }

    private static String clip(String s) {
        return s == null ? null : s.length() > 2000 ? s.substring(0, 1999) + "…" : s;
    }
}
