package io.queuelens.vault.boundary;

import io.queuelens.vault.control.SecretCipher;
import io.queuelens.vault.control.VaultException;
import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The vault key given as a setting (QUEUELENS_VAULT_KEY, or a Payara password alias behind it). */
class VaultKeySettingTest {

    private static String key(int fill) {
        byte[] b = new byte[32];
        java.util.Arrays.fill(b, (byte) fill);
        return Base64.getEncoder().encodeToString(b);
    }

    @Test
    void aKeyFromTheSettingEncryptsUnderAnIdOfItsOwnAndAnotherKeyIsNamedAsSuch() {
        SecretCipher a = Vault.fromSetting(key(1));
        String stored = a.encrypt("ami-Secret");
        assertThat(stored).matches("v1:p[0-9a-f]{6}:.*").doesNotContain("ami-Secret");
        assertThat(Vault.fromSetting(" " + key(1) + "\n").decrypt(stored)).isEqualTo("ami-Secret");
        assertThatThrownBy(() -> Vault.fromSetting(key(2)).decrypt(stored)).isInstanceOf(VaultException.class)
                .hasMessageContaining("queuelens.vault.key");
    }

    @Test
    void aKeyOfTheWrongSizeOrNotBase64IsRefusedWithHowToMakeOne() {
        assertThatThrownBy(() -> Vault.fromSetting("c2hvcnQ=")).hasMessageContaining("32 random bytes");
        assertThatThrownBy(() -> Vault.fromSetting("not base64 at all!")).hasMessageContaining("openssl rand -base64 32");
    }
}
