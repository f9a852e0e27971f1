package io.queuelens.it.support;

import io.queuelens.cli.LaunchConfig;
import io.queuelens.cli.PayaraMicroLauncher;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * QueueLens on Payara Micro, started exactly as {@code ./queuelens run} starts it (same launcher),
 * with the packaged WAR from this module, a free port and its own data folder under target/it.
 */
public final class RunningServer implements AutoCloseable {

    /**
     * How long a start may take before the IT fails. Four minutes on a quiet 2-core machine is ample;
     * a developer running several builds at once raises it with {@code -Dqueuelens.it.ready-minutes=10}.
     */
    private static final Duration READY_WITHIN =
            Duration.ofMinutes(Long.getLong("queuelens.it.ready-minutes", 4));

    private final PayaraMicroLauncher launcher;
    private final Path dataDir;
    /** HTTP/1.1, as the launcher's readiness poll (see PayaraMicroLauncher: no h2c upgrade). */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private RunningServer(PayaraMicroLauncher launcher, Path dataDir) {
        this.launcher = launcher;
        this.dataDir = dataDir;
    }

    /** Stops this server and starts it again on the same data folder and settings, as an operator's restart. */
    public RunningServer restart() throws IOException, InterruptedException {
        launcher.close();
        PayaraMicroLauncher again = PayaraMicroLauncher.start(launcher.config(), line -> { });
        try {
            again.awaitReady(READY_WITHIN);
        } catch (RuntimeException | InterruptedException e) {
            again.close();
            throw notReady("restart", dataDir, e);
        }
        return new RunningServer(again, dataDir);
    }

    /**
     * Kills the server with SIGKILL, as a power cut or the OOM killer would (no shutdown hook, no
     * commit of anything in flight), then starts it again on the same data folder and settings.
     */
    public RunningServer killAndRestart() throws IOException, InterruptedException {
        kill();
        return restart();
    }

    /**
     * SIGKILL and nothing after it: the server gets no chance to release anything (what a cluster peer
     * must survive). Returns once the process is gone.
     */
    public void kill() {
        ProcessHandle process = ProcessHandle.of(launcher.pid())
                .orElseThrow(() -> new IllegalStateException("the server process is gone already"));
        // Payara Micro's JVM may have children of its own (none today): they die with it.
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        if (!process.onExit().toCompletableFuture().completeOnTimeout(null, 30, java.util.concurrent.TimeUnit.SECONDS)
                .thenApply(p -> p != null).join()) {
            throw new IllegalStateException("the server process survived SIGKILL for 30 s");
        }
    }

    public boolean isAlive() {
        return launcher.isAlive();
    }

    /**
     * @param name     folder name for the data directory and log
     * @param settings QUEUELENS_* settings on top of the test defaults
     */
    public static RunningServer start(String name, Map<String, String> settings) throws IOException, InterruptedException {
        Path home = Path.of(System.getProperty("queuelens.home", "..")).toAbsolutePath().normalize();
        Path dataDir = Path.of(System.getProperty("queuelens.it.dir", "target/it")).toAbsolutePath().resolve(name);
        deleteRecursively(dataDir);
        Map<String, String> env = new HashMap<>(System.getenv());
        env.keySet().removeIf(k -> k.startsWith("QUEUELENS_")); // the developer's own settings must not leak in
        env.put("QUEUELENS_PORT", Integer.toString(freePort()));
        env.put("QUEUELENS_DATA_DIR", dataDir.toString());
        env.put("QUEUELENS_DEMO_AMI_PORT", "0");
        env.put("QUEUELENS_JAVA_OPTS", "-Xmx512m");
        env.putAll(settings);
        LaunchConfig config = LaunchConfig.from(env, home);
        PayaraMicroLauncher launcher = PayaraMicroLauncher.start(config, line -> { });
        try {
            launcher.awaitReady(READY_WITHIN);
        } catch (RuntimeException | InterruptedException e) {
            launcher.close();
            throw notReady("start", dataDir, e);
        }
        return new RunningServer(launcher, dataDir);
    }

    public String url(String path) {
        return launcher.config().baseUrl() + path;
    }

    public Path dataDir() {
        return dataDir;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** GET with {@code Authorization: Bearer token}. */
    public HttpResponse<String> get(String path, String bearerToken) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + bearerToken).build(), HttpResponse.BodyHandlers.ofString());
    }

    public String serverLog() throws IOException {
        return Files.readString(dataDir.resolve("logs/server.log"));
    }

    @Override
    public void close() throws InterruptedException {
        launcher.close();
    }

    /**
     * The failure of a start, self-describing: CI shows only the exception's first line, and the data
     * folder is gone with the CI machine, so the message carries the launcher's reason (the last
     * readiness document names the check that was DOWN) and the log's last SEVERE record; the log's tail goes
     * to stderr, into the test's report.
     */
    private static IllegalStateException notReady(String what, Path dataDir, Exception cause) {
        Path log = dataDir.resolve("logs/server.log");
        List<String> lines = List.of();
        try {
            lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        } catch (IOException | java.io.UncheckedIOException unreadable) {
            // the message still carries the launcher's reason
        }
        String lastSevere = "none";
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).contains("SEVERE")) { // a record's header; its message follows on the next lines
                lastSevere = String.join(" ", lines.subList(i, Math.min(lines.size(), i + 4))).replaceAll("\\e\\[[0-9;]*m", "");
                break;
            }
        }
        System.err.println("== QueueLens did not " + what + "; last lines of " + log + ":");
        lines.subList(Math.max(0, lines.size() - 80), lines.size()).forEach(System.err::println);
        return new IllegalStateException("QueueLens did not " + what + ": " + cause.getMessage() + "; last SEVERE: "
                + abbreviate(lastSevere, 1500) + "; log: " + log, cause);
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
