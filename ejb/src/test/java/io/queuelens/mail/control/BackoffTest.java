package io.queuelens.mail.control;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(30), Duration.ofHours(1));

    @Test
    void theCeilingDoublesPerFailureUpToTheMaximum() {
        assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(backoff.ceiling(3)).isEqualTo(Duration.ofSeconds(120));
        assertThat(backoff.ceiling(7)).isEqualTo(Duration.ofSeconds(1920));
        assertThat(backoff.ceiling(8)).isEqualTo(Duration.ofHours(1));
        assertThat(backoff.ceiling(1000)).isEqualTo(Duration.ofHours(1));
        assertThat(backoff.ceiling(0)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void theJitteredDelayLiesBetweenHalfTheCeilingAndAllOfItAndVaries() {
        Random random = new Random(7);
        Set<Long> seen = new HashSet<>();
        for (int attempt = 1; attempt <= 10; attempt++) {
            Duration ceiling = backoff.ceiling(attempt);
            for (int i = 0; i < 200; i++) {
                Duration d = backoff.delay(attempt, random);
                assertThat(d).isBetween(ceiling.dividedBy(2), ceiling);
                if (attempt == 3) {
                    seen.add(d.toMillis());
                }
            }
        }
        assertThat(seen).as("jitter spreads the retries").hasSizeGreaterThan(150);
    }

    @Test
    void aBaseAboveTheMaximumIsRefused() {
        assertThatThrownBy(() -> new Backoff(Duration.ofMinutes(5), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
