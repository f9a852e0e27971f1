package io.queuelens.sources.demo.entity;

import org.junit.jupiter.api.Test;

import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The demo's step: 1 to 1000 ms, 100 unless set; a wrong value names its property. */
class DemoSettingsTest {

    private static DemoSettings withTick(int millis) {
        return new DemoSettings("demo", ZoneId.of("Europe/Berlin"), 42, 40, 1.0, 0, 0, "127.0.0.1", 0, null, null, millis);
    }

    @Test
    void theStepIsOneToAThousandMillisecondsAndAHundredUnlessSet() {
        assertThat(withTick(10).tickMillis()).isEqualTo(10);
        assertThat(withTick(1).tickMillis()).isEqualTo(1);
        assertThat(withTick(1000).tickMillis()).isEqualTo(1000);
        assertThat(new DemoSettings("demo", ZoneId.of("Europe/Berlin"), 42, 40, 1.0, 0, 0, "127.0.0.1", 0, null)
                .tickMillis()).isEqualTo(100);
        for (int wrong : new int[]{0, -5, 1001}) {
            assertThatThrownBy(() -> withTick(wrong)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("queuelens.demo.tick-millis must be 1 to 1000: " + wrong);
        }
    }
}
