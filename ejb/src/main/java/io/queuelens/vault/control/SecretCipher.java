package io.queuelens.vault.control;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * AES-256-GCM over short secrets. A stored value reads {@code v1:<keyId>:<base64(nonce | ciphertext+tag)>}:
 * the format version and the key id travel with the value, so a key ring holding old and new keys can
 * decrypt values of both while a rotation re-encrypts them. Every value gets its own random 96-bit
 * nonce (never reused under one key); the format and key id are authenticated as associated data, so
 * a value moved under another key id is rejected, not silently decrypted.
 */
public final class SecretCipher {

    public static final String FORMAT = "v1";
    public static final Pattern KEY_ID = Pattern.compile("[a-z0-9]{1,16}");
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, SecretKey> keys;
    private final String currentKeyId;
    private final String keySource;

    /**
     * @param keys         every key that may have encrypted a stored value, by id
     * @param currentKeyId the key new values are encrypted with
     * @param keySource    where the keys come from (named in error messages, e.g. the key file)
     */
    public SecretCipher(Map<String, SecretKey> keys, String currentKeyId, String keySource) {
        if (!keys.containsKey(currentKeyId)) {
            throw new IllegalArgumentException("current key " + currentKeyId + " is not among the keys");
        }
        keys.forEach((id, k) -> {
            if (!KEY_ID.matcher(id).matches() || k.getEncoded().length != 32) {
                throw new IllegalArgumentException("key " + id + " must be 32 bytes with an id of " + KEY_ID);
            }
        });
        this.keys = new LinkedHashMap<>(keys);
        this.currentKeyId = currentKeyId;
        this.keySource = keySource;
    }

    public String encrypt(String plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(aad(currentKeyId));
            byte[] sealed = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return FORMAT + ":" + currentKeyId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new VaultException("AES-GCM encryption is not available in this JVM: " + e.getMessage(), e);
        }
    }

    /** @throws VaultException the value is not one of ours, names an unknown key, or was altered / made with another key */
    public String decrypt(String stored) {
        String[] parts = stored == null ? new String[0] : stored.split(":", 3);
        if (parts.length != 3 || !parts[0].equals(FORMAT)) {
            throw new VaultException("not an encrypted value of format " + FORMAT + " (it should start with '" + FORMAT
                    + ":<key id>:')");
        }
        SecretKey key = keys.get(parts[1]);
        if (key == null) {
            throw new VaultException("the value was encrypted with key '" + parts[1] + "', which " + keySource
                    + " does not hold (it has " + keys.keySet() + "); restore the key file it was made with");
        }
        byte[] in;
        try {
            in = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new VaultException("the encrypted value is damaged (not base64)");
        }
        if (in.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new VaultException("the encrypted value is damaged (too short)");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            c.updateAAD(aad(parts[1]));
            return new String(c.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new VaultException("the value does not decrypt with key '" + parts[1] + "' of " + keySource
                    + ": it was altered, or that key file is not the one it was encrypted with");
        } catch (GeneralSecurityException e) {
            throw new VaultException("AES-GCM decryption failed: " + e.getMessage(), e);
        }
    }

    /** Whether {@code stored} looks like a value of this cipher (not a plaintext by mistake). */
    public static boolean isEncrypted(String stored) {
        return stored != null && stored.startsWith(FORMAT + ":");
    }

    public String currentKeyId() {
        return currentKeyId;
    }

    /** The ids of every key this cipher can decrypt with, oldest first. */
    public java.util.List<String> keyIds() {
        return java.util.List.copyOf(keys.keySet());
    }

    private static byte[] aad(String keyId) {
        return (FORMAT + ":" + keyId).getBytes(StandardCharsets.US_ASCII);
    }
}
