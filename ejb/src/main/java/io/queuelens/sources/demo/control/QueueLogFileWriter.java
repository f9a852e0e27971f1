package io.queuelens.sources.demo.control;

import io.queuelens.sources.demo.entity.QueueLogRow;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Appends queue_log rows to a file in Asterisk's pipe format ({@code epoch|callid|queue|agent|event|data...}). */
public final class QueueLogFileWriter {

    private final Path file;
    private final List<QueueLogRow> pending = new ArrayList<>();

    public QueueLogFileWriter(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    public synchronized void add(QueueLogRow row) {
        pending.add(row);
    }

    /** Appends what is buffered; call after the table flush so both hold the same rows. */
    public synchronized void flush() throws IOException {
        if (pending.isEmpty()) {
            return;
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
            for (QueueLogRow r : pending) {
                w.write(r.toFileLine());
                w.write('\n');
            }
        }
        pending.clear();
    }

    public Path file() {
        return file;
    }
}
