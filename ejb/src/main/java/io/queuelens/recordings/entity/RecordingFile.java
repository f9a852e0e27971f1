package io.queuelens.recordings.entity;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A recording found on disk, under the recordings root.
 *
 * @param path        the real path (symbolic links resolved)
 * @param contentType the audio type by file extension, for the browser's player
 * @param size        bytes
 */
public record RecordingFile(Path path, String contentType, long size) {

    /** The formats Asterisk's MixMonitor/Monitor write (wav, WAV = wav49/GSM in RIFF, gsm, mp3 by FreePBX conversion, ogg). */
    private static final Map<String, String> TYPES = Map.of(
            "wav", "audio/wav",
            "wav49", "audio/wav",
            "mp3", "audio/mpeg",
            "ogg", "audio/ogg",
            "oga", "audio/ogg",
            "opus", "audio/ogg",
            "gsm", "audio/x-gsm",
            "flac", "audio/flac",
            "m4a", "audio/mp4");

    public RecordingFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(contentType, "contentType");
    }

    public static String contentTypeOf(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String ext = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(ext, "application/octet-stream");
    }
}
