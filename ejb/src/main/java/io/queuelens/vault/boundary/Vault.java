package io.queuelens.vault.boundary;

import io.queuelens.ops.control.DataDirectory;
import io.queuelens.vault.control.KeyFile;
import io.queuelens.vault.control.KeyRotation;
import io.queuelens.vault.control.SecretCipher;
import io.queuelens.vault.control.VaultException;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Encrypts and decrypts source credentials. The key file is {@code <data>/vault.key} unless
 * {@code queuelens.vault.key-file} (QUEUELENS_VAULT_KEY_FILE) points elsewhere, e.g. to a mounted
 * secret; it is created on first use. Loaded lazily so a broken key file fails the saving or reading
 * of a source with its reason, not the whole deployment.
 * <p>
 * Instead of the file, the key can come from the setting {@code queuelens.vault.key} (base64 of 32
 * bytes), on Payara given as {@code ${ALIAS=queuelens-vault-key}} so it lives in the server's password
 * alias store. Its key id is derived from the key ({@code p} + 6 hex digits of its SHA-256), so a value
 * made with another key says so. Such a key is rotated by the operator (see README), not by
 * {@link #rotateKey()}.
 */
@ApplicationScoped
public class Vault {

    @Inject
    DataDirectory data;

    @Inject
    @ConfigProperty(name = "queuelens.vault.key-file")
    Optional<String> keyFile;

    @Inject
    @ConfigProperty(name = "queuelens.vault.key")
    Optional<String> configuredKey;

    @Resource(lookup = "jdbc/queuelens")
    DataSource dataSource;

    private volatile SecretCipher cipher;

    public String encrypt(String plaintext) {
        return cipher().encrypt(plaintext);
    }

    /** @throws io.queuelens.vault.control.VaultException with the reason when the value cannot be opened */
    public String decrypt(String stored) {
        return cipher().decrypt(stored);
    }

    public Path keyFile() {
        return keyFile.filter(s -> !s.isBlank()).map(s -> Path.of(s).toAbsolutePath()).orElseGet(() -> data.resolve("vault.key"));
    }

    /** The cipher over the key file's keys, for controls that encrypt as they store. */
    public SecretCipher cipher() {
        SecretCipher c = cipher;
        if (c == null) {
            synchronized (this) {
                if (cipher == null) {
                    cipher = configuredKey.filter(k -> !k.isBlank()).map(Vault::fromSetting)
                            .orElseGet(() -> KeyFile.openOrCreate(keyFile()));
                }
                c = cipher;
            }
        }
        return c;
    }

    /**
     * Replaces the key file's key: a new key, every stored secret re-encrypted under it in one
     * transaction, the old keys removed ({@link KeyRotation}).
     *
     * @throws VaultException when the key comes from {@code queuelens.vault.key}, not from a file
     */
    public synchronized KeyRotation.Result rotateKey() throws IOException, SQLException {
        if (configuredKey.filter(k -> !k.isBlank()).isPresent()) {
            throw new VaultException("the vault key comes from the setting queuelens.vault.key (QUEUELENS_VAULT_KEY or a"
                    + " Payara password alias), which QueueLens cannot change; rotate it as README 'Vault key' describes");
        }
        cipher();
        KeyRotation.Result result = KeyRotation.rotate(dataSource, keyFile(), ring -> cipher = ring);
        cipher = KeyFile.openOrCreate(keyFile());
        return result;
    }

    static SecretCipher fromSetting(String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            key = new byte[0];
        }
        if (key.length != 32) {
            throw new VaultException("queuelens.vault.key must be the base64 of 32 random bytes (e.g. 'openssl rand -base64 32')");
        }
        String id = "p" + HexFormat.of().formatHex(sha256(key)).substring(0, 6);
        return new SecretCipher(Map.of(id, new SecretKeySpec(key, "AES")), id, "the setting queuelens.vault.key");
    }

    private static byte[] sha256(byte[] b) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(b);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
