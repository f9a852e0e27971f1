package io.queuelens.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Deploys the EAR to a real Payara Server the way an IT department does: unzips the distribution,
 * creates a domain on free ports, makes a throwaway MariaDB database and user, runs
 * {@code src/main/payara-server/install.sh} (the script the README documents), then checks
 * readiness and the login page. The domain, database and files are removed afterwards, also when
 * something fails; then the server log is kept in {@code target/payara-server-it-logs}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(PayaraServerEarIT.FailureFlag.class)
class PayaraServerEarIT {

    private static final String DOMAIN = "queuelens-it";
    private static final String DB_ROOT_URL = "jdbc:mysql://127.0.0.1:3306/?sslMode=DISABLED";
    /** Ports Payara derives from --portbase (debug, IIOP x3, admin, Hazelcast x2, OSGi, JMS, HTTP, HTTPS, JMX). */
    private static final int[] PORT_OFFSETS = {9, 37, 38, 39, 48, 49, 59, 66, 76, 80, 81, 86};
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Pattern TOP_LEVEL_UP = Pattern.compile("^\\s*\\{\\s*\"status\"\\s*:\\s*\"UP\"");

    private static final Path TARGET = Path.of(System.getProperty("queuelens.payara.server.zip", "target/payara-server/payara.zip"))
            .toAbsolutePath().getParent().getParent();
    private static final Path WORK = TARGET.resolve("payara-server-it");
    private static final Path LOGS = TARGET.resolve("payara-server-it-logs");

    static volatile boolean failed;

    private static Path payaraHome;
    private static boolean domainCreated;
    private static int portBase;
    private static String database;
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    @BeforeAll
    static void installOnPayaraServer() throws Exception {
        try {
            Path zip = requiredFile("queuelens.payara.server.zip");
            Path ear = requiredFile("queuelens.payara.server.ear");
            Path install = requiredFile("queuelens.payara.server.install");
            Path driver = Path.of(System.getProperty("queuelens.runtime.dir", "target/runtime")).resolve("mysql-connector-j.jar");
            assertThat(driver).as("JDBC driver (mvn package builds it)").isRegularFile();

            deleteTree(WORK);
            deleteTree(LOGS);
            Files.createDirectories(WORK);
            long t0 = System.nanoTime();
            payaraHome = unzipPayara(zip, WORK);
            log("unzipped Payara Server in %d s", secondsSince(t0));

            portBase = freePortBase();
            run(Duration.ofSeconds(120), "create-domain", asadmin(), "--interactive=false", "create-domain",
                    "--portbase", String.valueOf(portBase), "--nopassword=true", DOMAIN);
            domainCreated = true;
            log("domain %s created with port base %d in %d s", DOMAIN, portBase, secondsSince(t0));
            run(Duration.ofSeconds(180), "start-domain", asadmin(), "--interactive=false", "start-domain", DOMAIN);
            log("domain started after %d s (admin port %d, http port %d)", secondsSince(t0), adminPort(), httpPort());

            String suffix = Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
            database = "ql_ear_" + suffix;
            // A password with the characters asadmin property lists escape: the alias path and the
            // escaping are tested together.
            String password = "Pw:" + suffix + "=x;y";
            createDatabase(database, password);

            Map<String, String> env = new HashMap<>();
            env.put("PAYARA_HOME", payaraHome.toString());
            env.put("AS_ADMIN_PORT", String.valueOf(adminPort()));
            env.put("QUEUELENS_EAR", ear.toString());
            env.put("QUEUELENS_DB_URL", "jdbc:mariadb://127.0.0.1:3306/" + database + "?sslMode=DISABLED");
            env.put("QUEUELENS_DB_USER", database);
            env.put("QUEUELENS_DB_PASSWORD", password);
            env.put("QUEUELENS_DATA_DIR", WORK.resolve("data").toString());
            env.put("QUEUELENS_JDBC_DRIVER", driver.toAbsolutePath().toString());
            // Demo contact center: any free AMI port, one day of history.
            env.put("QUEUELENS_PROPERTIES", "queuelens.demo.ami.port=0 queuelens.demo.backfill-days=1");
            run(Duration.ofSeconds(300), "install", env, "bash", install.toString());
            log("install.sh done after %d s", secondsSince(t0));
        } catch (Throwable e) {
            failed = true;
            throw e;
        }
    }

    @Test
    @Order(1)
    void readinessReportsDatabaseAndMigratedSchema() throws Exception {
        long t0 = System.nanoTime();
        long deadline = t0 + READY_TIMEOUT.toNanos();
        String body = "(no answer)";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = get("/health/ready");
                body = response.statusCode() + " " + response.body();
                if (response.statusCode() == 200 && TOP_LEVEL_UP.matcher(response.body()).find()) {
                    break;
                }
            } catch (IOException e) {
                body = e.toString();
            }
            TimeUnit.SECONDS.sleep(2);
        }
        log("readiness after %d s: %s", secondsSince(t0), body);
        if (!body.startsWith("200 ") || !TOP_LEVEL_UP.matcher(body.substring(4)).find()) {
            fail("/health/ready not UP within " + READY_TIMEOUT.toSeconds() + " s; last answer: " + body);
        }
        assertThat(body)
                .containsPattern("\"name\"\\s*:\\s*\"database\"\\s*,\\s*\"status\"\\s*:\\s*\"UP\"")
                .containsPattern("\"name\"\\s*:\\s*\"schema\"\\s*,\\s*\"status\"\\s*:\\s*\"UP\"");
    }

    @Test
    @Order(2)
    void loginPageIsServed() throws Exception {
        HttpResponse<String> response = get("/login.xhtml");
        assertThat(response.statusCode()).as("GET /login.xhtml").isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("text/html"));
        assertThat(response.body()).containsPattern("<form[^>]*\\bid=\"login\"");
    }

    @AfterAll
    static void stopAndCleanUp() {
        List<String> problems = new ArrayList<>();
        if (domainCreated) {
            try {
                run(Duration.ofSeconds(90), "stop-domain", asadmin(), "--interactive=false", "stop-domain", "--kill=false", DOMAIN);
            } catch (Throwable e) {
                problems.add("stop-domain: " + e.getMessage());
                killDomainProcess(problems);
            }
        }
        if (failed) {
            keepLogs(problems);
        }
        if (database != null) {
            try {
                dropDatabase(database);
            } catch (SQLException e) {
                problems.add("drop database " + database + ": " + e.getMessage());
            }
        }
        try {
            deleteTree(WORK);
        } catch (IOException | UncheckedIOException e) {
            problems.add("delete " + WORK + ": " + e.getMessage());
        }
        problems.forEach(p -> log("cleanup problem: %s", p));
    }

    // --- Payara Server ---------------------------------------------------------------------------

    private static String asadmin() {
        return payaraHome.resolve("bin/asadmin").toString();
    }

    private static int adminPort() {
        return portBase + 48;
    }

    private static int httpPort() {
        return portBase + 80;
    }

    private static Path domainDir() {
        return payaraHome.resolve("glassfish/domains").resolve(DOMAIN);
    }

    /** Unzips the distribution (Java's zip API drops the executable bits, so the scripts get them back). */
    private static Path unzipPayara(Path zip, Path into) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new java.io.BufferedInputStream(Files.newInputStream(zip), 1 << 16))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                Path out = into.resolve(e.getName()).normalize();
                if (!out.startsWith(into)) {
                    throw new IOException("zip entry outside the target folder: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Path home = into.resolve("payara6");
        for (String bin : List.of("bin", "glassfish/bin", "h2db/bin", "mq/bin")) {
            Path dir = home.resolve(bin);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    files.filter(Files::isRegularFile).forEach(f -> f.toFile().setExecutable(true));
                }
            }
        }
        assertThat(home.resolve("bin/asadmin")).isExecutable();
        return home;
    }

    /** A port base whose derived ports are all free; bases are tried from a random start. */
    private static int freePortBase() {
        int start = 200 + ThreadLocalRandom.current().nextInt(300);
        for (int i = 0; i < 300; i++) {
            int base = ((start + i) % 500 + 100) * 100; // 10000 .. 59900
            boolean free = true;
            for (int offset : PORT_OFFSETS) {
                if (!isFree(base + offset)) {
                    free = false;
                    break;
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no free port base found");
    }

    private static boolean isFree(int port) {
        try (ServerSocket ignored = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Last resort when stop-domain did not work: the domain's pid file names the server process. */
    private static void killDomainProcess(List<String> problems) {
        Path pidFile = domainDir().resolve("config/pid");
        try {
            if (Files.exists(pidFile)) {
                long pid = Long.parseLong(Files.readString(pidFile).trim());
                ProcessHandle.of(pid).ifPresent(p -> {
                    p.destroyForcibly();
                    try {
                        p.onExit().get(30, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        problems.add("server process " + pid + " did not end: " + e);
                    }
                });
            }
        } catch (IOException | NumberFormatException e) {
            problems.add("kill via " + pidFile + ": " + e);
        }
    }

    private static void keepLogs(List<String> problems) {
        try {
            Files.createDirectories(LOGS);
            if (payaraHome != null && Files.isDirectory(domainDir().resolve("logs"))) {
                try (Stream<Path> logs = Files.list(domainDir().resolve("logs"))) {
                    for (Path f : logs.filter(Files::isRegularFile).toList()) {
                        Files.copy(f, LOGS.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            log("server logs kept in %s", LOGS);
        } catch (IOException e) {
            problems.add("keeping logs: " + e);
        }
    }

    // --- MariaDB ---------------------------------------------------------------------------------

    private static void createDatabase(String name, String password) throws SQLException {
        try (Connection c = DriverManager.getConnection(DB_ROOT_URL, "root", ""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            s.execute("CREATE USER '" + name + "'@'%' IDENTIFIED BY '" + password + "'");
            s.execute("GRANT ALL PRIVILEGES ON `" + name + "`.* TO '" + name + "'@'%'");
        }
    }

    private static void dropDatabase(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(DB_ROOT_URL, "root", ""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS `" + name + "`");
            s.execute("DROP USER IF EXISTS '" + name + "'@'%'");
        }
    }

    // --- helpers ---------------------------------------------------------------------------------

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort() + path))
                .timeout(Duration.ofSeconds(20))
                .GET()
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void run(Duration timeout, String name, String... command) throws IOException, InterruptedException {
        run(timeout, name, Map.of(), command);
    }

    /**
     * Runs a command with its output in a file (never a pipe: start-domain leaves a server process
     * behind that would hold a pipe open), echoes the output, and fails on a non-zero exit or timeout.
     */
    private static void run(Duration timeout, String name, Map<String, String> env, String... command)
            throws IOException, InterruptedException {
        Path output = WORK.resolve(name + ".out");
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(WORK.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("TERM", "dumb");
        pb.environment().putAll(env);
        Process p = pb.start();
        boolean done = p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
        String hang = "";
        if (!done) {
            hang = whereTheDomainHangs(name); // before the kill: asadmin may be waiting on the domain
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        String text = Files.exists(output) ? Files.readString(output) : "";
        System.out.println("---- " + name + " ----\n" + text.strip());
        copyQuietly(output);
        if (!done) {
            throw new AssertionError(name + " did not finish within " + timeout.toSeconds() + " s; its output ends with:\n"
                    + lastLines(text, 12) + hang);
        }
        if (p.exitValue() != 0) {
            throw new AssertionError(name + " failed with exit code " + p.exitValue() + ":\n" + text);
        }
    }

    /**
     * What a command that timed out left the domain doing, for the failure message (CI shows only the
     * message): the end of server.log and the stacks of the domain's threads that are in QueueLens or
     * in a deployment. The whole thread dump is kept in the logs folder.
     */
    private static String whereTheDomainHangs(String name) {
        if (!domainCreated) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        try {
            Path serverLog = domainDir().resolve("logs/server.log");
            if (Files.exists(serverLog)) {
                out.append("\n-- server.log ends with:\n").append(lastLines(Files.readString(serverLog), 15));
            }
            Path pidFile = domainDir().resolve("config/pid");
            if (Files.exists(pidFile)) {
                String pid = Files.readString(pidFile).trim();
                Path dumpFile = WORK.resolve(name + "-threads.txt");
                Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                        pid, "Thread.print")
                        .redirectErrorStream(true).redirectOutput(dumpFile.toFile()).start();
                if (jcmd.waitFor(60, TimeUnit.SECONDS)) {
                    String dump = Files.readString(dumpFile);
                    copyQuietly(dumpFile);
                    out.append("\n-- the domain's threads in QueueLens or deploying (all in ").append(LOGS)
                            .append("/").append(dumpFile.getFileName()).append("):\n").append(busyThreads(dump, 25, 6));
                } else {
                    jcmd.destroyForcibly();
                    out.append("\n-- jcmd Thread.print of the domain did not answer within 60 s");
                }
            }
        } catch (IOException | RuntimeException e) {
            out.append("\n-- no thread dump of the domain: ").append(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out.toString();
    }

    /** The first {@code frames} frames of at most {@code threads} threads whose stack names QueueLens or a deployment. */
    static String busyThreads(String dump, int frames, int threads) {
        StringBuilder out = new StringBuilder();
        int shown = 0;
        for (String thread : dump.split("\n\\s*\n")) {
            if (shown < threads && thread.startsWith("\"") && (thread.contains("io.queuelens") || thread.contains("deploy"))) {
                thread.lines().limit(frames + 2L).forEach(l -> out.append(l).append('\n'));
                shown++;
            }
        }
        return shown == 0 ? "(none)\n" : out.toString();
    }

    static String lastLines(String text, int n) {
        List<String> lines = text.strip().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    }

    private static void copyQuietly(Path output) {
        try {
            Files.createDirectories(LOGS);
            Files.copy(output, LOGS.resolve(output.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // only a diagnosis aid
        }
    }

    private static Path requiredFile(String property) {
        String value = System.getProperty(property);
        assertThat(value).as("system property %s (set by failsafe in server-config/pom.xml)", property).isNotBlank();
        Path path = Path.of(value).toAbsolutePath();
        assertThat(path).as(property).isRegularFile();
        return path;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static long secondsSince(long nanoTime) {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - nanoTime);
    }

    private static void log(String format, Object... args) {
        System.out.printf("[PayaraServerEarIT] " + format + "%n", args);
    }

    /** Marks the run as failed so that {@link #stopAndCleanUp()} keeps the server logs. */
    static final class FailureFlag implements TestWatcher {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            failed = true;
        }

        @Override
        public void testAborted(ExtensionContext context, Throwable cause) {
            failed = true;
        }
    }
}
