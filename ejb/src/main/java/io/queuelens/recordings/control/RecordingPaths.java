package io.queuelens.recordings.control;

import io.queuelens.recordings.entity.RecordingFile;
import io.queuelens.recordings.entity.UnsafeRecordingPath;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * From a cdr row's {@code recordingfile} to a file under the recordings root. FreePBX stores the bare
 * file name and keeps the file in {@code YYYY/MM/DD/} of the call's local date; other setups store a
 * path relative to the root. Both are tried, in that order.
 * <p>
 * The value comes from the PBX's database, so it is checked before it touches the file system:
 * absolute paths, drive letters, backslashes, {@code ..} segments and control characters are refused,
 * the normalized path must lie under the root, and so must the real path after symbolic links are
 * resolved (a link inside the root that points outside is refused too). A full path under Asterisk's
 * monitor folder (older FreePBX) is read as the path relative to it.
 */
public final class RecordingPaths {

    private static final DateTimeFormatter DAY_FOLDER = DateTimeFormatter.ofPattern("yyyy/MM/dd");
    /**
     * Asterisk's own recordings folder. Older FreePBX versions store the full path there; the recordings
     * root is that folder (mounted or copied), so the rest of such a path is relative to the root.
     */
    static final String PBX_MONITOR_DIR = "/var/spool/asterisk/monitor/";
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");

    private final Path root;

    /** @param root the recordings root; it need not exist (then no recording is found) */
    public RecordingPaths(Path root) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** The relative path the file of a call is expected at (FreePBX's day folder for a bare name). */
    public static String expectedRelativePath(String recordingFile, LocalDateTime calldateLocal) {
        return recordingFile.contains("/") ? recordingFile : DAY_FOLDER.format(calldateLocal) + "/" + recordingFile;
    }

    /**
     * @return the recording, or empty when no such file exists under the root
     * @throws UnsafeRecordingPath when the value would lead outside the root
     */
    public Optional<RecordingFile> find(String storedValue, LocalDateTime calldateLocal) {
        String recordingFile = storedValue != null && storedValue.startsWith(PBX_MONITOR_DIR)
                ? storedValue.substring(PBX_MONITOR_DIR.length()) : storedValue;
        List<String> candidates = new ArrayList<>();
        check(recordingFile);
        if (!recordingFile.contains("/") && calldateLocal != null) {
            candidates.add(expectedRelativePath(recordingFile, calldateLocal));
        }
        candidates.add(recordingFile);
        for (String relative : candidates) {
            Optional<RecordingFile> found = resolve(relative, recordingFile);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    static void check(String value) {
        if (value == null || value.isBlank()) {
            throw new UnsafeRecordingPath(String.valueOf(value), "empty");
        }
        if (value.startsWith("/") || value.startsWith("\\") || DRIVE.matcher(value).matches()) {
            throw new UnsafeRecordingPath(value, "absolute path");
        }
        if (value.indexOf('\\') >= 0) {
            throw new UnsafeRecordingPath(value, "backslash");
        }
        if (value.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
            throw new UnsafeRecordingPath(value, "control character");
        }
        for (String segment : value.split("/", -1)) {
            if (segment.equals("..") || segment.equals(".") || segment.isEmpty()) {
                throw new UnsafeRecordingPath(value, "'" + segment + "' segment");
            }
        }
    }

    private Optional<RecordingFile> resolve(String relative, String value) {
        Path candidate;
        try {
            candidate = root.resolve(relative).normalize();
        } catch (InvalidPathException e) {
            throw new UnsafeRecordingPath(value, "not a path (" + e.getReason() + ")");
        }
        if (!candidate.startsWith(root) || candidate.equals(root)) {
            throw new UnsafeRecordingPath(value, "outside the recordings root");
        }
        if (!Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            Path realRoot = root.toRealPath();
            Path real = candidate.toRealPath();
            if (!real.startsWith(realRoot)) {
                throw new UnsafeRecordingPath(value, "links outside the recordings root");
            }
            if (!Files.isRegularFile(real)) {
                return Optional.empty();
            }
            return Optional.of(new RecordingFile(real, RecordingFile.contentTypeOf(real.getFileName().toString()),
                    Files.size(real)));
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty(); // a dangling link, or deleted meanwhile
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read recording " + candidate, e);
        }
    }
}
