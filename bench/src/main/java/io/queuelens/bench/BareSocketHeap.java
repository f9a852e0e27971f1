package io.queuelens.bench;

import io.queuelens.cli.LaunchConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The floor under the live push's heap bar (< 2 MB per 100 subscribers): after-GC heap per 100 open WebSocket
 * connections to a bare endpoint ({@link BareEndpoint}) on the same Payara Micro QueueLens runs on, started the
 * same way (its {@code payara-micro.jar} from the built tree, {@code -Xmx1g}), with no application around it.
 * Whatever a socket costs here, every live page's socket costs at least that.
 * <p>
 * Usage: {@code BareSocketHeap [sockets=5000]} ({@code bench/run bare-sockets}); needs a built tree
 * ({@code QUEUELENS_HOME}) and a JDK's jcmd on the PATH.
 */
public final class BareSocketHeap {

    public static void main(String[] args) throws Exception {
        int sockets = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        Path home = Path.of(System.getenv().getOrDefault("QUEUELENS_HOME", ".")).toAbsolutePath();
        Path payara = LaunchConfig.from(System.getenv(), home).runtimeDir().resolve("payara-micro.jar");
        Path dir = Files.createTempDirectory("queuelens-bare-socket-");
        Path war = dir.resolve("bare.war");
        writeWar(war);
        int port = LivePushLoad.freePort();
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-jar", payara.toString(), "--deploy", war.toString(), "--contextroot", "bare", "--port",
                Integer.toString(port), "--nocluster", "--rootdir", dir.resolve("root").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
        URI endpoint = URI.create("ws://127.0.0.1:" + port + "/bare/ws");
        AtomicInteger greeted = new AtomicInteger();
        try (RawWebSockets clients = new RawWebSockets(2)) {
            awaitEndpoint(clients, endpoint, server, dir);
            Thread.sleep(5_000); // what the first connection started (class loading, pools) settles
            long before = LivePushLoad.heapAfterGc(server.pid());
            Map<String, long[]> classesBefore = LivePushLoad.histogram(LivePushLoad.jcmd(server.pid(), "GC.class_histogram"));
            long t0 = System.nanoTime();
            List<RawWebSockets.Connection> open = new ArrayList<>();
            for (int i = 0; i < sockets; i++) {
                open.add(clients.connect(endpoint, Map.of(), (payload, at) -> greeted.incrementAndGet()));
            }
            double connectSeconds = (System.nanoTime() - t0) / 1e9;
            long deadline = System.currentTimeMillis() + 60_000;
            while (greeted.get() < sockets && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            open.removeIf(RawWebSockets.Connection::isOpen);
            if (!open.isEmpty() || greeted.get() != sockets) {
                throw new IllegalStateException(greeted.get() + " of " + sockets + " sockets were greeted, " + open.size() + " closed");
            }
            Thread.sleep(5_000);
            long with = LivePushLoad.heapAfterGc(server.pid());
            System.out.printf(Locale.ROOT, "bare endpoint on %s: %d sockets open and greeted (connected in %.1f s); "
                            + "heap after GC %.1f MB without, %.1f MB with: %.2f MB per 100 sockets%n", payara.getFileName(),
                    sockets, connectSeconds, before / 1e6, with / 1e6, (with - before) / 1e6 / (sockets / 100.0));
            // what a socket holds: the classes whose bytes grew most
            Map<String, long[]> classesWith = LivePushLoad.histogram(LivePushLoad.jcmd(server.pid(), "GC.class_histogram"));
            System.out.println("bytes and instances per socket by class (the 12 that grew most):");
            classesWith.entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), new long[]{
                            e.getValue()[0] - classesBefore.getOrDefault(e.getKey(), new long[2])[0],
                            e.getValue()[1] - classesBefore.getOrDefault(e.getKey(), new long[2])[1]}))
                    .sorted((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1])).limit(12)
                    .forEach(e -> System.out.printf(Locale.ROOT, "%10.1f bytes %8.2f instances  %s%n",
                            e.getValue()[1] / (double) sockets, e.getValue()[0] / (double) sockets, e.getKey()));
        } finally {
            server.destroy();
            if (!server.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
            LivePushLoad.deleteRecursively(dir);
        }
    }

    /** A WAR holding {@link BareEndpoint} and nothing else. */
    static void writeWar(Path war) throws IOException {
        String name = BareEndpoint.class.getName().replace('.', '/') + ".class";
        try (OutputStream out = Files.newOutputStream(war); ZipOutputStream zip = new ZipOutputStream(out);
             InputStream cls = BareEndpoint.class.getClassLoader().getResourceAsStream(name)) {
            if (cls == null) {
                throw new IOException(name + " is not on the class path");
            }
            zip.putNextEntry(new ZipEntry("WEB-INF/classes/" + name));
            cls.transferTo(zip);
            zip.closeEntry();
        }
    }

    /** Waits until the endpoint takes a socket (the deployment is done), or fails with the server's log. */
    private static void awaitEndpoint(RawWebSockets clients, URI endpoint, Process server, Path dir) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            try {
                clients.connect(endpoint, Map.of(), (payload, at) -> { }); // stays open: in both heap figures
                return;
            } catch (IOException notYet) {
                if (!server.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("the bare endpoint did not open (server log: "
                            + dir.resolve("server.log") + "): " + notYet.getMessage()
                            + "\n" + Files.readString(dir.resolve("server.log")).lines()
                            .reduce("", (a, b) -> a.length() > 4000 ? a : a + b + "\n"));
                }
                Thread.sleep(500);
            }
        }
    }
}
