package io.queuelens.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The launcher's settings, read from environment variables and checked before anything starts, so
 * that a mistake ends in one sentence naming the setting instead of a server stack trace.
 */
public record LaunchConfig(Path home, int port, Path dataDir, Database database, ClusterSettings cluster,
                           List<String> javaOptions, Map<String, String> environment, List<String> warnings) {

    /**
     * @param env  the environment (System.getenv() or a test's map)
     * @param home the folder holding the built artifacts
     */
    public static LaunchConfig from(Map<String, String> env, Path home) {
        List<String> warnings = new ArrayList<>();
        env.keySet().stream()
                .filter(k -> k.startsWith("QUEUELENS_") && Setting.byVariable(k).isEmpty())
                .sorted()
                .forEach(k -> warnings.add("Unknown setting " + k + " is ignored; './queuelens help config' lists the known ones"));

        int port = parsePort(env.getOrDefault(Setting.PORT.variable(), "8080"), Setting.PORT.variable());
        Path dataDir = Path.of(env.getOrDefault(Setting.DATA_DIR.variable(), "./data")).toAbsolutePath().normalize();
        String dbUrl = env.get(Setting.DB_URL.variable());
        String dbUser = env.get(Setting.DB_USER.variable());
        Database database = dbUrl == null || dbUrl.isBlank() ? Database.embedded(dataDir) : Database.parse(dbUrl.strip(), dbUser);
        // login security (issue 5)
        checkNumber(env, Setting.LOGIN_MAX_FAILURES, 1, 1000);
        checkNumber(env, Setting.LOGIN_IP_MAX_FAILURES, 1, 100_000);
        checkNumber(env, Setting.LOGIN_FAILURE_WINDOW_SECONDS, 1, 7 * 86_400);
        checkNumber(env, Setting.LOGIN_LOCK_SECONDS, 1, 7 * 86_400);
        checkNumber(env, Setting.LOGIN_MAX_LOCK_SECONDS, 1, 30 * 86_400);
        checkNumber(env, Setting.LOGIN_REMEMBER_ME_DAYS, 1, 365);
        checkBoolean(env, Setting.DEMO_ENABLED);
        checkNumber(env, Setting.DEMO_SEED, Long.MIN_VALUE, Long.MAX_VALUE);
        checkNumber(env, Setting.DEMO_AGENTS, 10, 200);
        checkNumber(env, Setting.DEMO_BACKFILL_DAYS, 0, 3660);
        checkNumber(env, Setting.DEMO_AMI_PORT, 0, 65535);
        checkNumber(env, Setting.DEMO_EVENT_RATE, 0, 10_000_000);
        checkNumber(env, Setting.DEMO_TICK_MILLIS, 1, 1000);
        checkDecimal(env, Setting.DEMO_SPEED);
        checkNumber(env, Setting.INGEST_INTERVAL_MS, 100, 3_600_000);
        checkNumber(env, Setting.INGEST_BATCH_ROWS, 1, 1_000_000);
        checkNumber(env, Setting.IMPORT_BATCH_LINES, 1, 1_000_000);
        checkNumber(env, Setting.CDR_LOOKBACK_MINUTES, 0, 7 * 24 * 60);
        checkNumber(env, Setting.CDR_RESCAN_SECONDS, 1, 86_400);
        checkNumber(env, Setting.CDR_RELINK_MINUTES, 0, 24 * 60);
        checkNumber(env, Setting.AMI_PING_INTERVAL_SECONDS, 0, 3600);
        checkNumber(env, Setting.AMI_PING_TIMEOUT_SECONDS, 1, 600);
        checkNumber(env, Setting.GENESYS_LIVE_HEARTBEAT_TIMEOUT_SECONDS, 10, 3600);
        checkNumber(env, Setting.GENESYS_LIVE_RENEW_MINUTES, 1, 600);
        checkNumber(env, Setting.GENESYS_LIVE_RESYNC_SECONDS, 0, 86_400);
        checkNumber(env, Setting.GENESYS_MAX_REQUESTS_PER_MINUTE, 1, 100_000);
        checkNumber(env, Setting.GENESYS_HISTORY_POLL_MINUTES, 0, 24 * 60);
        checkNumber(env, Setting.GENESYS_HISTORY_OVERLAP_MINUTES, 0, 7 * 24 * 60);
        checkNumber(env, Setting.GENESYS_HISTORY_BACKFILL_DAYS, 0, 366);
        checkNumber(env, Setting.LIVE_MAX_CALLS, 16, 10_000_000);
        checkNumber(env, Setting.LIVE_INBOX_CAPACITY, 1000, 100_000_000);
        checkNumber(env, Setting.LIVE_PUSH_INTERVAL_MS, 10, 60_000);
        checkNumber(env, Setting.CLUSTER_LIVE_PUBLISH_MS, 10, 60_000);
        checkNumber(env, Setting.CLUSTER_LIVE_STALE_SECONDS, 1, 3600);
        checkNumber(env, Setting.RATE_LIMIT_API_PER_MINUTE, 1, 10_000_000);
        checkNumber(env, Setting.RATE_LIMIT_API_BURST, 1, 10_000_000);
        checkNumber(env, Setting.RATE_LIMIT_LOGIN_PER_MINUTE, 1, 1_000_000);
        checkNumber(env, Setting.RATE_LIMIT_LOGIN_BURST, 1, 1_000_000);
        checkNumber(env, Setting.LIVE_PUSH_THREADS, 1, 64);
        checkNumber(env, Setting.LIVE_SOCKET_BACKLOG, 1, 10_000);
        checkNumber(env, Setting.PAYOUTS_ITEM_DELAY_MS, 0, 60_000);
        checkTime(env, Setting.PAYOUTS_NIGHTLY_TIME);
        checkNumber(env, Setting.PAYOUTS_NIGHTLY_CHECK_SECONDS, 5, 3600);
        checkNumber(env, Setting.JOBS_RECOVERY_CHECK_MS, 1000, 600_000);
        ClusterSettings cluster = ClusterSettings.from(env);
        if (cluster.enabled() && database.isEmbedded()) {
            throw new ConfigProblem("Cluster mode needs the shared MariaDB/MySQL database all members use, "
                    + "not the embedded H2 file: set QUEUELENS_DB_URL to jdbc:mariadb://HOST:PORT/DB or jdbc:mysql://HOST:PORT/DB");
        }
        if (cluster.enabled() && isBlank(env.get(Setting.VAULT_KEY.variable())) && isBlank(env.get(Setting.VAULT_KEY_FILE.variable()))) {
            warnings.add("Cluster mode with this server's own vault key file: source passwords saved through another member "
                    + "will not decrypt here; give every member the same key (QUEUELENS_VAULT_KEY or QUEUELENS_VAULT_KEY_FILE)");
        }
        checkNumber(env, Setting.CLUSTER_LEASE_RENEW_MS, 100, 60_000);
        checkNumber(env, Setting.CLUSTER_LEASE_TTL_MS, 300, 600_000);
        long renew = Long.parseLong(env.getOrDefault(Setting.CLUSTER_LEASE_RENEW_MS.variable(), "2000").strip());
        long ttl = Long.parseLong(env.getOrDefault(Setting.CLUSTER_LEASE_TTL_MS.variable(), "6000").strip());
        if (ttl < 2 * renew) {
            throw new ConfigProblem(Setting.CLUSTER_LEASE_TTL_MS.variable() + " (" + ttl + ") must be at least twice "
                    + Setting.CLUSTER_LEASE_RENEW_MS.variable() + " (" + renew + "), so one late renewal does not lose a lease");
        }

        List<String> javaOptions = List.of(env.getOrDefault(Setting.JAVA_OPTS.variable(), Setting.JAVA_OPTS.defaultValue()).trim().split("\\s+"));
        Map<String, String> childEnv = new TreeMap<>(env);
        childEnv.put(Setting.DATA_DIR.variable(), dataDir.toString());
        // a relative folder means relative to where queuelens was started, not to the server's working folder
        String recordings = env.get(Setting.RECORDINGS_DIR.variable());
        if (recordings != null && !recordings.isBlank()) {
            childEnv.put(Setting.RECORDINGS_DIR.variable(), Path.of(recordings.strip()).toAbsolutePath().normalize().toString());
        }
        // the server reads queuelens.cluster.enabled from this variable; --cluster sets it too
        childEnv.put(Setting.CLUSTER_ENABLED.variable(), Boolean.toString(cluster.enabled()));
        return new LaunchConfig(home, port, dataDir, database, cluster, javaOptions, childEnv, List.copyOf(warnings));
    }

    /** Checks what can only be checked on this machine now: free port, writable folder, reachable database. */
    public void checkEnvironment() {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            throw new ConfigProblem("Port " + port + " is already in use; stop what uses it or set QUEUELENS_PORT to a free port");
        }
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new ConfigProblem("Cannot create the data folder " + dataDir + " (" + e.getMessage()
                    + "); set QUEUELENS_DATA_DIR to a writable folder");
        }
        if (!Files.isWritable(dataDir)) {
            throw new ConfigProblem("The data folder " + dataDir + " is not writable; set QUEUELENS_DATA_DIR to a writable folder");
        }
        if (!database.isEmbedded()) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(database.host(), database.port()), 3000);
            } catch (IOException e) {
                throw new ConfigProblem("No database answers at " + database.host() + ":" + database.port()
                        + " (" + e.getMessage() + "); start it or fix QUEUELENS_DB_URL");
            }
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static int parsePort(String value, String variable) {
        try {
            int port = Integer.parseInt(value.strip());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the message
        }
        throw new ConfigProblem(variable + "='" + value + "' is not a port number (1-65535)");
    }

    private static void checkBoolean(Map<String, String> env, Setting setting) {
        String v = env.get(setting.variable());
        if (v != null && !v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
            throw new ConfigProblem(setting.variable() + "='" + v + "' must be true or false");
        }
    }

    private static void checkNumber(Map<String, String> env, Setting setting, long min, long max) {
        String v = env.get(setting.variable());
        if (v == null) {
            return;
        }
        try {
            long n = Long.parseLong(v.strip());
            if (n >= min && n <= max) {
                return;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the message
        }
        throw new ConfigProblem(setting.variable() + "='" + v + "' must be a whole number from " + min + " to " + max);
    }

    private static void checkTime(Map<String, String> env, Setting setting) {
        String v = env.get(setting.variable());
        if (v != null && !v.strip().matches("([01][0-9]|2[0-3]):[0-5][0-9]")) {
            throw new ConfigProblem(setting.variable() + "='" + v + "' must be a time of day HH:MM, e.g. 02:30");
        }
    }

    private static void checkDecimal(Map<String, String> env, Setting setting) {
        String v = env.get(setting.variable());
        if (v == null) {
            return;
        }
        try {
            if (Double.parseDouble(v.strip()) > 0) {
                return;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the message
        }
        throw new ConfigProblem(setting.variable() + "='" + v + "' must be a positive number, e.g. 1.0 or 60");
    }

    public Path runtimeDir() {
        return home.resolve("server-config/target/runtime");
    }

    public Path war() {
        return home.resolve("server-config/target/ROOT.war");
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }
}
