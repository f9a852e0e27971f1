package io.queuelens.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Starts Payara Micro with the QueueLens WAR as a child process, copies its output to the console
 * (or a consumer) and to {@code logs/server.log} in the data folder, waits for {@code /health/ready},
 * and stops it cleanly. Used by {@code ./queuelens run} and by the integration tests, so both start
 * the server the same way.
 */
public final class PayaraMicroLauncher implements AutoCloseable {

    private final LaunchConfig config;
    private final Process process;
    private final Thread pump;
    /**
     * HTTP/1.1: the default client asks for an h2c upgrade, and Payara's HTTP/2 stack (Grizzly) can deadlock
     * two of its request threads while it sends an error page for such a request during startup; the
     * readiness poll then never returns (seen in the cluster failover IT).
     */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    /** Set by the output pump when Payara reports that the app failed to deploy: waiting longer is pointless. */
    private final java.util.concurrent.atomic.AtomicReference<String> deployFailure;

    private PayaraMicroLauncher(LaunchConfig config, Process process, Thread pump,
                                java.util.concurrent.atomic.AtomicReference<String> deployFailure) {
        this.config = config;
        this.process = process;
        this.pump = pump;
        this.deployFailure = deployFailure;
    }

    public static PayaraMicroLauncher start(LaunchConfig config, Consumer<String> output) throws IOException {
        config.checkEnvironment();
        // Payara Micro keeps what it deployed in its root folder and deploys that again at the next
        // boot before --deploy replaces it: readiness then reports UP from the old copy while the
        // pages are not initialized yet. A clean root each start avoids the double deployment.
        deleteRecursively(config.dataDir().resolve("payara"));
        Path runDir = Files.createDirectories(config.dataDir().resolve("run"));
        Path logDir = Files.createDirectories(config.dataDir().resolve("logs"));
        Path postBoot = runDir.resolve("post-boot.asadmin");
        Files.write(postBoot, PostBootCommands.forDatabase(config.database()), StandardCharsets.UTF_8);
        Path jar = config.runtimeDir().resolve("payara-micro.jar");
        if (!Files.isRegularFile(jar) || !Files.isRegularFile(config.war())) {
            throw new ConfigProblem("The server is not built (" + jar + " or " + config.war()
                    + " missing); run 'mvn -B -DskipTests package' or './queuelens run', which builds it");
        }

        List<String> command = command(config, jar, postBoot);

        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(config.environment());
        // An unset variable stays a literal "${ENV=...}" in the pool: an empty password must be explicit.
        pb.environment().putIfAbsent(Setting.DB_PASSWORD.variable(), "");
        Process process = pb.start();
        Writer log = Files.newBufferedWriter(logDir.resolve("server.log"), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        var deployFailure = new java.util.concurrent.atomic.AtomicReference<String>();
        Consumer<String> watched = line -> {
            if (line.contains("Exception while loading the app") || line.contains("deployment failure")) {
                deployFailure.compareAndSet(null, line.strip());
            }
            output.accept(line);
        };
        Thread pump = new Thread(() -> copyOutput(process, log, watched), "payara-output");
        pump.setDaemon(true);
        pump.start();
        return new PayaraMicroLauncher(config, process, pump, deployFailure);
    }

    /** The server's command line: JVM options, then Payara Micro's, with the cluster's discovery when clustered. */
    static List<String> command(LaunchConfig config, Path jar, Path postBoot) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(config.javaOptions());
        if (config.database().kind() == Database.Kind.MARIADB) {
            // mysql-connector-j reports MariaDB as "5.5.5-10.x"; tell Hibernate what it really is.
            command.add("-Djakarta.persistence.database-product-name=MariaDB");
            command.add("-Djakarta.persistence.database-major-version=10");
            command.add("-Djakarta.persistence.database-minor-version=6");
        }
        command.addAll(List.of("-jar", jar.toString(),
                "--deploy", config.war().toString(),
                "--port", Integer.toString(config.port()),
                "--rootdir", config.dataDir().resolve("payara").toString(),
                "--postbootcommandfile", postBoot.toString()));
        command.addAll(config.cluster().payaraArguments());
        // The MySQL/MariaDB driver also on H2: configured Asterisk sources read their PBX's database through it.
        Path driver = config.runtimeDir().resolve("mysql-connector-j.jar");
        if (!config.database().isEmbedded() || Files.isRegularFile(driver)) {
            command.addAll(List.of("--addlibs", driver.toString()));
        }
        return command;
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void copyOutput(Process process, Writer log, Consumer<String> output) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             log) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                output.accept(line);
                log.write(line);
                log.write(System.lineSeparator());
                log.flush();
            }
        } catch (IOException e) {
            // Process.destroy() closes the pipe while the server may still be shutting down ("Stream closed"):
            // the end of its output, not an error
            if (process.isAlive() && !"Stream closed".equals(e.getMessage())) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public static Consumer<String> console(PrintStream out) {
        return out::println;
    }

    /**
     * Polls {@code /health/ready} until it reports UP.
     *
     * @return the last readiness document seen
     * @throws IllegalStateException when the process ends or the timeout passes first
     */
    public String awaitReady(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        String last = "(no answer)";
        while (Instant.now().isBefore(deadline)) {
            if (deployFailure.get() != null) {
                throw new IllegalStateException("the app failed to deploy (" + deployFailure.get() + "); see "
                        + config.dataDir().resolve("logs/server.log"));
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the server process ended with exit code " + process.exitValue()
                        + "; see " + config.dataDir().resolve("logs/server.log"));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(config.baseUrl() + "/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                last = r.body();
                if (r.statusCode() == 200 && last.contains("\"status\":\"UP\"")) {
                    return last;
                }
            } catch (IOException notYet) {
                // the port opens late in the boot
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("not ready after " + timeout.toSeconds() + " s; last readiness: " + last);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public int waitFor() throws InterruptedException {
        int code = process.waitFor();
        pump.join(2000);
        return code;
    }

    public long pid() {
        return process.pid();
    }

    /** SIGTERM (Payara shuts down its apps), then a forced kill if it takes longer than 30 s. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        pump.join(2000);
    }

    public LaunchConfig config() {
        return config;
    }
}
