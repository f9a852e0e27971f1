package io.queuelens.calls.control;

import io.queuelens.calls.entity.AgentPause;
import io.queuelens.calls.entity.AgentSession;
import io.queuelens.calls.entity.AssemblerState;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CheckpointsTest {

    private static AssemblerState stateWithAgents(int agents) {
        Instant t = Instant.parse("2026-03-04T08:00:00Z");
        List<AgentSession> sessions = new ArrayList<>();
        List<AgentPause> pauses = new ArrayList<>();
        for (int i = 0; i < agents; i++) {
            sessions.add(new AgentSession("t1", "pbx", "PJSIP/" + (200 + i), "sales", t.plusSeconds(i), null));
            pauses.add(new AgentPause("t1", "pbx", "PJSIP/" + (200 + i), "sales", "ACW", t.plusSeconds(60 + i), null));
        }
        return new AssemblerState(t.plusSeconds(3600), List.of(), sessions, pauses);
    }

    @Test
    void aStateReadsBackEqualAndIsStoredCompressed() throws Exception {
        AssemblerState state = stateWithAgents(400);
        byte[] blob = Checkpoints.write(state);

        assertThat(Checkpoints.read(blob)).isEqualTo(state);
        assertThat(blob.length).isLessThan(plain(state).length / 4);
    }

    @Test
    void aBlobWrittenBeforeCompressionStillReads() throws Exception {
        AssemblerState state = stateWithAgents(3);
        assertThat(Checkpoints.read(plain(state))).isEqualTo(state);
    }

    private static byte[] plain(AssemblerState state) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(state);
        }
        return bytes.toByteArray();
    }
}
