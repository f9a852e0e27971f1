package io.queuelens.ingest.control;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImportsInProgressTest {

    @Test
    void aSecondImportOfTheSameNameIsRefusedUntilTheFirstEnds() {
        try (ImportsInProgress.Claim first = ImportsInProgress.claim("acme", "pbx1", "queue_log")) {
            assertThatThrownBy(() -> ImportsInProgress.claim("acme", "pbx1", "queue_log"))
                    .isInstanceOf(ImportsInProgress.AlreadyRunning.class)
                    .hasMessageContaining("'queue_log' into acme/pbx1 is still running");
            // other names, sources and tenants are independent
            assertThatCode(() -> {
                ImportsInProgress.claim("acme", "pbx1", "queue_log.1").close();
                ImportsInProgress.claim("acme", "pbx2", "queue_log").close();
                ImportsInProgress.claim("other", "pbx1", "queue_log").close();
            }).doesNotThrowAnyException();
        }
        ImportsInProgress.claim("acme", "pbx1", "queue_log").close();
    }
}
