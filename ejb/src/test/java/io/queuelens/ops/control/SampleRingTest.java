package io.queuelens.ops.control;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SampleRingTest {

    @Test
    void keepsTheLastCapacityValuesOldestFirst() {
        SampleRing<Integer> ring = new SampleRing<>(3);
        assertThat(ring.toList()).isEmpty();
        ring.add(1);
        ring.add(2);
        assertThat(ring.toList()).containsExactly(1, 2);
        ring.add(3);
        ring.add(4);
        ring.add(5);
        assertThat(ring.toList()).containsExactly(3, 4, 5);
    }

    @Test
    void refusesAnEmptyRing() {
        assertThatThrownBy(() -> new SampleRing<>(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rssIsReadFromTheVmRssLineInBytes() {
        assertThat(ProcessMemory.rssBytes(List.of("Name:\tjava", "VmPeak:\t 9000 kB", "VmRSS:\t  123456 kB", "Threads: 40")))
                .isEqualTo(123456L * 1024);
        assertThat(ProcessMemory.rssBytes(List.of("Name:\tjava"))).isEqualTo(-1);
    }
}
