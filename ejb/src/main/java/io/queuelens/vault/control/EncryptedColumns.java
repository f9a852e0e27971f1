package io.queuelens.vault.control;

import java.util.List;

/**
 * Every database column that holds vault ciphertext: the one list a key rotation re-encrypts. A
 * component that stores a new kind of secret (SMTP passwords, Genesys client secrets) adds its column
 * here, or the rotation would retire the key its values need.
 */
public final class EncryptedColumns {

    /**
     * A column of vault values in {@code table}, whose rows are keyed by {@code idColumn} (any single-column
     * key: a number such as {@code id} or a string such as {@code mail_settings.scope}).
     */
    public record Column(String table, String idColumn, String column) {

        public String label() {
            return table + "." + column;
        }
    }

    public static final List<Column> ALL = List.of(
            new Column("asterisk_source", "id", "db_password"),
            new Column("asterisk_source", "id", "ami_secret"),
            new Column("mail_settings", "scope", "password"),
            new Column("alert_channel", "id", "secret"),
            new Column("subscription_secret", "id", "secret"));

    private EncryptedColumns() {
    }
}
