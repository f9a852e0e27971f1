package io.queuelens.bench;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes the import benchmark's queue_log file ({@link ImportLoad}'s demo weekdays) to a path and keeps it: for
 * {@code bench/import-server.sh}, which sends it to a running server.
 * <p>
 * Usage: {@code DemoQueueLogFile FILE [lines=1500000] [agents=400]}
 */
public final class DemoQueueLogFile {

    private DemoQueueLogFile() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: DemoQueueLogFile FILE [lines] [agents]");
        }
        long lines = args.length > 1 ? Long.parseLong(args[1]) : 1_500_000;
        int agents = args.length > 2 ? Integer.parseInt(args[2]) : 400;
        long bytes = ImportLoad.writeDemoQueueLog(Path.of(args[0]), lines, agents);
        System.out.printf(Locale.ROOT, "file: %,d lines, %,d bytes (%d agents)%n", lines, bytes, agents);
    }
}
