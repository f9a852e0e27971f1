package io.queuelens.vault.control;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rotates the vault key held in a key file:
 * <ol>
 *   <li>a new key is appended to the key file and becomes the current one (old keys stay readable);</li>
 *   <li>every value of {@link EncryptedColumns#ALL} is re-encrypted under it, in one database
 *       transaction (all or nothing);</li>
 *   <li>only when no value under an old key is left are the old keys removed from the file.</li>
 * </ol>
 * A failure in 2 leaves the file with old and new keys and the values as they were: every value still
 * opens, and the rotation can simply be run again.
 */
public final class KeyRotation {

    /** What a rotation did; never a key or a secret. */
    public record Result(String newKeyId, List<String> retiredKeyIds, Map<String, Integer> reencrypted, int values) {
    }

    private KeyRotation() {
    }

    /** @param afterNewKey called with the cipher of old and new keys once the new key is in the file (to use it at once) */
    public static Result rotate(DataSource dataSource, Path keyFile, java.util.function.Consumer<SecretCipher> afterNewKey)
            throws IOException, SQLException {
        SecretCipher before = KeyFile.read(keyFile);
        String newKeyId = KeyFile.addKey(keyFile);
        SecretCipher ring = KeyFile.read(keyFile);
        afterNewKey.accept(ring);
        Map<String, Integer> counts = new LinkedHashMap<>();
        int total = 0;
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                for (EncryptedColumns.Column col : EncryptedColumns.ALL) {
                    int n = reencrypt(c, col, ring, newKeyId);
                    counts.put(col.label(), n);
                    total += n;
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
            long left = 0;
            for (EncryptedColumns.Column col : EncryptedColumns.ALL) {
                left += notUnder(c, col, newKeyId);
            }
            if (left > 0) {
                throw new IllegalStateException(left + " value(s) were stored under an old key during the rotation; "
                        + "the old keys stay in " + keyFile + " until a new rotation moves them");
            }
        }
        List<String> retired = new ArrayList<>(before.keyIds());
        retired.remove(newKeyId);
        KeyFile.keepOnly(keyFile, newKeyId);
        return new Result(newKeyId, retired, counts, total);
    }

    private static int reencrypt(Connection c, EncryptedColumns.Column col, SecretCipher ring, String newKeyId)
            throws SQLException {
        Map<Object, String> moved = new LinkedHashMap<>();
        try (PreparedStatement select = c.prepareStatement("SELECT " + col.idColumn() + ", " + col.column() + " FROM "
                + col.table() + " WHERE " + col.column() + " IS NOT NULL FOR UPDATE");
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                String stored = rs.getString(2);
                if (!stored.startsWith(SecretCipher.FORMAT + ":" + newKeyId + ":")) {
                    moved.put(rs.getObject(1), // numeric or string key alike
                             ring.encrypt(ring.decrypt(stored)));
                }
            }
        }
        try (PreparedStatement update = c.prepareStatement("UPDATE " + col.table() + " SET " + col.column() + " = ? WHERE "
                + col.idColumn() + " = ?")) {
            for (Map.Entry<Object, String> e : moved.entrySet()) {
                update.setString(1, e.getValue());
                update.setObject(2, e.getKey());
                update.addBatch();
            }
            if (!moved.isEmpty()) {
                update.executeBatch();
            }
        }
        return moved.size();
    }

    private static long notUnder(Connection c, EncryptedColumns.Column col, String keyId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM " + col.table() + " WHERE " + col.column()
                + " IS NOT NULL AND " + col.column() + " NOT LIKE ?")) {
            s.setString(1, SecretCipher.FORMAT + ":" + keyId + ":%");
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
