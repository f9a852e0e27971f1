package io.queuelens.login.control;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class IpFailuresTest {

    private final LockoutPolicy policy = new LockoutPolicy(2, Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofMinutes(10));
    private final Instant t0 = Instant.parse("2026-12-04T06:00:00Z");

    @Test
    void locksAnAddressAfterItsFailuresAndOnlyThatAddress() {
        IpFailures ips = new IpFailures(policy, 100);
        assertThat(ips.failed("10.0.0.1", t0)).isFalse();
        assertThat(ips.failed("10.0.0.1", t0)).as("the second failure locks").isTrue();
        assertThat(ips.lockedAt("10.0.0.1", t0.plusSeconds(59))).isTrue();
        assertThat(ips.lockedAt("10.0.0.2", t0.plusSeconds(59))).isFalse();
        assertThat(ips.lockedAt("10.0.0.1", t0.plusSeconds(60))).isFalse();
    }

    @Test
    void aFloodOfAddressesStaysWithinTheCapacityAndKeepsRecentLocks() {
        IpFailures ips = new IpFailures(policy, 1000);
        ips.failed("192.0.2.1", t0);
        ips.failed("192.0.2.1", t0);
        for (int i = 0; i < 50_000; i++) {
            ips.failed("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255), t0);
            if (i % 500 == 0) {
                ips.lockedAt("192.0.2.1", t0); // recently used: stays
            }
        }
        assertThat(ips.size()).isLessThanOrEqualTo(1000);
        assertThat(ips.lockedAt("192.0.2.1", t0.plusSeconds(1))).isTrue();
    }
}
