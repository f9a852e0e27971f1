package io.queuelens.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.queuelens.ingest.control.IngestResult;
import io.queuelens.ingest.control.QueueLogFileIngestion;
import io.queuelens.kpi.control.KpiSettingsHistory;
import io.queuelens.rollups.control.QueueRollupRefresher;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The memory bar (importing a 5 GB queue_log keeps the heap flat). Two steps, run in separate JVMs by
 * {@code bench/run heap} so the import's heap holds nothing but the import:
 * <ul>
 *   <li>{@code HeapLoad generate FILE BYTES [agents]}: demo queue_log lines until the file has BYTES bytes;</li>
 *   <li>{@code HeapLoad import FILE}: imports it through {@link QueueLogFileIngestion} into a fresh MariaDB
 *       database and records the heap in use after every garbage collection (GC notifications: the
 *       sum of the heap pools after the collection, i.e. what is live), with the lines read so far.</li>
 * </ul>
 * Prints the samples per decile of the file and the max/median after-GC heap and the throughput.
 */
public final class HeapLoad {

    public static void main(String[] args) throws Exception {
        switch (args.length > 0 ? args[0] : "") {
            case "generate" -> generate(Path.of(args[1]), Long.parseLong(args[2]), args.length > 3 ? Integer.parseInt(args[3]) : 400);
            case "import" -> importFile(Path.of(args[1]));
            default -> throw new IllegalArgumentException("usage: HeapLoad generate FILE BYTES [agents] | HeapLoad import FILE");
        }
    }

    static void generate(Path file, long bytes, int agents) throws Exception {
        long t0 = System.nanoTime();
        // about 61 bytes per demo line: write a little more than needed, the count is only a target
        long lines = bytes / 61 + 1;
        long size = ImportLoad.writeDemoQueueLog(file, lines, agents);
        System.out.printf(Locale.ROOT, "generated %s: %,d lines, %,d bytes in %.0f s%n", file, lines, size, ImportLoad.seconds(t0));
    }

    record Sample(double seconds, long usedAfterGc) {
    }

    static void importFile(Path file) throws Exception {
        long bytes = Files.size(file);
        List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).map(p -> p.getName()).collect(Collectors.toSet());
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((n, handback) -> {
                if (n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                    long used = 0;
                    for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                        if (heapPools.contains(e.getKey())) {
                            used += e.getValue().getUsed();
                        }
                    }
                    samples.add(new Sample(ImportLoad.seconds(start), used));
                }
            }, null, null);
        }
        long maxHeap = Runtime.getRuntime().maxMemory();
        IngestResult r;
        try (BenchDatabase db = BenchDatabase.create()) {
            long t0 = System.nanoTime();
            r = new QueueLogFileIngestion("bench", "demo", "heap.queue_log", db.dataSource,
                    new QueueRollupRefresher("bench", KpiSettingsHistory.defaultsOnly()), 20_000).importFile(file); // queuelens.import.batch-lines
            double s = ImportLoad.seconds(t0);
            System.out.printf(Locale.ROOT, "imported %,d bytes, %,d lines, %,d visits in %.0f s: %,.0f lines/s, %.1f MB/s%n",
                    bytes, r.linesRead(), r.visits(), s, r.linesRead() / s, bytes / s / 1e6);
        }
        List<Sample> all = new ArrayList<>(samples);
        if (all.isEmpty()) {
            System.out.println("no garbage collection happened");
            return;
        }
        List<Double> mb = new ArrayList<>();
        all.forEach(x -> mb.add(x.usedAfterGc() / 1e6));
        double last = all.get(all.size() - 1).seconds();
        System.out.printf(Locale.ROOT, "heap after GC (-Xmx %d MB): %d collections, max %.1f MB, median %.1f MB%n",
                maxHeap / 1_000_000, all.size(), Collections.max(mb), ImportLoad.median(mb));
        for (int decile = 0; decile < 10; decile++) {
            double from = last * decile / 10;
            double to = last * (decile + 1) / 10;
            List<Double> in = new ArrayList<>();
            for (Sample x : all) {
                if (x.seconds() >= from && (x.seconds() < to || decile == 9)) {
                    in.add(x.usedAfterGc() / 1e6);
                }
            }
            if (!in.isEmpty()) {
                System.out.printf(Locale.ROOT, "  %3.0f-%3.0f%% of the run: %4d GCs, after-GC heap median %.1f MB, max %.1f MB%n",
                        decile * 10.0, decile * 10.0 + 10, in.size(), ImportLoad.median(in), Collections.max(in));
            }
        }
    }
}
