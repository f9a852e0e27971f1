package io.queuelens.sources.genesys.control;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NightlyCrossCheckTest {

    static final LocalTime AT = LocalTime.of(3, 30);
    static final ZoneId ISTANBUL = ZoneId.of("Europe/Istanbul"); // UTC+3 all year
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void beforeTheTimeNothingIsDueAndFromItYesterdayIs() {
        // 00:29 UTC = 03:29 in Istanbul: not yet; 00:30 UTC = 03:30: yesterday, i.e. the 9th
        assertThat(NightlyCrossCheck.dueDay(Instant.parse("2026-03-10T00:29:59Z"), ISTANBUL, AT)).isEmpty();
        assertThat(NightlyCrossCheck.dueDay(Instant.parse("2026-03-10T00:30:00Z"), ISTANBUL, AT))
                .contains(LocalDate.of(2026, 3, 9));
        assertThat(NightlyCrossCheck.dueDay(Instant.parse("2026-03-10T20:59:00Z"), ISTANBUL, AT))
                .contains(LocalDate.of(2026, 3, 9));
    }

    @Test
    void theDayIsTheTenantsNotUtcs() {
        // 22:00 UTC on the 10th is already 01:00 of the 11th in Istanbul: before 03:30 there, nothing is due,
        // although UTC's clock passed 03:30 long ago
        assertThat(NightlyCrossCheck.dueDay(Instant.parse("2026-03-10T22:00:00Z"), ISTANBUL, AT)).isEmpty();
        assertThat(NightlyCrossCheck.dueDay(Instant.parse("2026-03-10T22:00:00Z"), ZoneId.of("UTC"), AT))
                .contains(LocalDate.of(2026, 3, 9));
        // a zone behind UTC: 02:00 UTC on the 11th is 19:00 of the 10th in Los Angeles (PDT): the 9th is due
        assertThat(NightlyCrossCheck.dueDay(Instant.parse("2026-03-11T02:00:00Z"), ZoneId.of("America/Los_Angeles"), AT))
                .contains(LocalDate.of(2026, 3, 9));
    }

    @Test
    void aDaylightSavingNightStillHasItsCheck() {
        // Berlin skips 02:00-03:00 on 2026-03-29; 03:30 CEST exists and is 01:30 UTC
        assertThat(NightlyCrossCheck.dueDay(Instant.parse("2026-03-29T01:29:00Z"), BERLIN, AT)).isEmpty();
        assertThat(NightlyCrossCheck.dueDay(Instant.parse("2026-03-29T01:30:00Z"), BERLIN, AT))
                .contains(LocalDate.of(2026, 3, 28));
        // a time inside the skipped hour is passed once the clock jumps over it
        assertThat(NightlyCrossCheck.dueDay(Instant.parse("2026-03-29T01:00:00Z"), BERLIN, LocalTime.of(2, 30)))
                .contains(LocalDate.of(2026, 3, 28));
    }

    @Test
    void theKeyIsOnePerOrgAndDay() {
        LocalDate day = LocalDate.of(2026, 3, 9);
        assertThat(NightlyCrossCheck.key("gc1", day)).isEqualTo(NightlyCrossCheck.key("gc1", LocalDate.of(2026, 3, 9)))
                .isNotEqualTo(NightlyCrossCheck.key("gc1", day.plusDays(1)))
                .isNotEqualTo(NightlyCrossCheck.key("gc2", day));
    }

    @Test
    void theTimeSettingIsReadOrNamed() {
        assertThat(NightlyCrossCheck.time(" 03:30 ")).isEqualTo(AT);
        assertThat(NightlyCrossCheck.time("00:00")).isEqualTo(LocalTime.MIDNIGHT);
        assertThatThrownBy(() -> NightlyCrossCheck.time("3.30")).hasMessageContaining("queuelens.genesys.crosscheck-time")
                .hasMessageContaining("3.30");
        assertThatThrownBy(() -> NightlyCrossCheck.time(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
