package io.queuelens.bench;

import io.queuelens.ingest.control.IngestResult;
import io.queuelens.ingest.control.QueueLogFileIngestion;
import io.queuelens.kpi.control.KpiSettingsHistory;
import io.queuelens.rollups.control.QueueRollupRefresher;
import io.queuelens.sources.demo.control.ContactCenterSimulation;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The import bar (>= 100,000 queue_log lines/s into MariaDB): a demo queue_log file goes through the
 * real import path ({@link QueueLogFileIngestion}: parser, visit assembler, {@code FactCommitter}
 * writing facts, the rollups they owe and checkpoint per batch, then settling the rollups once) into a fresh migrated database, and in the same
 * run the same file is loaded with {@code LOAD DATA LOCAL INFILE} into a bare table, the fastest the
 * server can take those bytes. Each run uses a new database; the medians over the runs are printed.
 * <p>
 * Usage: {@code ImportLoad [lines=1500000] [runs=3] [agents=400] [batch=20000]} (batch: the production default {@code queuelens.import.batch-lines})
 */
public final class ImportLoad {

    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    static final Instant START = ZonedDateTime.of(2026, 3, 2, 0, 0, 0, 0, ZONE).toInstant();

    public static void main(String[] args) throws Exception {
        long lines = args.length > 0 ? Long.parseLong(args[0]) : 1_500_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int agents = args.length > 2 ? Integer.parseInt(args[2]) : 400;
        int batch = args.length > 3 ? Integer.parseInt(args[3]) : 20000;

        Path file = Files.createTempFile("queuelens-import-", ".queue_log");
        try {
            long t0 = System.nanoTime();
            long bytes = writeDemoQueueLog(file, lines, agents);
            System.out.printf(Locale.ROOT, "file: %,d lines, %,d bytes (%d agents), written in %.1f s; driver properties %s%n",
                    lines, bytes, agents, seconds(t0), BenchDatabase.DRIVER_PROPERTIES);
            List<Double> importRates = new ArrayList<>();
            List<Double> loadRates = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                try (BenchDatabase db = BenchDatabase.create()) {
                    long a = System.nanoTime();
                    double jvmCpu = LivePushLoad.ownCpuSeconds();
                    double dbCpu = databaseCpuSeconds();
                    Map<String, Long> readsBefore = serverReads(db);
                    IngestResult r = new QueueLogFileIngestion("bench", "demo", "bench.queue_log", db.dataSource,
                            new QueueRollupRefresher("bench", KpiSettingsHistory.defaultsOnly()), batch).importFile(file);
                    double importSeconds = seconds(a);
                    jvmCpu = LivePushLoad.ownCpuSeconds() - jvmCpu;
                    dbCpu = databaseCpuSeconds() - dbCpu;
                    System.out.printf(Locale.ROOT, "run %d: CPU during the import: this JVM %.1f s, the local database server %s "
                                    + "(at 100,000 lines/s the import would have %.1f s on each of %d cores)%n", run, jvmCpu,
                            Double.isNaN(dbCpu) ? "not found" : String.format(Locale.ROOT, "%.1f s", dbCpu), lines / 100_000.0,
                            Runtime.getRuntime().availableProcessors());
                    Map<String, Long> readsAfter = serverReads(db);
                    System.out.printf(Locale.ROOT, "run %d: the server's reads during the import (global counters): %,d SELECT "
                                    + "statements, %,d index look-ups (Handler_read_key), %,d rows read in index order (Handler_read_next)%n", run,
                            readsAfter.get("Com_select") - readsBefore.get("Com_select"),
                            readsAfter.get("Handler_read_key") - readsBefore.get("Handler_read_key"),
                            readsAfter.get("Handler_read_next") - readsBefore.get("Handler_read_next"));
                    outputFloor(db);
                    if (r.linesRead() != lines || r.quarantined() != 0) {
                        throw new IllegalStateException("import read " + r.linesRead() + " lines, quarantined " + r.quarantined());
                    }
                    long b = System.nanoTime();
                    long loaded = loadDataInfile(db, file);
                    double loadSeconds = seconds(b);
                    if (loaded != lines) {
                        throw new IllegalStateException("LOAD DATA loaded " + loaded + " of " + lines + " lines");
                    }
                    importRates.add(lines / importSeconds);
                    loadRates.add(lines / loadSeconds);
                    System.out.printf(Locale.ROOT, "run %d: import %.1f s = %,.0f lines/s (%,d visits, %,d bucket refreshes); "
                                    + "LOAD DATA %.1f s = %,.0f lines/s; ratio %.2f%n", run, importSeconds, lines / importSeconds,
                            r.visits(), r.bucketsRefreshed(), loadSeconds, lines / loadSeconds, loadSeconds / importSeconds);
                }
            }
            double imp = median(importRates);
            double load = median(loadRates);
            System.out.printf(Locale.ROOT, "median over %d runs: import %,.0f lines/s, LOAD DATA LOCAL INFILE %,.0f lines/s, "
                    + "import/LOAD DATA = %.2f%n", runs, imp, load, imp / load);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * The server's global read counters: what the import made it read, in numbers that do not drift with the machine's
     * load (a quiet machine: nothing else uses the server while the bench runs).
     */
    static Map<String, Long> serverReads(BenchDatabase db) throws SQLException {
        Map<String, Long> out = new java.util.HashMap<>();
        try (Connection c = db.dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS WHERE Variable_name IN "
                     + "('Com_select', 'Handler_read_key', 'Handler_read_next')")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    /**
     * Writes the first {@code lines} queue_log lines of demo weekdays from a Monday onwards
     * ({@code agents} agents, default queues) in the Asterisk file format; returns the file's size.
     */
    static long writeDemoQueueLog(Path file, long lines, int agents) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            long[] written = {0};
            IOException[] failed = {null};
            ContactCenterSimulation sim = ContactCenterSimulation.queueLogOnly(42, START, ZONE, agents, row -> {
                if (written[0] < lines && failed[0] == null) {
                    try {
                        out.write(row.toFileLine());
                        out.write('\n');
                        written[0]++;
                    } catch (IOException e) {
                        failed[0] = e;
                    }
                }
            });
            for (Instant t = START; written[0] < lines && failed[0] == null; ) {
                t = t.plus(Duration.ofHours(1));
                sim.advanceTo(t);
            }
            if (failed[0] != null) {
                throw failed[0];
            }
        }
        return Files.size(file);
    }

    /**
     * The reference: the same bytes into a table shaped like Asterisk's own queue_log table, no
     * indexes, one statement. Needs allowLoadLocalInfile on the client and local_infile on the server.
     */
    static long loadDataInfile(BenchDatabase db, Path file) throws SQLException {
        try (Connection c = db.connectWith(Map.of("allowLoadLocalInfile", "true")); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE bare_queue_log (time BIGINT, callid VARCHAR(80), queuename VARCHAR(128), "
                    + "agent VARCHAR(128), event VARCHAR(64), data1 VARCHAR(255), data2 VARCHAR(255), data3 VARCHAR(255), "
                    + "data4 VARCHAR(255), data5 VARCHAR(255))");
            s.execute("LOAD DATA LOCAL INFILE '" + file.toAbsolutePath().toString().replace("'", "''")
                    + "' INTO TABLE bare_queue_log FIELDS TERMINATED BY '|' LINES TERMINATED BY '\\n'");
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM bare_queue_log")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The tables an import writes: its facts and its rollups. */
    static final List<String> OUTPUT_TABLES = List.of("queue_visit", "agent_session", "agent_pause", "ring_no_answer",
            "rollup_queue_15m", "rollup_agent_15m", "rollup_agent_quiet");

    /**
     * A lower bound for any import of this file into this schema: the rows the import wrote, copied by the
     * server itself ({@code INSERT ... SELECT}, no client, no SQL text per row, no reads to decide what to
     * write) into empty copies of their tables with the same indexes, one table after another.
     */
    static void outputFloor(BenchDatabase db) throws SQLException {
        StringBuilder each = new StringBuilder();
        double total = 0;
        long rows = 0;
        try (Connection c = db.connectWith(Map.of()); Statement s = c.createStatement()) {
            for (String table : OUTPUT_TABLES) {
                s.execute("CREATE TABLE floor_" + table + " LIKE " + table);
                long t = System.nanoTime();
                rows += s.executeUpdate("INSERT INTO floor_" + table + " SELECT * FROM " + table);
                double took = seconds(t);
                total += took;
                each.append(String.format(Locale.ROOT, " %s %.2f s;", table, took));
                s.execute("DROP TABLE floor_" + table);
            }
        }
        System.out.printf(Locale.ROOT, "  output floor: the import's %,d fact and rollup rows copied by the server into empty "
                + "indexed copies in %.1f s:%s%n", rows, total, each);
    }

    /** User plus system CPU seconds of the local MariaDB/MySQL server so far, or NaN when none runs here. */
    static double databaseCpuSeconds() throws IOException {
        try (java.util.stream.Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                try {
                    String comm = Files.readString(proc.resolve("comm")).trim();
                    if (comm.equals("mariadbd") || comm.equals("mysqld")) {
                        return LivePushLoad.cpuSeconds(Long.parseLong(proc.getFileName().toString()));
                    }
                } catch (IOException | RuntimeException gone) {
                    // a process that ended while we looked, or one we may not read
                }
            }
        } catch (IOException noProc) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
