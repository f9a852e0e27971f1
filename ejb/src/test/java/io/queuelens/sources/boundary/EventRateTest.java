package io.queuelens.sources.boundary;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The events-per-second figure of a source's status. */
class EventRateTest {

    private static final long S = 1_000_000_000L;

    @Test
    void theRateIsTheLastWholeWindowsEventsPerSecond() {
        EventRate rate = new EventRate(Duration.ofSeconds(5), 0);
        rate.sample(400, 4 * S);
        assertThat(rate.perSecond()).as("the window is not over yet").isZero();
        rate.sample(500, 5 * S);
        assertThat(rate.perSecond()).isEqualTo(100);
        rate.sample(900, 9 * S);
        assertThat(rate.perSecond()).as("kept until the next window closes").isEqualTo(100);
        rate.sample(1_100, 11 * S);
        assertThat(rate.perSecond()).isEqualTo(100); // 600 events in 6 s
        rate.sample(1_100, 16 * S);
        assertThat(rate.perSecond()).as("a quiet window").isZero();
    }
}
