package io.queuelens.alerts.control;

import io.queuelens.alerts.entity.AlertNotice;
import io.queuelens.alerts.entity.Figure;
import io.queuelens.alerts.entity.Severity;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The alert messages between cluster members read back as written. */
class AlertFramesTest {

    @Test
    void aNoticeSurvivesTheRoundTrip() throws IOException {
        AlertNotice n = new AlertNotice("FIRING", 42, "acme", "Очередь > 5", Severity.CRITICAL, Figure.WAITING,
                "queue:sales", "sales", List.of("sales", "vip"), 6.5, "> 5", Instant.parse("2026-12-04T10:00:00.5Z"),
                1_764_842_400_123L);

        AlertFrames.Message back = AlertFrames.decode(AlertFrames.encode(new AlertFrames.Notice("member-a", n)));

        assertThat(back).isEqualTo(new AlertFrames.Notice("member-a", n));
        assertThat(back.tenantId()).isEqualTo("acme");
        assertThat(((AlertFrames.Notice) back).notice().text()).isEqualTo(n.text());
    }

    @Test
    void ruleChangesAndAcknowledgementsSurviveTheRoundTrip() throws IOException {
        AlertFrames.Message changed = new AlertFrames.RuleChanged("b", "acme", 7);
        AlertFrames.Message acked = new AlertFrames.Acknowledged("b", "acme", 7, "agent:PJSIP/201");

        assertThat(AlertFrames.decode(AlertFrames.encode(changed))).isEqualTo(changed);
        assertThat(AlertFrames.decode(AlertFrames.encode(acked))).isEqualTo(acked);
    }

    @Test
    void aFrameOfAnotherFormatIsRefused() {
        byte[] frame = AlertFrames.encode(new AlertFrames.RuleChanged("b", "acme", 7));
        frame[0] = (byte) (AlertFrames.FORMAT + 1);

        assertThatThrownBy(() -> AlertFrames.decode(frame)).isInstanceOf(IOException.class);
    }
}
