package io.queuelens.rollups.entity;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A day's quiet quarter hours as bits: the day and index of a bucket, both halves, ranges cleared. */
class QuietQuartersTest {

    @Test
    void aBucketsDayAndQuarterHourAreUtc() {
        assertThat(QuietQuarters.day(Instant.parse("2026-03-29T23:45:00Z"))).isEqualTo(LocalDate.parse("2026-03-29"));
        assertThat(QuietQuarters.index(Instant.parse("2026-03-29T00:00:00Z"))).isZero();
        assertThat(QuietQuarters.index(Instant.parse("2026-03-29T11:45:00Z"))).isEqualTo(47);
        assertThat(QuietQuarters.index(Instant.parse("2026-03-29T12:00:00Z"))).isEqualTo(48);
        assertThat(QuietQuarters.index(Instant.parse("2026-03-29T23:45:00Z"))).isEqualTo(95);
        assertThat(QuietQuarters.start(LocalDate.parse("2026-03-29"), 95)).isEqualTo(Instant.parse("2026-03-29T23:45:00Z"));
        assertThat(QuietQuarters.day(Instant.parse("1969-12-31T23:45:00Z"))).isEqualTo(LocalDate.parse("1969-12-31"));
        assertThat(QuietQuarters.index(Instant.parse("1969-12-31T23:45:00Z"))).isEqualTo(95);
        assertThatThrownBy(() -> QuietQuarters.index(Instant.parse("2026-03-29T10:05:00Z")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyQuarterHourHasItsOwnBitInOneOfTheTwoHalves() {
        QuietQuarters q = QuietQuarters.NONE;
        for (int i = 0; i < QuietQuarters.PER_DAY; i += 3) {
            q = q.with(i);
        }
        for (int i = 0; i < QuietQuarters.PER_DAY; i++) {
            assertThat(q.has(i)).as("quarter hour " + i).isEqualTo(i % 3 == 0);
        }
        assertThat(q.count()).isEqualTo(32);
        QuietQuarters all = QuietQuarters.NONE;
        for (int i = 0; i < QuietQuarters.PER_DAY; i++) {
            all = all.with(i);
        }
        assertThat(all.low()).isEqualTo((1L << 48) - 1).isPositive();
        assertThat(all.high()).isEqualTo((1L << 48) - 1);
        assertThatThrownBy(() -> new QuietQuarters(1L << 48, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QuietQuarters.NONE.with(96)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withoutClearsExactlyTheRangeAcrossTheHalves() {
        QuietQuarters all = new QuietQuarters((1L << 48) - 1, (1L << 48) - 1);
        QuietQuarters cut = all.without(40, 60);
        for (int i = 0; i < QuietQuarters.PER_DAY; i++) {
            assertThat(cut.has(i)).as("quarter hour " + i).isEqualTo(i < 40 || i >= 60);
        }
        assertThat(all.without(0, 96).isEmpty()).isTrue();
        assertThat(all.without(0, 48)).isEqualTo(new QuietQuarters(0, (1L << 48) - 1));
        assertThat(all.without(48, 96)).isEqualTo(new QuietQuarters((1L << 48) - 1, 0));
        assertThat(all.without(5, 5)).isEqualTo(all);
        assertThatThrownBy(() -> all.without(10, 97)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyAWholeLoggedInQuarterHourWithNothingElseIsQuiet() {
        assertThat(QuietQuarters.isQuiet(new io.queuelens.kpi.entity.AgentTotals(900_000, Map.of(), 0, 0, 0, 0, 0))).isTrue();
        assertThat(QuietQuarters.isQuiet(new io.queuelens.kpi.entity.AgentTotals(899_999, Map.of(), 0, 0, 0, 0, 0))).isFalse();
        assertThat(QuietQuarters.isQuiet(new io.queuelens.kpi.entity.AgentTotals(900_000, Map.of("Lunch", 1L), 0, 0, 0, 0, 0)))
                .isFalse();
        assertThat(QuietQuarters.isQuiet(new io.queuelens.kpi.entity.AgentTotals(900_000, Map.of(), 0, 0, 0, 0, 1))).isFalse();
    }
}
