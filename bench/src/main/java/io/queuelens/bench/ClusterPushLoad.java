package io.queuelens.bench;

import io.queuelens.cli.LaunchConfig;
import io.queuelens.cli.PayaraMicroLauncher;

import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue "Cluster"'s benchmark: wallboard subscribers spread over M cluster members against the same
 * number on one member. Starts M QueueLens servers in cluster mode (exactly as {@code ./queuelens run
 * --cluster} does, through the launcher) on one throwaway MariaDB database, the demo contact center at
 * {@code QUEUELENS_DEMO_EVENT_RATE} events/s (default 1000) running on whichever member owns tenant
 * {@code demo}; the other members receive its live snapshots over the grid. N subscribers of the live
 * tables page are spread round-robin over the members (each in its own HTTP session, as
 * {@link LivePushLoad} does), and for each member the program measures the latency from the last AMI
 * event a delta contains to its arrival (same machine, same clock; the coalescing window is in this
 * figure and stated next to it) and the server's heap after GC with its share of the subscribers.
 *
 * <p>Usage: {@code ClusterPushLoad MEMBERS SUBSCRIBERS [MEASURE_SECONDS]}; needs {@code QUEUELENS_HOME}
 * (the built project), MariaDB on 127.0.0.1:3306 (root, no password) and a JDK's jcmd on the PATH.
 * {@code QUEUELENS_JAVA_OPTS} (default {@code -Xmx1g}) are each server's JVM options.
 */
public final class ClusterPushLoad {

    private static final String SSO_HEADER = "X-Remote-User";

    public static void main(String[] args) throws Exception {
        int members = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int subscribers = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        String database = "qlens_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String cluster = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = DriverManager.getConnection(BenchDatabase.SERVER, BenchDatabase.USER, "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
        String interval = System.getenv().getOrDefault("QUEUELENS_LIVE_PUSH_INTERVAL_MS", "200");
        Path home = Path.of(System.getenv().getOrDefault("QUEUELENS_HOME", ".")).toAbsolutePath();
        List<Path> dataDirs = new ArrayList<>();
        List<PayaraMicroLauncher> servers = new ArrayList<>();
        List<String> bases = new ArrayList<>();
        try {
            for (int m = 0; m < members; m++) {
                Path data = Files.createTempDirectory("ql-bench-cluster");
                dataDirs.add(data);
                Map<String, String> env = new HashMap<>();
                env.put("PATH", System.getenv("PATH"));
                env.put("QUEUELENS_PORT", Integer.toString(LivePushLoad.freePort()));
                env.put("QUEUELENS_DATA_DIR", data.toString());
                env.put("QUEUELENS_DB_URL", "jdbc:mariadb://127.0.0.1:3306/" + database);
                env.put("QUEUELENS_DB_USER", "root");
                env.put("QUEUELENS_DB_PASSWORD", "");
                env.put("QUEUELENS_CLUSTER_ENABLED", "true");
                env.put("QUEUELENS_CLUSTER_NAME", cluster);
                env.put("QUEUELENS_DEMO_AMI_PORT", "0");
                env.put("QUEUELENS_DEMO_BACKFILL_DAYS", "0");
                env.put("QUEUELENS_SSO_HEADER", SSO_HEADER);
                env.put("QUEUELENS_TRUSTED_PROXIES", "127.0.0.1, ::1");
                env.put("QUEUELENS_DEMO_EVENT_RATE", System.getenv().getOrDefault("QUEUELENS_DEMO_EVENT_RATE", "1000"));
                env.put("QUEUELENS_JAVA_OPTS", System.getenv().getOrDefault("QUEUELENS_JAVA_OPTS", "-Xmx1g"));
                env.put("QUEUELENS_LIVE_PUSH_INTERVAL_MS", interval);
                LaunchConfig config = LaunchConfig.from(env, home);
                // One after the other: the first migrates the shared schema, the next joins its grid.
                PayaraMicroLauncher server = PayaraMicroLauncher.start(config, line -> { });
                servers.add(server);
                server.awaitReady(Duration.ofMinutes(5));
                bases.add(config.baseUrl());
                System.out.printf("member %d ready at %s%n", m + 1, config.baseUrl());
            }
            Thread.sleep(15_000); // the demo's owner connects; its snapshots reach the other members
            long[] heapBefore = new long[members];
            for (int m = 0; m < members; m++) {
                heapBefore[m] = LivePushLoad.heapAfterGc(servers.get(m).pid());
            }

            ExecutorService pool = Executors.newFixedThreadPool(4);
            HttpClient http = HttpClient.newBuilder().executor(pool).connectTimeout(Duration.ofSeconds(10)).build();
            List<LivePushLoad.Latencies> fromEvent = new ArrayList<>();
            List<LivePushLoad.Latencies> fanOut = new ArrayList<>();
            for (int m = 0; m < members; m++) {
                fromEvent.add(new LivePushLoad.Latencies());
                fanOut.add(new LivePushLoad.Latencies());
            }
            AtomicLong measureFrom = new AtomicLong(Long.MAX_VALUE);
            List<WebSocket> sockets = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int i = 0; i < subscribers; i++) {
                int m = i % members;
                sockets.add(LivePushLoad.subscribe(http, bases.get(m), fanOut.get(m), fromEvent.get(m), measureFrom));
                if ((i + 1) % 500 == 0) {
                    System.out.printf("%d subscribers connected (%.0f s)%n", i + 1, (System.nanoTime() - t0) / 1e9);
                }
            }
            Thread.sleep(5_000);
            measureFrom.set(System.currentTimeMillis());
            Thread.sleep(seconds * 1000L);
            measureFrom.set(Long.MAX_VALUE);
            int open = (int) sockets.stream().filter(s -> !s.isInputClosed()).count();
            System.out.printf("members: %d, subscribers: %d (%d still open), measured %d s, push interval %s ms%n",
                    members, subscribers, open, seconds, interval);
            LivePushLoad.Latencies all = new LivePushLoad.Latencies();
            for (int m = 0; m < members; m++) {
                long heap = LivePushLoad.heapAfterGc(servers.get(m).pid());
                int share = subscribers / members + (m < subscribers % members ? 1 : 0);
                System.out.printf("member %d: %d subscribers, %d deltas; last AMI event -> client (window included): %s;"
                                + " member send start -> client: %s; heap after GC %.1f -> %.1f MB%n",
                        m + 1, share, fromEvent.get(m).count(), fromEvent.get(m).summary(), fanOut.get(m).summary(),
                        heapBefore[m] / 1e6, heap / 1e6);
                all.addAll(fromEvent.get(m));
            }
            System.out.printf("all members: last AMI event -> client: %s%n", all.summary());
            for (WebSocket s : sockets) {
                s.abort();
            }
            pool.shutdownNow();
        } finally {
            for (PayaraMicroLauncher s : servers) {
                s.close();
            }
            for (Path d : dataDirs) {
                LivePushLoad.deleteRecursively(d);
            }
            try (Connection c = DriverManager.getConnection(BenchDatabase.SERVER, BenchDatabase.USER, "");
                 Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + database);
            }
        }
    }

    private ClusterPushLoad() {
    }
}
