package io.queuelens.bench;

import com.sun.net.httpserver.HttpServer;
import io.queuelens.cli.LaunchConfig;
import io.queuelens.cli.PayaraMicroLauncher;
import io.queuelens.sources.demo.control.AmiServer;
import io.queuelens.sources.demo.control.ContactCenterSimulation;
import io.queuelens.sources.demo.control.PbxListener;
import io.queuelens.sources.demo.entity.AmiMessage;
import io.queuelens.sources.demo.entity.QueueDefinition;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The alerts bar: from the live change that crosses a threshold to (a) the in-app notice at a browser's alerts
 * socket and (b) the webhook request at a loopback receiver, p99 < 200 ms. Starts QueueLens on Payara Micro (H2,
 * the demo running as load at {@code QUEUELENS_DEMO_EVENT_RATE}, default 200 events/s) as {@code ./queuelens run}
 * does; a tenant of its own gets an Asterisk source whose AMI peer is the demo's AMI server in this JVM, a signed
 * webhook channel to a JDK HttpServer here, and a rule "callers waiting in benchq > 0, clear at 0". One subscriber
 * opens {@code /alerts/alerts.xhtml} (single sign-on header) and connects to its {@code alerts} socket.
 *
 * <p>Each round sends one QueueCallerJoin (the crossing) and waits for the FIRING notice on the socket and the
 * webhook POST, then a QueueCallerLeave and waits for the RESOLVED pair. Latency is measured from the moment this
 * program wrote the AMI frame, so it includes AMI, the live model, the alert engine and the push: an upper bound of
 * "from the live change". Same machine, same clock.
 *
 * <p>Usage: {@code AlertsLoad [ROUNDS] [WARMUP]} (defaults 200, 20); needs {@code QUEUELENS_HOME} (the built project).
 */
public final class AlertsLoad {

    private static final String SSO_HEADER = "X-Remote-User";
    private static final String TOKEN = "bench-" + UUID.randomUUID();
    private static final Pattern CHANNEL = Pattern.compile("alerts\\?([0-9a-f-]{36})");

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Path data = Files.createTempDirectory("ql-bench-alerts");
        Path pbxFiles = Files.createDirectories(data.resolveSibling(data.getFileName() + "-pbx"));
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv("PATH"));
        env.put("QUEUELENS_PORT", Integer.toString(freePort()));
        env.put("QUEUELENS_DATA_DIR", data.toString());
        env.put("QUEUELENS_DEMO_AMI_PORT", "0");
        env.put("QUEUELENS_DEMO_BACKFILL_DAYS", "0");
        env.put("QUEUELENS_SSO_HEADER", SSO_HEADER);
        env.put("QUEUELENS_TRUSTED_PROXIES", "127.0.0.1, ::1");
        env.put("QUEUELENS_API_TOKEN", TOKEN);
        env.put("QUEUELENS_SOURCES_FILE_ROOTS", pbxFiles.toString());
        env.put("QUEUELENS_DEMO_EVENT_RATE", System.getenv().getOrDefault("QUEUELENS_DEMO_EVENT_RATE", "200"));
        env.put("QUEUELENS_JAVA_OPTS", System.getenv().getOrDefault("QUEUELENS_JAVA_OPTS", "-Xmx1g"));
        Path home = Path.of(System.getenv().getOrDefault("QUEUELENS_HOME", ".")).toAbsolutePath();
        LaunchConfig config = LaunchConfig.from(env, home);

        // the tenant's PBX: the demo's AMI server here, quiet unless this program sends a frame
        String secret = "bench-" + UUID.randomUUID();
        ContactCenterSimulation sim = new ContactCenterSimulation(1, java.time.Instant.parse("2026-11-23T09:30:00Z"), ZoneOffset.UTC,
                5, QueueDefinition.defaults(), new PbxListener() { });
        AmiServer ami = new AmiServer("127.0.0.1", 0, "bench", secret, sim, Executors.defaultThreadFactory(), 100_000);
        ami.start();

        BlockingQueue<Long> hooks = new LinkedBlockingQueue<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", ex -> {
            long at = System.nanoTime();
            ex.getRequestBody().readAllBytes();
            ex.sendResponseHeaders(204, -1);
            ex.close();
            hooks.add(at);
        });
        java.util.concurrent.ExecutorService receiving = Executors.newFixedThreadPool(2);
        receiver.setExecutor(receiving);
        receiver.start();

        System.out.printf("starting QueueLens (%s, demo %s events/s as background load)%n", env.get("QUEUELENS_JAVA_OPTS"),
                env.get("QUEUELENS_DEMO_EVENT_RATE"));
        try (PayaraMicroLauncher server = PayaraMicroLauncher.start(config, line -> { })) {
            server.awaitReady(Duration.ofMinutes(5));
            String base = config.baseUrl();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            String tenant = "bench-alerts";
            expect(api(http, base, "POST", "/api/v1/tenants", "{\"id\":\"" + tenant + "\",\"name\":\"Alerts bench\","
                    + "\"timeZone\":\"UTC\",\"locale\":\"en\",\"currency\":\"EUR\"}"), 201);
            Path queueLog = Files.createFile(pbxFiles.resolve("bench.queue_log"));
            expect(api(http, base, "POST", "/api/v1/sources/asterisk?tenant=" + tenant, "{\"name\":\"benchpbx\",\"displayName\":\"Bench\","
                    + "\"mode\":\"FILE\",\"queueLogFile\":\"" + queueLog + "\",\"amiHost\":\"127.0.0.1\",\"amiPort\":" + ami.port()
                    + ",\"amiUser\":\"bench\",\"amiSecret\":\"" + secret + "\",\"timeZone\":\"UTC\"}"), 201);
            String channel = expect(api(http, base, "POST", "/api/v1/alerts/channels?tenant=" + tenant, "{\"name\":\"hook\","
                    + "\"kind\":\"WEBHOOK_GENERIC\",\"target\":\"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook\","
                    + "\"secret\":\"bench-secret\"}"), 201);
            long channelId = Long.parseLong(channel.replaceAll(".*\"id\":(\\d+).*", "$1"));
            expect(api(http, base, "POST", "/api/v1/alerts/rules?tenant=" + tenant, "{\"name\":\"bench\",\"figure\":\"WAITING\","
                    + "\"scopeKind\":\"QUEUE\",\"scopeIds\":[\"benchq\"],\"comparison\":\">\",\"threshold\":0,\"clearThreshold\":0,"
                    + "\"severity\":\"WARNING\",\"channelIds\":[" + channelId + "]}"), 201);
            while (ami.clientCount() == 0) {
                Thread.sleep(200); // the source connects
            }
            Thread.sleep(3000);

            BlockingQueue<String[]> notices = new LinkedBlockingQueue<>();
            WebSocket socket = subscribe(http, base, tenant, notices);
            Thread.sleep(1000);

            LivePushLoad.Latencies toSocket = new LivePushLoad.Latencies();
            LivePushLoad.Latencies toHook = new LivePushLoad.Latencies();
            int lost = 0;
            for (int i = 0; i < warmup + rounds; i++) {
                boolean measured = i >= warmup;
                for (String kind : new String[]{"FIRING", "RESOLVED"}) {
                    String id = "9" + i + ".1";
                    AmiMessage frame = "FIRING".equals(kind)
                            ? AmiMessage.event("QueueCallerJoin").add("Privilege", "agent,all").add("Queue", "benchq")
                            .add("Channel", "PJSIP/trunk-" + id).add("Uniqueid", id).add("CallerIDNum", "5550100")
                            .add("Position", 1).add("Count", 1).build()
                            : AmiMessage.event("QueueCallerLeave").add("Privilege", "agent,all").add("Queue", "benchq")
                            .add("Channel", "PJSIP/trunk-" + id).add("Uniqueid", id).add("Position", 1).add("Count", 0).build();
                    long sent = System.nanoTime();
                    ami.broadcast(frame);
                    String[] n = notices.poll(10, TimeUnit.SECONDS);
                    Long hookAt = hooks.poll(10, TimeUnit.SECONDS);
                    if (n == null || hookAt == null || !kind.equals(n[0])) {
                        lost++;
                        notices.clear();
                        hooks.clear();
                        continue;
                    }
                    if (measured) {
                        toSocket.add(TimeUnit.NANOSECONDS.toMillis(Long.parseLong(n[1]) - sent));
                        toHook.add(TimeUnit.NANOSECONDS.toMillis(hookAt - sent));
                    }
                }
                Thread.sleep(100);
            }
            System.out.printf("rounds: %d measured (+%d warm-up), a firing and a resolution each; lost or out of order: %d%n",
                    rounds, warmup, lost);
            System.out.printf("AMI frame written -> in-app notice at the alerts socket: %s%n", summary(toSocket));
            System.out.printf("AMI frame written -> webhook request at the loopback receiver: %s%n", summary(toHook));
            socket.abort();
        } finally {
            ami.close();
            receiver.stop(0);
            receiving.shutdownNow();
            deleteRecursively(data);
            deleteRecursively(pbxFiles);
        }
        System.exit(0); // the demo AMI server's client threads are not daemons
    }

    private static String summary(LivePushLoad.Latencies l) {
        return l.count() == 0 ? "nothing received (is the rule firing?)" : String.format("p50 %d ms, p99 %d ms, max %d ms (%d notices)",
                l.percentile(50), l.percentile(99), l.percentile(100), l.count());
    }

    private static WebSocket subscribe(HttpClient http, String base, String tenant, BlockingQueue<String[]> notices) throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/alerts/alerts.xhtml?tenant=" + tenant))
                .header(SSO_HEADER, "admin").build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = CHANNEL.matcher(page.body());
        if (page.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("no alerts channel on the page: HTTP " + page.statusCode());
        }
        String cookie = page.headers().allValues("Set-Cookie").stream().map(c -> c.split(";", 2)[0])
                .filter(c -> c.startsWith("JSESSIONID")).collect(java.util.stream.Collectors.joining("; "));
        URI uri = URI.create(base.replaceFirst("^http", "ws") + "/omnifaces.push/alerts?" + m.group(1));
        return http.newWebSocketBuilder().header("Cookie", cookie).header(SSO_HEADER, "admin")
                .buildAsync(uri, new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence text, boolean last) {
                        long at = System.nanoTime();
                        partial.append(text);
                        if (last) {
                            String s = partial.toString();
                            partial.setLength(0);
                            String kind = s.contains("\\\"kind\\\":\\\"RESOLVED") ? "RESOLVED"
                                    : s.contains("\\\"kind\\\":\\\"FIRING") ? "FIRING" : "OTHER";
                            notices.add(new String[]{kind, Long.toString(at)});
                        }
                        ws.request(1);
                        return null;
                    }
                }).get();
    }

    private static HttpResponse<String> api(HttpClient http, String base, String method, String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String expect(HttpResponse<String> r, int status) {
        if (r.statusCode() != status) {
            throw new IllegalStateException(r.uri() + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private AlertsLoad() {
    }
}
