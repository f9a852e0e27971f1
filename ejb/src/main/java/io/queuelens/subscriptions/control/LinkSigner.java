package io.queuelens.subscriptions.control;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;

/**
 * Signs and checks the download links of a run's files: HMAC-SHA256 over run id, format and expiry,
 * base64url without padding. Pure; the key comes from {@code subscription_secret} (vault).
 */
public final class LinkSigner {

    /** What a link check found. */
    public enum Verdict { VALID, TAMPERED, EXPIRED }

    private final byte[] key;

    public LinkSigner(byte[] key) {
        if (key == null || key.length < 32) {
            throw new IllegalArgumentException("a link key has at least 32 bytes");
        }
        this.key = key.clone();
    }

    public String sign(long runId, String format, long expiresEpochSecond) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] sig = mac.doFinal((runId + "|" + format + "|" + expiresEpochSecond).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Tampering is checked first: an altered expiry is TAMPERED, not EXPIRED (the signature covers it). */
    public Verdict check(long runId, String format, long expiresEpochSecond, String signature, Instant now) {
        if (signature == null) {
            return Verdict.TAMPERED;
        }
        byte[] expected = sign(runId, format, expiresEpochSecond).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
            return Verdict.TAMPERED;
        }
        return now.getEpochSecond() >= expiresEpochSecond ? Verdict.EXPIRED : Verdict.VALID;
    }
}
