package io.queuelens.bench;

import io.queuelens.cli.LaunchConfig;
import io.queuelens.cli.PayaraMicroLauncher;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live push bars: delta latency to N subscribed WebSocket clients, and server heap per 100
 * subscribers. Starts QueueLens on Payara Micro (embedded H2, the demo at
 * {@code QUEUELENS_DEMO_EVENT_RATE} events/s, default 1000) exactly as {@code ./queuelens run} does,
 * then for each of the N subscribers opens {@code /live/tables.xhtml} in its own HTTP session (as a TV
 * would), logged in as the admin through the single sign-on header, takes the page's OmniFaces channel URL and connects to it.
 *
 * <p>Latency per received delta is the arrival time minus the delta's {@code now}, the instant the
 * server finished coalescing and started sending (so the coalescing window is not in it; it is
 * stated next to the result), and, as a second figure, arrival minus {@code at}, the time of the last
 * AMI event the delta contains (the demo's clock is the wall clock at speed 1). Same machine, same clock.
 *
 * <p>Heap: after-GC heap of the server ({@code jcmd GC.run}, then {@code GC.heap_info}) before the
 * subscribers and with all of them connected, per 100 subscribers.
 *
 * <p>Usage: {@code LivePushLoad SUBSCRIBERS [MEASURE_SECONDS]}; needs {@code QUEUELENS_HOME} (the
 * built project) and a JDK's jcmd on the PATH. {@code BENCH_JFR=FILE} records a Flight Recorder profile
 * of the server over the measured seconds into FILE; {@code BENCH_HISTOGRAM=1} prints by how much each
 * class grew per subscriber (live heap); {@code QUEUELENS_JAVA_OPTS} (default {@code -Xmx1g})
 * are the server's JVM options.
 */
public final class LivePushLoad {

    private static final Pattern CHANNEL = Pattern.compile("live\\?([0-9a-f-]{36})");
    private static final String SSO_HEADER = "X-Remote-User";

    public static void main(String[] args) throws Exception {
        int subscribers = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        Path data = Files.createTempDirectory("ql-bench-live");
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv("PATH"));
        env.put("QUEUELENS_PORT", Integer.toString(freePort()));
        env.put("QUEUELENS_DATA_DIR", data.toString());
        env.put("QUEUELENS_DEMO_AMI_PORT", "0");
        env.put("QUEUELENS_DEMO_BACKFILL_DAYS", "0");
        // A bearer request keeps no session, and a live socket needs one: subscribers log in as the
        // admin through the single sign-on header, trusted from this machine only.
        env.put("QUEUELENS_SSO_HEADER", SSO_HEADER);
        env.put("QUEUELENS_TRUSTED_PROXIES", "127.0.0.1, ::1");
        env.put("QUEUELENS_DEMO_EVENT_RATE", System.getenv().getOrDefault("QUEUELENS_DEMO_EVENT_RATE", "1000"));
        env.put("QUEUELENS_JAVA_OPTS", System.getenv().getOrDefault("QUEUELENS_JAVA_OPTS", "-Xmx1g"));
        // The demo sends each simulation step's AMI events in one burst. At its default step (100 ms) the last
        // event of a delta is 0-100 ms older than the push tick: time an event spends waiting for the next push,
        // which is the coalescing window, not delivery. A PBX sends events as calls happen; 10 ms steps come close.
        env.put("QUEUELENS_DEMO_TICK_MILLIS", System.getenv().getOrDefault("QUEUELENS_DEMO_TICK_MILLIS", "10"));
        String interval = System.getenv().getOrDefault("QUEUELENS_LIVE_PUSH_INTERVAL_MS", "200");
        env.put("QUEUELENS_LIVE_PUSH_INTERVAL_MS", interval);
        String pushThreads = System.getenv().getOrDefault("QUEUELENS_LIVE_PUSH_THREADS", "2");
        env.put("QUEUELENS_LIVE_PUSH_THREADS", pushThreads);
        Path home = Path.of(System.getenv().getOrDefault("QUEUELENS_HOME", ".")).toAbsolutePath();
        LaunchConfig config = LaunchConfig.from(env, home);
        System.out.printf("starting QueueLens (%s, demo %s events/s in %s ms steps, push interval %s ms, %s push threads)%n",
                env.get("QUEUELENS_JAVA_OPTS"), env.get("QUEUELENS_DEMO_EVENT_RATE"), env.get("QUEUELENS_DEMO_TICK_MILLIS"),
                interval, pushThreads);
        try (PayaraMicroLauncher server = PayaraMicroLauncher.start(config, line -> { })) {
            server.awaitReady(Duration.ofMinutes(5));
            String base = config.baseUrl();
            Thread.sleep(10_000); // the demo connects and the first snapshots are published
            long heapBefore = heapAfterGc(server.pid());
            boolean histogram = System.getenv("BENCH_HISTOGRAM") != null;
            Map<String, long[]> classesBefore = histogram ? histogram(jcmd(server.pid(), "GC.class_histogram")) : Map.of();

            ExecutorService pool = Executors.newFixedThreadPool(4);
            // one HttpClient reads all its sockets on one selector thread: at 5,000 subscribers that one
            // thread, not the server, would set the pace, so every 500 subscribers get a client of their own
            List<HttpClient> clients = new ArrayList<>();
            boolean jdkClient = "jdk".equals(System.getenv("BENCH_CLIENT"));
            RawWebSockets raw = jdkClient ? null : new RawWebSockets(RAW_READER_THREADS);
            System.out.println(jdkClient ? "clients: java.net.http WebSocket, an HttpClient per " + SUBSCRIBERS_PER_CLIENT
                    : "clients: RawWebSockets on " + RAW_READER_THREADS + " selector threads (BENCH_CLIENT=jdk for java.net.http)");
            Latencies fanOut = new Latencies();
            Latencies fromEvent = new Latencies();
            AtomicLong measureFrom = new AtomicLong(Long.MAX_VALUE);
            List<BooleanSupplier> open = new ArrayList<>();
            List<Runnable> closers = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int i = 0; i < subscribers; i++) {
                if (i % SUBSCRIBERS_PER_CLIENT == 0) {
                    clients.add(HttpClient.newBuilder().executor(pool).connectTimeout(Duration.ofSeconds(10)).build());
                }
                HttpClient http = clients.get(clients.size() - 1);
                if (jdkClient) {
                    WebSocket ws = subscribe(http, base, fanOut, fromEvent, measureFrom);
                    open.add(() -> !ws.isInputClosed());
                    closers.add(ws::abort);
                } else {
                    RawWebSockets.Connection c = subscribeRaw(raw, http, base, fanOut, fromEvent, measureFrom);
                    open.add(c::isOpen);
                    closers.add(c::abort);
                }
                if ((i + 1) % 500 == 0) {
                    System.out.printf("%d subscribers connected (%.0f s)%n", i + 1, (System.nanoTime() - t0) / 1e9);
                }
            }
            Thread.sleep(5_000);
            long heapWith = heapAfterGc(server.pid());
            if (histogram) {
                // what a subscriber costs: the classes whose bytes grew most from before the subscribers
                Map<String, long[]> with = histogram(jcmd(server.pid(), "GC.class_histogram"));
                long live = with.values().stream().mapToLong(v -> v[1]).sum();
                long liveBefore = classesBefore.values().stream().mapToLong(v -> v[1]).sum();
                System.out.printf("live objects (class histogram): %.1f MB before, %.1f MB with %d subscribers:"
                                + " %.2f MB per 100 subscribers (%.1f KB each)%n", liveBefore / 1e6, live / 1e6, subscribers,
                        (live - liveBefore) / 1e6 / (subscribers / 100.0), (live - liveBefore) / 1e3 / subscribers);
                System.out.printf("heap growth per subscriber by class (of %d subscribers):%n", subscribers);
                with.entrySet().stream()
                        .map(e -> Map.entry(e.getKey(), new long[]{
                                e.getValue()[0] - classesBefore.getOrDefault(e.getKey(), new long[2])[0],
                                e.getValue()[1] - classesBefore.getOrDefault(e.getKey(), new long[2])[1]}))
                        .sorted((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1])).limit(40)
                        .forEach(e -> System.out.printf("%10.1f bytes %8.2f instances  %s%n",
                                e.getValue()[1] / (double) subscribers, e.getValue()[0] / (double) subscribers, e.getKey()));
            }
            String jfr = System.getenv("BENCH_JFR");
            if (jfr != null) {
                // a profile of the server over the measured seconds only (not start-up, not the connects)
                jcmd(server.pid(), "JFR.start name=livepush settings=profile");
            }
            double serverCpu0 = cpuSeconds(server.pid());
            double clientCpu0 = ownCpuSeconds();
            measureFrom.set(System.currentTimeMillis());
            Thread.sleep(seconds * 1000L);
            measureFrom.set(Long.MAX_VALUE);
            System.out.printf("CPU over the measured %d s: server %.2f cores, this benchmark's clients %.2f cores%n", seconds,
                    (cpuSeconds(server.pid()) - serverCpu0) / seconds, (ownCpuSeconds() - clientCpu0) / seconds);
            if (jfr != null) {
                System.out.print(jcmd(server.pid(), "JFR.stop name=livepush filename=" + Path.of(jfr).toAbsolutePath()));
            }
            int stillOpen = (int) open.stream().filter(BooleanSupplier::getAsBoolean).count();

            System.out.printf("subscribers: %d (%d still open), measured %d s%n", subscribers, stillOpen, seconds);
            System.out.printf("deltas received: %d (%.0f/s over all subscribers)%n", fanOut.count(),
                    fanOut.count() / (double) seconds);
            System.out.printf("latency server send start -> client (coalescing window of %s ms not included): %s%n",
                    interval, fanOut.summary());
            System.out.printf("latency last AMI event of the delta -> client (window not included: the delta's last event): %s%n",
                    fromEvent.summary());
            System.out.printf("heap after GC: %.1f MB without subscribers, %.1f MB with %d: %.2f MB per 100 subscribers%n",
                    heapBefore / 1e6, heapWith / 1e6, subscribers, (heapWith - heapBefore) / 1e6 / (subscribers / 100.0));
            closers.forEach(Runnable::run);
            if (raw != null) {
                raw.close();
            }
            pool.shutdownNow();
        } finally {
            deleteRecursively(data); // the server's H2 database, logs and demo recordings of this run
        }
    }

    static void deleteRecursively(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static final int SUBSCRIBERS_PER_CLIENT = 500;
    private static final int RAW_READER_THREADS = 2;

    /** User plus system CPU seconds of a process so far (Linux /proc; clock ticks of 1/100 s). */
    static double cpuSeconds(long pid) throws java.io.IOException {
        String stat = java.nio.file.Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // utime, stime: fields 14 and 15
    }

    static double ownCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    /** A subscriber's HTTP session: its live channel's socket URL and the cookies that carry the session. */
    record PageSession(URI socket, String cookie) {
    }

    /** Opens the live tables page in a new HTTP session, as a TV does, and takes its channel. */
    static PageSession openPage(HttpClient http, String base) throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/live/tables.xhtml?tenant=demo"))
                .header(SSO_HEADER, "admin").build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = CHANNEL.matcher(page.body());
        if (page.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("no live channel on the page: HTTP " + page.statusCode());
        }
        // the session's cookies, as a browser sends them (JSESSIONID, and JSESSIONIDVERSION of a distributable app)
        String cookie = page.headers().allValues("Set-Cookie").stream().map(c -> c.split(";", 2)[0])
                .filter(c -> c.startsWith("JSESSIONID")).collect(java.util.stream.Collectors.joining("; "));
        return new PageSession(URI.create(base.replaceFirst("^http", "ws") + "/omnifaces.push/live?" + m.group(1)), cookie);
    }

    /**
     * As live.js does when its socket opens: loads the full state. Only an audience whose page asked for
     * it is pushed deltas (LivePush keeps no base for an audience nobody loaded), so a subscriber that
     * skipped this would wait for ever.
     */
    static void loadSnapshot(HttpClient http, String base, PageSession session) throws Exception {
        HttpResponse<String> full = http.send(HttpRequest.newBuilder(URI.create(base + "/live/snapshot?tenant=demo"))
                .header("Cookie", session.cookie()).header(SSO_HEADER, "admin").build(), HttpResponse.BodyHandlers.ofString());
        if (full.statusCode() != 200) {
            throw new IllegalStateException("the live snapshot answered HTTP " + full.statusCode());
        }
    }

    static WebSocket subscribe(HttpClient http, String base, Latencies fanOut, Latencies fromEvent,
                                       AtomicLong measureFrom) throws Exception {
        PageSession session = openPage(http, base);
        WebSocket ws = http.newWebSocketBuilder().header("Cookie", session.cookie()).header(SSO_HEADER, "admin")
                .buildAsync(session.socket(), new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        long arrived = System.currentTimeMillis();
                        partial.append(data);
                        if (last) {
                            String text = partial.toString();
                            partial.setLength(0);
                            if (arrived >= measureFrom.get()) {
                                record(arrived, field(text, "now"), field(text, "at"), fanOut, fromEvent);
                            }
                        }
                        ws.request(1);
                        return null;
                    }
                }).get();
        loadSnapshot(http, base, session);
        return ws;
    }

    static RawWebSockets.Connection subscribeRaw(RawWebSockets raw, HttpClient http, String base, Latencies fanOut,
                                                 Latencies fromEvent, AtomicLong measureFrom) throws Exception {
        PageSession session = openPage(http, base);
        RawWebSockets.Connection c = raw.connect(session.socket(), Map.of("Cookie", session.cookie(), SSO_HEADER, "admin"),
                (payload, arrived) -> {
                    if (arrived >= measureFrom.get()) {
                        record(arrived, field(payload, NOW_KEY), field(payload, AT_KEY), fanOut, fromEvent);
                    }
                });
        loadSnapshot(http, base, session);
        return c;
    }

    private static void record(long arrived, long now, long at, Latencies fanOut, Latencies fromEvent) {
        if (now > 0) {
            fanOut.add(arrived - now);
        }
        if (at > 0) {
            fromEvent.add(arrived - at);
        }
    }

    private static final byte[] NOW_KEY = key("now");
    private static final byte[] AT_KEY = key("at");

    /** The bytes that start field {@code name} in the delta: the delta is a JSON string, so its quotes are escaped. */
    private static byte[] key(String name) {
        return (name + "\\\":").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** A number field of the delta in the message's UTF-8 bytes (the keys and digits are ASCII), or -1. */
    static long field(byte[] message, byte[] key) {
        int length = message.length;
        outer:
        for (int i = 0; i + key.length <= length; i++) {
            for (int k = 0; k < key.length; k++) {
                if (message[i + k] != key[k]) {
                    continue outer;
                }
            }
            // the key must start a name: "at" must not match the end of "lastAt"
            if (i > 0 && Character.isLetterOrDigit(message[i - 1])) {
                continue;
            }
            long v = 0;
            int j = i + key.length;
            int start = j;
            while (j < length && message[j] >= '0' && message[j] <= '9') {
                v = v * 10 + (message[j++] - '0');
            }
            return j > start ? v : -1;
        }
        return -1;
    }

    /** A number field of the delta (the message is the delta as a JSON string, so its quotes are escaped). */
    static long field(String message, String name) {
        byte[] bytes = message.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return field(bytes, key(name));
    }

    static long heapAfterGc(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        Matcher m = Pattern.compile("used (\\d+)K").matcher(info);
        if (!m.find()) {
            throw new IllegalStateException("no heap use in jcmd output: " + info);
        }
        return Long.parseLong(m.group(1)) * 1024;
    }

    /** Class name to {instances, bytes} from {@code jcmd GC.class_histogram}. */
    static Map<String, long[]> histogram(String text) {
        Map<String, long[]> classes = new HashMap<>();
        Matcher m = Pattern.compile("(?m)^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)").matcher(text);
        while (m.find()) {
            classes.put(m.group(3), new long[]{Long.parseLong(m.group(1)), Long.parseLong(m.group(2))});
        }
        return classes;
    }

    static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Latencies in ms, kept in a histogram of 1 ms buckets up to 10 s. */
    static final class Latencies {
        private final AtomicInteger[] buckets = new AtomicInteger[10_001];
        private final AtomicLong count = new AtomicLong();

        Latencies() {
            Arrays.setAll(buckets, i -> new AtomicInteger());
        }

        void add(long millis) {
            buckets[(int) Math.max(0, Math.min(10_000, millis))].incrementAndGet();
            count.incrementAndGet();
        }

        long count() {
            return count.get();
        }

        /** Adds another histogram's latencies to this one (the figure over several members). */
        void addAll(Latencies other) {
            for (int i = 0; i < buckets.length; i++) {
                buckets[i].addAndGet(other.buckets[i].get());
            }
            count.addAndGet(other.count());
        }

        long percentile(double p) {
            long rank = (long) Math.ceil(p / 100 * count.get());
            long seen = 0;
            for (int i = 0; i < buckets.length; i++) {
                seen += buckets[i].get();
                if (seen >= rank && rank > 0) {
                    return i;
                }
            }
            return -1;
        }

        String summary() {
            return count.get() == 0 ? "no deltas received (is the live model publishing?)"
                    : String.format("p50 %d ms, p99 %d ms, max %d ms (%d deltas)", percentile(50), percentile(99),
                    percentile(100), count.get());
        }
    }

    private LivePushLoad() {
    }

}
