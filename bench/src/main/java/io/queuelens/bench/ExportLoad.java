package io.queuelens.bench;

import io.queuelens.calls.entity.Outcome;
import io.queuelens.calls.entity.QueueVisit;
import io.queuelens.exports.control.DocumentWriter;
import io.queuelens.exports.control.ExportTable;
import io.queuelens.exports.control.ReportColumns;
import io.queuelens.exports.control.ReportDocument;
import io.queuelens.exports.entity.ExportFormat;
import io.queuelens.exports.entity.Headline;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The export bars (issue 6): a call list of {@code rows} visits (default 1,000,000) written as XLSX,
 * CSV and Parquet through the exports component's own writers (DocumentWriter, the call list's
 * columns and row mapping from ReportColumns), rows generated on the fly as the database stream would
 * hand them over (one QueueVisit per row), bytes counted and discarded (an HTTP response is a stream
 * too). Per run: wall time, after-GC heap before, after-GC heap when
 * the last row was handed over (what the writer retains), the heap pools' peak (garbage included), and
 * the JVM's CPU time (on a shared machine wall time includes waiting for a core).
 * Prints each run and the medians.
 * <p>
 * Usage: {@code ExportLoad [rows=1000000] [runs=3] [formats=xlsx,csv,parquet]}
 */
public final class ExportLoad {

    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    private static final String[] QUEUES = {"sales", "support", "billing", "vip"};

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<String> formats = Arrays.asList((args.length > 2 ? args[2] : "xlsx,csv,parquet").split(","));
        System.out.printf("export bench: %,d rows x %d runs, max heap %d MB, %d cpus%n", rows, runs,
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
        run(ExportFormat.CSV, Math.min(rows, 50_000), 1, true); // warm-up of every writer's code paths
        run(ExportFormat.XLSX, Math.min(rows, 50_000), 1, true);
        run(ExportFormat.PARQUET, Math.min(rows, 50_000), 1, true);
        for (String f : formats) {
            run(ExportFormat.valueOf(f.strip().toUpperCase()), rows, runs, false);
        }
    }

    private static void run(ExportFormat format, long rows, int runs, boolean quiet) throws Exception {
        List<Double> seconds = new ArrayList<>();
        List<Double> retained = new ArrayList<>();
        List<Double> peaks = new ArrayList<>();
        List<Double> cpus = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            double before = afterGcMb();
            double[] atLastRow = {0};
            resetPeaks();
            CountingStream out = new CountingStream();
            long t0 = System.nanoTime();
            long c0 = processCpuNanos();
            DocumentWriter.write(document(rows, atLastRow), format, false, out);
            double s = (System.nanoTime() - t0) / 1e9;
            double cpu = (processCpuNanos() - c0) / 1e9;
            cpus.add(cpu);
            double peak = peakMb();
            seconds.add(s);
            retained.add(atLastRow[0] - before);
            peaks.add(peak - before);
            if (!quiet) {
                System.out.printf("%-8s run %d: %6.2f s wall, %6.2f s process CPU, %,d bytes, after-GC heap %.1f MB -> %.1f MB "
                                + "at the last row (growth %.1f MB), peak %.1f MB above the start%n", format, r + 1, s, cpu,
                        out.count, before, atLastRow[0], atLastRow[0] - before, peak - before);
            }
        }
        if (!quiet) {
            System.out.printf("%-8s MEDIAN over %d runs: %.2f s wall, %.2f s process CPU, after-GC heap growth %.1f MB, "
                    + "peak growth %.1f MB (load average %.1f)%n", format, runs, median(seconds), median(cpus), median(retained),
                    median(peaks), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    static ReportDocument document(long rows, double[] atLastRow) {
        ExportTable calls = new ExportTable("calls", "Calls", ReportColumns.CALLS, sink -> {
            Random random = new Random(42);
            Object[] row = new Object[ReportColumns.CALLS.size()];
            for (long i = 0; i < rows; i++) {
                sink.row(ReportColumns.call(visit(i, random), row));
                if (i == rows - 1) {
                    atLastRow[0] = afterGcMb();
                }
            }
        });
        Headline h = new Headline("Calls", "bench", List.of(new Headline.Figure("calls", "Calls", rows, Long.toString(rows))));
        return new ReportDocument("Bench", "Calls", h, ZONE, List.of(), List.of(calls), List.of());
    }

    /** A plausible visit: 80 % answered with an agent, waits, talk, a caller number; about 25 s apart. */
    static QueueVisit visit(long i, Random random) {
        Instant entered = START.plusSeconds(i * 25 / 10);
        boolean answered = random.nextInt(10) < 8;
        int wait = random.nextInt(answered ? 60 : 200);
        int talk = answered ? 20 + random.nextInt(600) : 0;
        Instant connected = answered ? entered.plusSeconds(wait) : null;
        Instant ended = entered.plusSeconds(wait + talk);
        return new QueueVisit("bench", "demo", "1764000000." + i, 1, QUEUES[(int) (i % QUEUES.length)],
                "+4930" + (1_000_000 + random.nextInt(9_000_000)), (i % 7 == 0) ? "Müller, \"Hans\"" : null, "0800123456",
                entered, connected, ended, answered ? Outcome.ANSWERED : Outcome.ABANDONED, wait,
                answered ? random.nextInt(15) : 0, talk, answered ? random.nextInt(30) : 0,
                answered ? "SIP/" + (100 + random.nextInt(200)) : null, false, null, answered ? "CALLER" : null, null,
                1 + random.nextInt(5), random.nextInt(2), null);
    }

    static double afterGcMb() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        return (rt.totalMemory() - rt.freeMemory()) / 1048576.0;
    }

    /** CPU time of the whole JVM (all threads, GC included): what the export costs whatever else runs. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    /** Sum of the heap pools' peaks: an upper bound of the heap in use at any moment (garbage included). */
    private static double peakMb() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum / 1048576.0;
    }

    private static double median(List<Double> values) {
        List<Double> s = new ArrayList<>(values);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    /** Counts the bytes and drops them. */
    static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
