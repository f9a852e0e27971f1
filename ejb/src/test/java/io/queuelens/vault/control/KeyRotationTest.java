package io.queuelens.vault.control;

import io.queuelens.testsupport.TestDatabases;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A key rotation on H2 and MariaDB: afterwards every secret of every encrypted column decrypts to what
 * it was, none is stored under the old key id, no plaintext is in the table, and the key file holds
 * only the new key (still 0600).
 */
class KeyRotationTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void everySecretMovesToTheNewKeyAndTheOldKeyIsRetired(String kind) throws Exception {
        Path keyFile = dir.resolve("vault.key");
        SecretCipher old = KeyFile.openOrCreate(keyFile);
        try (TestDatabases.Db db = TestDatabases.open(kind)) {
            List<String> secrets = new ArrayList<>();
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("insert into tenant (id, name, time_zone, locale, currency, created_at) "
                        + "values ('acme', 'ACME', 'UTC', 'en', 'EUR', CURRENT_TIMESTAMP)");
                try (PreparedStatement p = c.prepareStatement("insert into asterisk_source (tenant_id, name, display_name, enabled,"
                        + " queue_log_mode, db_password, ami_secret, created_at, updated_at) values ('acme', ?, 'x', true, 'TABLE', ?, ?,"
                        + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")) {
                    for (int i = 0; i < 5; i++) {
                        String dbPassword = "db-Pass-" + i + "-ü";
                        String amiSecret = i == 3 ? null : "ami-Secret-" + i;
                        secrets.add(dbPassword);
                        if (amiSecret != null) {
                            secrets.add(amiSecret);
                        }
                        p.setString(1, "pbx" + i);
                        p.setString(2, old.encrypt(dbPassword));
                        p.setString(3, amiSecret == null ? null : old.encrypt(amiSecret));
                        p.executeUpdate();
                    }
                }
            }
            // SMTP passwords: rows keyed by a string (the scope), not a number
            try (Connection c = db.dataSource().getConnection();
                 PreparedStatement p = c.prepareStatement("insert into mail_settings (scope, host, port, security, username, password,"
                         + " from_address, updated_at, updated_by) values (?, 'smtp.example.com', 587, 'STARTTLS', 'u', ?,"
                         + " 'ql@example.com', CURRENT_TIMESTAMP, 'test')")) {
                for (String scope : List.of("*", "acme")) {
                    p.setString(1, scope);
                    p.setString(2, old.encrypt("smtp-Pass-" + scope));
                    p.executeUpdate();
                }
            }
            List<String> smtpSecrets = List.of("smtp-Pass-*", "smtp-Pass-acme");
            AtomicReference<SecretCipher> during = new AtomicReference<>();

            KeyRotation.Result result = KeyRotation.rotate(db.dataSource(), keyFile, during::set);

            assertThat(result.newKeyId()).isEqualTo("k2");
            assertThat(result.retiredKeyIds()).containsExactly("k1");
            assertThat(result.values()).isEqualTo(11);
            assertThat(result.reencrypted()).containsEntry("asterisk_source.db_password", 5).containsEntry("asterisk_source.ami_secret", 4)
                    .containsEntry("mail_settings.password", 2);
            assertThat(during.get().keyIds()).containsExactly("k1", "k2");

            SecretCipher now = KeyFile.openOrCreate(keyFile);
            assertThat(now.keyIds()).containsExactly("k2");
            List<String> decrypted = new ArrayList<>();
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select db_password, ami_secret from asterisk_source order by name")) {
                while (rs.next()) {
                    for (int col = 1; col <= 2; col++) {
                        String stored = rs.getString(col);
                        if (stored == null) {
                            continue;
                        }
                        assertThat(stored).startsWith("v1:k2:").doesNotContain("v1:k1:");
                        for (String secret : secrets) {
                            assertThat(stored).doesNotContain(secret);
                        }
                        decrypted.add(now.decrypt(stored));
                    }
                }
            }
            assertThat(decrypted).containsExactlyInAnyOrderElementsOf(secrets);
            List<String> smtpDecrypted = new ArrayList<>();
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select password from mail_settings order by scope")) {
                while (rs.next()) {
                    assertThat(rs.getString(1)).startsWith("v1:k2:").doesNotContain("smtp-Pass");
                    smtpDecrypted.add(now.decrypt(rs.getString(1)));
                }
            }
            assertThat(smtpDecrypted).containsExactlyElementsOf(smtpSecrets);
            if (Files.getFileAttributeView(dir, java.nio.file.attribute.PosixFileAttributeView.class) != null) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
            }

            // A second rotation moves everything again, to k3.
            KeyRotation.Result again = KeyRotation.rotate(db.dataSource(), keyFile, c -> { });
            assertThat(again.newKeyId()).isEqualTo("k3");
            assertThat(again.values()).isEqualTo(11);
            assertThat(KeyFile.openOrCreate(keyFile).keyIds()).containsExactly("k3");
        }
    }
}
