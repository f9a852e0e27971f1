package io.queuelens.reports.entity;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WaitBucketsTest {

    @Test
    void blankIsTheDefaultAndBandsAreHalfOpen() {
        WaitBuckets b = WaitBuckets.parse(" ", "buckets");
        assertThat(b.toString()).isEqualTo(WaitBuckets.DEFAULT);
        assertThat(b.bandCount()).isEqualTo(7);
        assertThat(b.lower(1)).isEqualTo(10);
        assertThat(b.upper(1)).isEqualTo(20);
        assertThat(b.upper(6)).isNull();
    }

    @Test
    void badEdgesAreRefusedNamingTheParameter() {
        for (String bad : new String[]{"0,10,abc", "0,20,10", "0,10,10", "-5,10", "0,,10", "0,100000"}) {
            assertThatThrownBy(() -> WaitBuckets.parse(bad, "answerBuckets")).as(bad)
                    .isInstanceOfSatisfying(InvalidReportRequest.class, e -> {
                        assertThat(e.parameter()).isEqualTo("answerBuckets");
                        assertThat(e.firstMessage()).contains("was '" + bad + "'");
                    });
        }
        StringBuilder many = new StringBuilder("0");
        for (int i = 1; i <= WaitBuckets.MAX_EDGES; i++) {
            many.append(',').append(i);
        }
        assertThatThrownBy(() -> WaitBuckets.parse(many.toString(), "buckets")).hasMessageContaining("at most");
    }
}
