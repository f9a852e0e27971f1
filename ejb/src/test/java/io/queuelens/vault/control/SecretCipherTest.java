package io.queuelens.vault.control;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The vault's cipher and key file: round trip, tampering, wrong key, key ids, file permissions. */
class SecretCipherTest {

    @TempDir
    Path dir;

    @Test
    void aSecretRoundTripsAndNeverEncryptsTheSameWayTwice() {
        SecretCipher cipher = KeyFile.openOrCreate(dir.resolve("vault.key"));
        String a = cipher.encrypt("pbx-Secret ü 42");
        String b = cipher.encrypt("pbx-Secret ü 42");

        assertThat(a).startsWith("v1:k1:").doesNotContain("pbx-Secret").isNotEqualTo(b); // fresh nonce each time
        assertThat(cipher.decrypt(a)).isEqualTo("pbx-Secret ü 42");
        assertThat(cipher.decrypt(b)).isEqualTo("pbx-Secret ü 42");
        assertThat(cipher.decrypt(cipher.encrypt(""))).isEmpty();
        assertThat(SecretCipher.isEncrypted(a)).isTrue();
        assertThat(SecretCipher.isEncrypted("pbx-Secret")).isFalse();
    }

    @Test
    void aTamperedValueIsDetected() {
        SecretCipher cipher = KeyFile.openOrCreate(dir.resolve("vault.key"));
        String stored = cipher.encrypt("secret");
        byte[] raw = Base64.getDecoder().decode(stored.substring("v1:k1:".length()));
        for (int i = 0; i < raw.length; i++) { // every single flipped bit: nonce, ciphertext and tag
            byte[] changed = raw.clone();
            changed[i] ^= 1;
            String tampered = "v1:k1:" + Base64.getEncoder().encodeToString(changed);
            assertThatThrownBy(() -> cipher.decrypt(tampered)).isInstanceOf(VaultException.class)
                    .hasMessageContaining("altered");
        }
        assertThatThrownBy(() -> cipher.decrypt("v1:k1:" + "A".repeat(8))).hasMessageContaining("too short");
        assertThatThrownBy(() -> cipher.decrypt("v1:k1:***")).hasMessageContaining("not base64");
        assertThatThrownBy(() -> cipher.decrypt("secret")).hasMessageContaining("not an encrypted value");
    }

    @Test
    void anotherKeyFileFailsClearly() {
        SecretCipher mine = KeyFile.openOrCreate(dir.resolve("a.key"));
        SecretCipher other = KeyFile.openOrCreate(dir.resolve("b.key"));
        String stored = mine.encrypt("secret");

        assertThatThrownBy(() -> other.decrypt(stored)).isInstanceOf(VaultException.class)
                .hasMessageContaining("does not decrypt with key 'k1'").hasMessageContaining("b.key");
        // a value claiming another key id: that key is not in the file
        assertThatThrownBy(() -> mine.decrypt(stored.replace("v1:k1:", "v1:k7:")))
                .hasMessageContaining("key 'k7'").hasMessageContaining("does not hold");
    }

    @Test
    void theKeyIdIsAuthenticatedSoARotatedRingStillOpensOldValues() throws Exception {
        Path file = dir.resolve("vault.key");
        SecretCipher first = KeyFile.openOrCreate(file);
        String old = first.encrypt("old secret");
        // what a rotation will do: append a key; the last line becomes current
        Files.writeString(file, Files.readString(file) + "k2=" + Base64.getEncoder().encodeToString(new byte[32]) + "\n");
        SecretCipher ring = KeyFile.read(file);

        assertThat(ring.currentKeyId()).isEqualTo("k2");
        assertThat(ring.decrypt(old)).isEqualTo("old secret");
        String fresh = ring.encrypt("new secret");
        assertThat(fresh).startsWith("v1:k2:");
        // the same bytes relabelled as k1 do not open: the key id is part of what the tag covers
        assertThatThrownBy(() -> ring.decrypt(fresh.replace("v1:k2:", "v1:k1:"))).hasMessageContaining("altered");
    }

    @Test
    void theKeyFileIsCreatedOwnerOnlyAndAReadableOneIsRefused() throws Exception {
        Path file = dir.resolve("sub").resolve("vault.key");
        SecretCipher cipher = KeyFile.openOrCreate(file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).matches("k1=[A-Za-z0-9+/]{43}=\n");
        // opened again: the same key
        assertThat(KeyFile.openOrCreate(file).decrypt(cipher.encrypt("x"))).isEqualTo("x");

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> KeyFile.openOrCreate(file)).hasMessageContaining("accessible to other users")
                .hasMessageContaining("chmod 600");
    }

    @Test
    void aBrokenKeyFileNamesTheLine() throws Exception {
        Path file = dir.resolve("vault.key");
        Files.writeString(file, "# comment\nk1=tooshort\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> KeyFile.openOrCreate(file)).hasMessageContaining("line 2");
    }
}
