package io.queuelens.subscriptions.control;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LinkSignerTest {

    private final byte[] key = new byte[32];
    {
        Arrays.fill(key, (byte) 7);
    }
    private final LinkSigner signer = new LinkSigner(key);
    private final Instant now = Instant.parse("2026-12-04T12:00:00Z");
    private final long expires = now.plusSeconds(3600).getEpochSecond();

    @Test
    void aSignedLinkIsValidUntilItExpires() {
        String sig = signer.sign(42, "xlsx", expires);
        assertThat(signer.check(42, "xlsx", expires, sig, now)).isEqualTo(LinkSigner.Verdict.VALID);
        assertThat(signer.check(42, "xlsx", expires, sig, now.plusSeconds(3600))).isEqualTo(LinkSigner.Verdict.EXPIRED);
    }

    @Test
    void anyChangeIsTampering() {
        String sig = signer.sign(42, "xlsx", expires);
        assertThat(signer.check(43, "xlsx", expires, sig, now)).isEqualTo(LinkSigner.Verdict.TAMPERED);
        assertThat(signer.check(42, "pdf", expires, sig, now)).isEqualTo(LinkSigner.Verdict.TAMPERED);
        assertThat(signer.check(42, "xlsx", expires + 86400, sig, now)).isEqualTo(LinkSigner.Verdict.TAMPERED);
        assertThat(signer.check(42, "xlsx", expires, sig.substring(1) + "A", now)).isEqualTo(LinkSigner.Verdict.TAMPERED);
        assertThat(signer.check(42, "xlsx", expires, null, now)).isEqualTo(LinkSigner.Verdict.TAMPERED);
        // an expired link whose expiry was moved is tampered, not merely expired
        long past = now.minusSeconds(10).getEpochSecond();
        String old = signer.sign(42, "xlsx", past);
        assertThat(signer.check(42, "xlsx", past, old, now)).isEqualTo(LinkSigner.Verdict.EXPIRED);
        assertThat(signer.check(42, "xlsx", expires, old, now)).isEqualTo(LinkSigner.Verdict.TAMPERED);
    }

    @Test
    void anotherKeySignsDifferently() {
        byte[] other = key.clone();
        other[0] = 8;
        assertThat(new LinkSigner(other).sign(42, "xlsx", expires)).isNotEqualTo(signer.sign(42, "xlsx", expires));
        assertThatThrownBy(() -> new LinkSigner(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }
}
