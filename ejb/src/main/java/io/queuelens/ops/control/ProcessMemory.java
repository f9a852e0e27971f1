package io.queuelens.ops.control;

import io.queuelens.ops.entity.MemorySample;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Heap from the JVM, resident set size from {@code /proc/self/status} (Linux): RSS is what the
 * operating system counts against the process (heap, metaspace, thread stacks, direct buffers), so a
 * leak outside the heap shows there and not in the heap figure.
 */
public final class ProcessMemory {

    private static final Path STATUS = Path.of("/proc/self/status");

    private ProcessMemory() {
    }

    public static MemorySample sample(Instant at) {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return new MemorySample(at, heap.getUsed(), heap.getMax(), rssBytes());
    }

    /** -1 where /proc is not there (not Linux). */
    public static long rssBytes() {
        try {
            return rssBytes(Files.readAllLines(STATUS));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The {@code VmRSS:   123456 kB} line of a /proc status file, in bytes; -1 when missing. */
    static long rssBytes(List<String> statusLines) {
        for (String line : statusLines) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring(6).trim().split("\\s+");
                long value = Long.parseLong(parts[0]);
                return parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? value * 1024 : value;
            }
        }
        return -1;
    }
}
