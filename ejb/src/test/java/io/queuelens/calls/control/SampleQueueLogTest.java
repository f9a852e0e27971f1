package io.queuelens.calls.control;

import io.queuelens.calls.entity.AgentPause;
import io.queuelens.calls.entity.Outcome;
import io.queuelens.calls.entity.QueueVisit;
import io.queuelens.testsupport.SampleCaptures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The real Asterisk 22 capture in shared/samples, checked by hand against the lines. */
class SampleQueueLogTest {

    @Test
    void theAnsweredCallAndTheAbandon() throws IOException {
        List<String> lines = Files.readAllLines(
                SampleCaptures.file("asterisk", "queue_log", "asterisk22_answered_and_abandon.queue_log"), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(7);
        QueueLogParser parser = new QueueLogParser();
        RecordingSink sink = new RecordingSink();
        VisitAssembler assembler = new VisitAssembler("t1", "pbx", sink);
        for (int i = 0; i < lines.size(); i++) {
            assembler.accept(parser.parseLine(i + 1, lines.get(i)));
        }
        assembler.flush();

        assertThat(sink.rejected).isEmpty();
        assertThat(sink.unknown).isEmpty();
        // 1795308941|1795308941.1|sales|NONE|ENTERQUEUE||5551234|1
        // 1795308941|1795308941.1|sales|Agent One|CONNECT|0|1795308941.4|0
        // 1795308945|1795308941.1|sales|Agent One|COMPLETEAGENT|0|4|1
        QueueVisit answered = new QueueVisit("t1", "pbx", "1795308941.1", 1, "sales", "5551234", null, null,
                Instant.ofEpochSecond(1795308941), Instant.ofEpochSecond(1795308941), Instant.ofEpochSecond(1795308945),
                Outcome.ANSWERED, 0, 0, 4, 0, "Agent One", false, null, "AGENT", null, 1, 0, null);
        // 1795308950|1795308950.7|support|NONE|ENTERQUEUE||5559999|1
        // 1795308954|1795308950.7|support|NONE|ABANDON|1|1|4
        QueueVisit abandoned = new QueueVisit("t1", "pbx", "1795308950.7", 1, "support", "5559999", null, null,
                Instant.ofEpochSecond(1795308950), null, Instant.ofEpochSecond(1795308954),
                Outcome.ABANDONED, 4, 0, 0, 0, null, false, null, null, null, 1, 0, null);
        assertThat(sink.visits).containsExactly(answered, abandoned);
        // 1795308949|NONE|support|Agent Three|PAUSE|lunch: still paused at the end of the file
        assertThat(sink.pauses).isEmpty();
        assertThat(assembler.openPauses()).containsExactly(new AgentPause("t1", "pbx", "Agent Three", "support", "lunch",
                Instant.ofEpochSecond(1795308949), null));
        assertThat(assembler.openVisits()).isEmpty();
        assertThat(assembler.openSessions()).isEmpty();
    }
}
