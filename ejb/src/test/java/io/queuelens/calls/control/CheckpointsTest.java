package io.queuelens.calls.control;

import io.queuelens.calls.entity.AgentPause;
import io.queuelens.calls.entity.AgentSession;
import io.queuelens.calls.entity.AssemblerState;
import io.queuelens.calls.entity.OpenCall;
import io.queuelens.calls.entity.Outcome;
import io.queuelens.calls.entity.QueueVisit;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DeflaterOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        byte[] blob = Checkpoints.encode(state);

        assertThat(Checkpoints.read(blob)).isEqualTo(state);
        assertThat(blob.length).isLessThan(plain(state).length / 4);
    }

    @Test
    void aBlobWrittenBeforeCompressionStillReads() throws Exception {
        AssemblerState state = stateWithAgents(3);
        assertThat(Checkpoints.read(plain(state))).isEqualTo(state);
    }

    @Test
    void everyFieldOfCallsSessionsAndPausesReadsBackEqualNullsIncluded() {
        Instant t = Instant.parse("2026-03-29T00:59:59.123456789Z");
        QueueVisit full = new QueueVisit("t1", "pbx", "1711670399.42", 2, "sales", "+49 30 1234", "Jürgen Ölmez", "0800123",
                t, t.plusSeconds(12), null, Outcome.ANSWERED, 12, 4, 0, 0, "PJSIP/201", false, null, null, null, 0, 3, null);
        QueueVisit held = new QueueVisit("t1", "pbx", "1711670399.42", 1, "support", null, null, null,
                t.minusSeconds(90), null, t.minusSeconds(1), Outcome.TIMEOUT, 89, 0, 0, 0, null, false, null, null, null,
                null, 0, null);
        QueueVisit emitted = new QueueVisit("t1", "pbx", "1711670000.7", 1, "sales", "", "", null,
                t.minusSeconds(400), t.minusSeconds(390), t.minusSeconds(100), Outcome.ANSWERED, 10, 2, 290, 15, "Agent Одна",
                true, "200@from-internal", "TRANSFER", "5", 7, 0, "billing");
        AssemblerState state = new AssemblerState(t, List.of(
                new OpenCall("1711670399.42", "0800123", 2, full, held, null, t.plusSeconds(12)),
                new OpenCall("1711670000.7", null, 1, null, null, emitted, t.minusSeconds(100)),
                new OpenCall("1711660000.1", null, 0, null, null, null, t.minusSeconds(5000))),
                List.of(new AgentSession("t1", "pbx", "PJSIP/201", "NONE", t.minusSeconds(3600), null)),
                List.of(new AgentPause("t1", "pbx", "PJSIP/202", "sales", null, t.minusNanos(1), null),
                        new AgentPause("t1", "pbx", "Agent Одна", "NONE", "Lunch | break", t, null)));

        assertThat(Checkpoints.read(Checkpoints.encode(state))).isEqualTo(state);
        assertThat(Checkpoints.read(Checkpoints.encode(AssemblerState.EMPTY))).isEqualTo(AssemblerState.EMPTY);
    }

    @Test
    void aBlobOfTheSerializedRecordsDeflatedAsTheVersionBeforeWroteThemStillReads() throws Exception {
        AssemblerState state = stateWithAgents(5);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(new DeflaterOutputStream(bytes))) {
            out.writeObject(state);
        }
        assertThat(Checkpoints.read(bytes.toByteArray())).isEqualTo(state);
    }

    @Test
    void aDamagedBlobFailsTheReadAndALaterFormatResumesWithoutOpenCalls() {
        byte[] blob = Checkpoints.encode(stateWithAgents(50));
        byte[] cut = Arrays.copyOf(blob, blob.length / 2);
        assertThatThrownBy(() -> Checkpoints.read(cut)).isInstanceOf(UncheckedIOException.class).hasMessageContaining("damaged");

        byte[] later = blob.clone();
        later[3] = 2;
        assertThat(Checkpoints.read(later)).isEqualTo(AssemblerState.EMPTY);
    }

    private static byte[] plain(AssemblerState state) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(state);
        }
        return bytes.toByteArray();
    }
}
