package io.queuelens.sources.demo.control;

import io.queuelens.sources.demo.entity.CdrRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo's recordings are real WAV files in FreePBX's day folders; old ones are pruned, other files never. */
class DemoRecordingsTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    @TempDir
    Path root;

    static CdrRow row(Instant start, String uniqueid, String recording) {
        return new CdrRow(start, "\"\" <0301>", "0301", "400", "ext-queues", "PJSIP/trunk-1", "Local/1001@from-queue-1;1",
                "Queue", "sales", 60, 50, CdrRow.ANSWERED, 3, "", uniqueid, "", "+4930", recording, "0301", "", "", "", "",
                uniqueid, "", 1);
    }

    @Test
    void aRecordedCallGetsAPlayableWavInItsLocalDayFolder() throws Exception {
        DemoRecordings recordings = new DemoRecordings(root, BERLIN, Clock.fixed(NOW, ZoneOffset.UTC));
        // 23:30 UTC on the 9th is already the 10th in Berlin
        recordings.write(row(Instant.parse("2026-03-09T23:30:00Z"), "1773099000.7", "q400-20260310-003000-1773099000.7.wav"));
        recordings.write(row(Instant.parse("2026-03-09T23:40:00Z"), "1773099600.8", ""));
        Path file = root.resolve("2026/03/10/q400-20260310-003000-1773099000.7.wav");
        assertThat(file).exists();
        assertThat(recordings.written()).isEqualTo(1);
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes.length).isBetween(8000, 9000);
        try (AudioInputStream audio = AudioSystem.getAudioInputStream(new ByteArrayInputStream(bytes))) {
            AudioFormat f = audio.getFormat();
            assertThat(f.getSampleRate()).isEqualTo(8000f);
            assertThat(f.getChannels()).isEqualTo(1);
            assertThat(audio.getFrameLength()).isEqualTo(8000);
        }
        assertThat(DemoRecordings.isDemoFile(file)).isTrue();
    }

    @Test
    void onlyRecentCallsGetFilesAndOldDemoFilesArePrunedButNoOtherFile() throws Exception {
        Path oldDay = Files.createDirectories(root.resolve("2026/03/01"));
        Path oldDemo = oldDay.resolve("q400-old.wav");
        Files.write(oldDemo, DemoRecordings.tone("1.1"));
        Path realPbx = Files.writeString(oldDay.resolve("q400-real.wav"), "RIFF from a real PBX");
        DemoRecordings recordings = new DemoRecordings(root, BERLIN, Clock.fixed(NOW, ZoneOffset.UTC));
        recordings.write(row(NOW.minus(Duration.ofDays(5)), "1.2", "q400-too-old.wav"));
        assertThat(recordings.written()).isZero();
        recordings.write(row(NOW.minus(Duration.ofHours(1)), "1.3", "q400-recent.wav"));
        assertThat(recordings.written()).isEqualTo(1);
        assertThat(oldDemo).doesNotExist();
        assertThat(realPbx).exists();
        assertThat(DemoRecordings.isDemoFile(realPbx)).isFalse();
    }

    @Test
    void aNameThatIsNotAPlainFileNameIsNotWritten() {
        DemoRecordings recordings = new DemoRecordings(root, BERLIN, Clock.fixed(NOW, ZoneOffset.UTC));
        recordings.write(row(NOW, "1.4", "../../escape.wav"));
        assertThat(recordings.written()).isZero();
        assertThat(root.getParent().resolve("escape.wav")).doesNotExist();
    }
}
