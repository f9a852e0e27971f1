package io.queuelens.payouts.boundary;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/** A tenant is due for yesterday once its own clock passed the nightly time, in its time zone. */
class PayoutsNightlyTest {

    private static final LocalTime AT = LocalTime.of(2, 30);

    @Test
    void dueAfterTheLocalTimeNotBefore() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        assertThat(PayoutsNightly.dueDay(ZonedDateTime.of(2026, 12, 4, 2, 29, 0, 0, berlin), AT)).isEmpty();
        assertThat(PayoutsNightly.dueDay(ZonedDateTime.of(2026, 12, 4, 2, 30, 0, 0, berlin), AT)).contains(LocalDate.of(2026, 12, 3));
        assertThat(PayoutsNightly.dueDay(ZonedDateTime.of(2026, 12, 4, 23, 59, 0, 0, berlin), AT)).contains(LocalDate.of(2026, 12, 3));
    }

    @Test
    void theSameInstantIsDueInOneZoneAndNotInAnother() {
        ZonedDateTime utc = ZonedDateTime.of(2026, 12, 4, 2, 0, 0, 0, ZoneId.of("UTC")); // 03:00 in Berlin (CET), 21:00 the day before in New York
        assertThat(PayoutsNightly.dueDay(utc, AT)).isEmpty();
        assertThat(PayoutsNightly.dueDay(utc.withZoneSameInstant(ZoneId.of("Europe/Berlin")), AT)).contains(LocalDate.of(2026, 12, 3));
        assertThat(PayoutsNightly.dueDay(utc.withZoneSameInstant(ZoneId.of("America/New_York")), AT)).contains(LocalDate.of(2026, 12, 2));
    }
}
