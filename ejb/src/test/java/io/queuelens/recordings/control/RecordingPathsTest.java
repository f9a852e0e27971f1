package io.queuelens.recordings.control;

import io.queuelens.recordings.entity.RecordingFile;
import io.queuelens.recordings.entity.UnsafeRecordingPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A recordingfile value finds files under the root, FreePBX's day folder first, and never a file outside. */
class RecordingPathsTest {

    static final LocalDateTime CALL = LocalDateTime.of(2026, 3, 5, 10, 15, 0);

    @TempDir
    Path base;

    Path root;
    Path secret;
    RecordingPaths paths;

    @BeforeEach
    void files() throws Exception {
        root = Files.createDirectories(base.resolve("recordings"));
        secret = Files.writeString(base.resolve("secret.wav"), "not yours");
        Files.createDirectories(root.resolve("2026/03/05"));
        Files.writeString(root.resolve("2026/03/05/q400-20260305-101500-1.1.wav"), "RIFF in the day folder");
        Files.createDirectories(root.resolve("custom"));
        Files.writeString(root.resolve("custom/call.mp3"), "ID3");
        paths = new RecordingPaths(root);
    }

    @Test
    void aBareFreePbxNameIsFoundInTheDayFolderOfTheCall() throws Exception {
        Optional<RecordingFile> found = paths.find("q400-20260305-101500-1.1.wav", CALL);
        assertThat(found).isPresent();
        assertThat(found.get().path()).isEqualTo(root.resolve("2026/03/05/q400-20260305-101500-1.1.wav").toRealPath());
        assertThat(found.get().contentType()).isEqualTo("audio/wav");
        assertThat(found.get().size()).isEqualTo("RIFF in the day folder".length());
        assertThat(paths.find("q400-20260305-101500-1.1.wav", CALL.plusDays(1))).as("another day's folder").isEmpty();
    }

    @Test
    void aRelativePathIsResolvedUnderTheRoot() {
        assertThat(paths.find("custom/call.mp3", CALL)).get().extracting(RecordingFile::contentType).isEqualTo("audio/mpeg");
        assertThat(paths.find("custom/missing.wav", CALL)).isEmpty();
        assertThat(paths.find("custom", CALL)).as("a folder is not a recording").isEmpty();
    }

    @Test
    void anOldFreePbxFullPathUnderAsterisksMonitorFolderIsReadUnderTheRoot() {
        assertThat(paths.find("/var/spool/asterisk/monitor/custom/call.mp3", CALL)).isPresent();
        assertThat(paths.find("/var/spool/asterisk/monitor/q400-20260305-101500-1.1.wav", CALL)).isPresent();
        // the rest of such a path is checked like any other value
        assertThatThrownBy(() -> paths.find("/var/spool/asterisk/monitor/../../../../etc/passwd", CALL))
                .isInstanceOf(UnsafeRecordingPath.class);
        assertThatThrownBy(() -> paths.find("/var/spool/asterisk/monitor//etc/passwd", CALL))
                .isInstanceOf(UnsafeRecordingPath.class);
        assertThatThrownBy(() -> paths.find("/var/spool/asterisk/monitorx/call.mp3", CALL))
                .isInstanceOf(UnsafeRecordingPath.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../secret.wav", "custom/../../secret.wav", "..", "/etc/passwd", "\\\\server\\share\\x.wav",
            "C:/Windows/win.ini", "c:secret.wav", "custom\\..\\..\\secret.wav", "custom//call.mp3", "./custom/call.mp3",
            "custom/./call.mp3", "a\u0000.wav", "line\nbreak.wav", " ", ""})
    void valuesThatCouldLeadOutsideAreRefused(String value) {
        assertThatThrownBy(() -> paths.find(value, CALL)).isInstanceOf(UnsafeRecordingPath.class);
    }

    @Test
    void encodedTricksAreJustNamesThatDoNotExist() {
        // the value comes from a database, not a URL: nothing decodes it, so these stay inside the root
        assertThat(paths.find("%2e%2e/secret.wav", CALL)).isEmpty();
        assertThat(paths.find("..%2fsecret.wav", CALL)).isEmpty();
        assertThat(paths.find("%2e%2e%2fsecret.wav", CALL)).isEmpty();
    }

    @Test
    void aSymbolicLinkInsideTheRootThatPointsOutsideIsRefused() throws Exception {
        Files.createSymbolicLink(root.resolve("custom/escape.wav"), secret);
        Files.createSymbolicLink(root.resolve("outside"), base);
        assertThatThrownBy(() -> paths.find("custom/escape.wav", CALL)).isInstanceOf(UnsafeRecordingPath.class)
                .hasMessageContaining("links outside");
        assertThatThrownBy(() -> paths.find("outside/secret.wav", CALL)).isInstanceOf(UnsafeRecordingPath.class);
        // a link that stays inside is fine
        Files.createSymbolicLink(root.resolve("custom/alias.mp3"), root.resolve("custom/call.mp3"));
        assertThat(paths.find("custom/alias.mp3", CALL)).isPresent();
    }

    @Test
    void aRootThatDoesNotExistFindsNothing() {
        assertThat(new RecordingPaths(base.resolve("nowhere")).find("x.wav", CALL)).isEmpty();
    }

    @Test
    void contentTypesFollowTheExtension() {
        assertThat(RecordingFile.contentTypeOf("a.WAV")).isEqualTo("audio/wav");
        assertThat(RecordingFile.contentTypeOf("a.gsm")).isEqualTo("audio/x-gsm");
        assertThat(RecordingFile.contentTypeOf("a.ogg")).isEqualTo("audio/ogg");
        assertThat(RecordingFile.contentTypeOf("noext")).isEqualTo("application/octet-stream");
    }
}
