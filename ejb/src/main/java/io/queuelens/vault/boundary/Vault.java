package io.queuelens.vault.boundary;

import io.queuelens.ops.control.DataDirectory;
import io.queuelens.vault.control.KeyFile;
import io.queuelens.vault.control.SecretCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Encrypts and decrypts source credentials. The key file is {@code <data>/vault.key} unless
 * {@code queuelens.vault.key-file} (QUEUELENS_VAULT_KEY_FILE) points elsewhere, e.g. to a mounted
 * secret; it is created on first use. Loaded lazily so a broken key file fails the saving or reading
 * of a source with its reason, not the whole deployment.
 */
@ApplicationScoped
public class Vault {

    @Inject
    DataDirectory data;

    @Inject
    @ConfigProperty(name = "queuelens.vault.key-file")
    Optional<String> keyFile;

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
                    cipher = KeyFile.openOrCreate(keyFile());
                }
                c = cipher;
            }
        }
        return c;
    }
}
