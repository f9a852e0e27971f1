package io.queuelens.sources.demo.control;

import io.queuelens.sources.demo.entity.CdrRow;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Gives the demo's recorded calls real audio, so a newcomer can press play: for every CDR with a
 * {@code recordingfile}, a one-second tone (8 kHz, 8-bit PCM WAV, about 8 KB; its pitch follows the
 * call's uniqueid) at FreePBX's place for it, {@code <root>/YYYY/MM/DD/<recordingfile>} by the call's
 * local date.
 * <p>
 * Only calls of the last {@link #KEEP} (a day) get a file (the backfill's older calls would be thousands of
 * files nobody plays), and files the demo wrote are removed once they are older than that, once a day.
 * The demo marks its files (RIFF INFO "ISFT" = {@value #MARK}) and removes only marked ones, so a
 * recordings root shared with a real PBX loses nothing.
 */
public final class DemoRecordings {

    private static final Logger LOG = Logger.getLogger(DemoRecordings.class.getName());

    static final Duration KEEP = Duration.ofDays(1);
    static final String MARK = "QueueLens demo";
    private static final int RATE = 8000;
    private static final DateTimeFormatter DAY_FOLDER = DateTimeFormatter.ofPattern("yyyy/MM/dd");
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private final Path root;
    private final ZoneId zone;
    private final Clock clock;
    private LocalDate lastPruned;
    private long written;
    private boolean failing;

    public DemoRecordings(Path root, ZoneId zone, Clock clock) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
        this.zone = Objects.requireNonNull(zone, "zone");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Writes the row's recording if it has one and is recent; a failure is logged once and never stops the demo. */
    public void write(CdrRow row) {
        String name = row.recordingfile();
        if (name == null || name.isEmpty() || row.calldate().isBefore(clock.instant().minus(KEEP))) {
            return;
        }
        try {
            pruneOncePerDay();
            Path day = root.resolve(DAY_FOLDER.format(LocalDateTime.ofInstant(row.calldate(), zone)));
            Path file = day.resolve(name).normalize();
            if (!file.getParent().equals(day) || Files.exists(file)) {
                return; // the demo's names are plain file names; a file already there is kept
            }
            Files.createDirectories(day);
            Path tmp = Files.createTempFile(day, ".rec", ".tmp");
            Files.write(tmp, tone(row.uniqueid()));
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            written++;
            failing = false;
        } catch (IOException | RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.log(Level.WARNING, "Demo recordings cannot be written under {0}: {1}", new Object[]{root, e.toString()});
            }
        }
    }

    public long written() {
        return written;
    }

    private void pruneOncePerDay() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        if (today.equals(lastPruned)) {
            return;
        }
        lastPruned = today;
        LocalDate oldestKept = LocalDate.ofInstant(clock.instant().minus(KEEP), zone).minusDays(1);
        for (Path year : list(root)) {
            for (Path month : list(year)) {
                for (Path day : list(month)) {
                    LocalDate date;
                    try {
                        date = LocalDate.of(Integer.parseInt(year.getFileName().toString()),
                                Integer.parseInt(month.getFileName().toString()), Integer.parseInt(day.getFileName().toString()));
                    } catch (RuntimeException e) {
                        continue;
                    }
                    if (date.isBefore(oldestKept)) {
                        for (Path f : list(day)) {
                            deleteIfMarked(f);
                        }
                    }
                }
            }
        }
    }

    private static Iterable<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return java.util.List.of();
        }
        java.util.List<Path> out = new java.util.ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                if (Files.isDirectory(p) ? DIGITS.matcher(p.getFileName().toString()).matches() : true) {
                    out.add(p);
                }
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "cannot list " + dir, e);
        }
        return out;
    }

    static boolean isDemoFile(Path f) {
        if (!Files.isRegularFile(f) || !f.getFileName().toString().endsWith(".wav")) {
            return false;
        }
        try (InputStream in = Files.newInputStream(f)) {
            byte[] head = in.readNBytes(80);
            byte[] mark = MARK.getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i + mark.length <= head.length; i++) {
                if (Arrays.equals(head, i, i + mark.length, mark, 0, mark.length)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteIfMarked(Path f) {
        if (isDemoFile(f)) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException e) {
                LOG.log(Level.FINE, "cannot delete " + f, e);
            }
        }
    }

    /** A one-second two-note tone, faded in and out, as a RIFF/WAVE file with the demo's INFO mark. */
    static byte[] tone(String uniqueid) {
        int seed = Math.floorMod(uniqueid.hashCode(), 400);
        double first = 330 + seed;
        double second = first * 1.25;
        byte[] samples = new byte[RATE];
        for (int i = 0; i < samples.length; i++) {
            double t = (double) i / RATE;
            double f = i < samples.length / 2 ? first : second;
            double envelope = Math.min(1.0, Math.min(i, samples.length - i) / 400.0);
            samples[i] = (byte) (128 + Math.round(90 * envelope * Math.sin(2 * Math.PI * f * t)));
        }
        byte[] software = (MARK + "\0").getBytes(StandardCharsets.US_ASCII); // 15 bytes: padded to even below
        int isftSize = software.length;
        int isftPadded = isftSize + (isftSize % 2);
        int listSize = 4 + 8 + isftPadded;
        ByteBuffer b = ByteBuffer.allocate(12 + 24 + 8 + listSize + 8 + samples.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(b.capacity() - 8).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(RATE).putInt(RATE).putShort((short) 1).putShort((short) 8);
        b.put("LIST".getBytes(StandardCharsets.US_ASCII)).putInt(listSize).put("INFO".getBytes(StandardCharsets.US_ASCII))
                .put("ISFT".getBytes(StandardCharsets.US_ASCII)).putInt(isftSize).put(software);
        if (isftPadded > isftSize) {
            b.put((byte) 0);
        }
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples.length).put(samples);
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.capacity());
        out.write(b.array(), 0, b.capacity());
        return out.toByteArray();
    }
}
