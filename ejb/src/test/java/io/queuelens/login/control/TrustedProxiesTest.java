package io.queuelens.login.control;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrustedProxiesTest {

    @Test
    void forwardedForCountsOnlyFromATrustedProxy() {
        TrustedProxies proxies = TrustedProxies.parse("10.0.0.5, 192.168.0.0/16");
        assertThat(proxies.clientAddress("10.0.0.5", "203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(proxies.clientAddress("192.168.40.2", "203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(proxies.clientAddress("10.0.0.6", "203.0.113.7")).as("not a proxy: its header is ignored").isEqualTo("10.0.0.6");
        assertThat(proxies.clientAddress("10.0.0.5", null)).isEqualTo("10.0.0.5");
    }

    @Test
    void theRightMostUntrustedHopIsTheClientSoAForgedLeftPartDoesNotCount() {
        TrustedProxies proxies = TrustedProxies.parse("10.0.0.0/8");
        assertThat(proxies.clientAddress("10.0.0.5", "1.1.1.1, 203.0.113.7, 10.2.3.4")).isEqualTo("203.0.113.7");
        assertThat(proxies.clientAddress("10.0.0.5", "10.9.9.9, 10.2.3.4")).isEqualTo("10.9.9.9");
        assertThat(proxies.clientAddress("10.0.0.5", "evil.example, 10.2.3.4")).isEqualTo("10.2.3.4");
    }

    @Test
    void noProxiesByDefault() {
        TrustedProxies none = TrustedProxies.parse("");
        assertThat(none.isEmpty()).isTrue();
        assertThat(none.clientAddress("127.0.0.1", "203.0.113.7")).isEqualTo("127.0.0.1");
    }

    @Test
    void ipv6AndPrefixesOfAnyLength() {
        TrustedProxies proxies = TrustedProxies.parse("::1, 2001:db8::/32, 172.16.0.0/12");
        assertThat(proxies.trusts("::1")).isTrue();
        assertThat(proxies.trusts("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(proxies.trusts("2001:db8:ffff::1")).isTrue();
        assertThat(proxies.trusts("2001:db9::1")).isFalse();
        assertThat(proxies.trusts("172.31.255.255")).isTrue();
        assertThat(proxies.trusts("172.32.0.1")).isFalse();
        assertThat(proxies.trusts("localhost")).as("host names are never looked up").isFalse();
    }

    @Test
    void badEntriesAreRefusedWithTheirText() {
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.1, proxy.example")).hasMessageContaining("proxy.example");
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/33")).hasMessageContaining("10.0.0.0/33");
        assertThatThrownBy(() -> TrustedProxies.parse("300.1.1.1")).hasMessageContaining("300.1.1.1");
    }
}
