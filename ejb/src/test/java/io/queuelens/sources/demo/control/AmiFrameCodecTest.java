package io.queuelens.sources.demo.control;

import io.queuelens.sources.demo.entity.AmiMessage;
import io.queuelens.testsupport.SampleCaptures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AmiFrameCodecTest {

    static List<AmiMessage> readAll(String text) throws IOException {
        return readAll(text, null);
    }

    static List<AmiMessage> readAll(String text, String marker) throws IOException {
        List<AmiMessage> frames = new ArrayList<>();
        try (AmiFrameReader reader = new AmiFrameReader(new StringReader(text), marker)) {
            AmiMessage m;
            while ((m = reader.read()) != null) {
                frames.add(m);
            }
        }
        return frames;
    }

    @Test
    void readsTheAsterisk13DebugCaptureSkippingConsoleNoise() throws IOException {
        String capture = Files.readString(SampleCaptures.ami("ami_debug_capture_queue_call_ast13.txt"), StandardCharsets.UTF_8);
        List<AmiMessage> frames = readAll(capture, AmiFrameReader.DEBUG_CAPTURE_MARKER);

        // the capture holds 221 frames, each announced by a "<-- Examining AMI event: -->" console line
        long announced = capture.lines().filter(l -> l.equals("<-- Examining AMI event: -->")).count();
        assertThat(frames).hasSize((int) announced).hasSize(221);
        assertThat(frames).allSatisfy(f -> assertThat(f.eventName()).isNotBlank());
        AmiMessage first = frames.get(0);
        assertThat(first.eventName()).isEqualTo("Newchannel");
        assertThat(first.get("uniqueid")).isEqualTo("1514295827.372");
        assertThat(first.get("AccountCode")).isEmpty();
        // no console line leaked into a frame as a header
        assertThat(frames).allSatisfy(f -> {
            for (int i = 0; i < f.size(); i++) {
                assertThat(f.keyAt(i)).doesNotContain(" ", "=", "[").doesNotStartWith("<");
            }
        });
        assertThat(frames.stream().map(AmiMessage::eventName))
                .contains("QueueCallerJoin", "AgentCalled", "AgentConnect", "AgentComplete", "QueueCallerLeave");
        AmiMessage connect = frames.stream().filter(f -> "AgentConnect".equals(f.eventName())).findFirst().orElseThrow();
        assertThat(connect.get("HoldTime")).matches("\\d+");
        assertThat(connect.get("Queue")).isNotBlank();
    }

    @Test
    void withoutTheMarkerDumpChanConsoleOutputLooksLikeFrames() throws IOException {
        // why the marker exists: DumpChan prints "Info:" and "Variables:" between frames
        String capture = Files.readString(SampleCaptures.ami("ami_debug_capture_queue_call_ast13.txt"), StandardCharsets.UTF_8);
        assertThat(readAll(capture)).hasSizeGreaterThan(221);
    }

    @Test
    void readsThePanoramiskTranscriptsBannerIncluded() throws IOException {
        List<AmiMessage> status = readAll(Files.readString(SampleCaptures.ami("panoramisk_queue_status.yaml")));
        assertThat(status.get(0).get("Response")).isEqualTo("Success");
        assertThat(status.stream().filter(f -> "QueueMember".equals(f.eventName()))).hasSize(6);
        assertThat(status.get(status.size() - 1).eventName()).isEqualTo("QueueStatusComplete");
        assertThat(status.get(1).get("ServicelevelPerf")).isEqualTo("0.0");

        List<AmiMessage> login = readAll(Files.readString(SampleCaptures.ami("panoramisk_login_failed.yaml")));
        assertThat(login).hasSize(2);
        assertThat(login.get(0).actionName()).isEqualTo("login");
        assertThat(login.get(1).get("Message")).isEqualTo("Authentication failed");
    }

    @Test
    void writesWhatItReads() throws IOException {
        AmiMessage m = AmiMessage.event("Hangup").add("Channel", "PJSIP/1-0001").add("AccountCode", "")
                .add("Cause-txt", "Normal Clearing").add("Output", "a").add("Output", "b").build();
        String wire = AmiFrameWriter.encode(m);
        assertThat(wire).isEqualTo("Event: Hangup\r\nChannel: PJSIP/1-0001\r\nAccountCode: \r\n"
                + "Cause-txt: Normal Clearing\r\nOutput: a\r\nOutput: b\r\n\r\n");
        assertThat(readAll(wire + wire)).containsExactly(m, m);
    }

    @Test
    void aLineBreakInsideAValueCannotInjectHeaders() throws IOException {
        AmiMessage m = AmiMessage.response("Error").add("Message", "bad\r\nEvent: Forged").build();
        List<AmiMessage> back = readAll(AmiFrameWriter.encode(m));
        assertThat(back).hasSize(1);
        assertThat(back.get(0).eventName()).isNull();
    }

    @Test
    void rejectsAbsurdlyLongLines() {
        String line = "Action: " + "x".repeat(AmiFrameReader.MAX_LINE + 1) + "\r\n\r\n";
        assertThatThrownBy(() -> readAll(line)).isInstanceOf(IOException.class);
    }
}
