package io.queuelens.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/**
 * {@code ./queuelens}: the operator's command line. Every command prints one clear sentence and exits
 * non-zero when something is wrong, never a bare stack trace.
 */
public final class Main {

    static final String USAGE = """
            QueueLens operator commands

              ./queuelens run            build if needed, start QueueLens (Payara Micro) and print the URL
                                         and the first-login credentials; Ctrl-C stops it
              ./queuelens run --cluster  the same as one member of a cluster of servers sharing the
                                         MariaDB/MySQL database (QUEUELENS_CLUSTER_* settings)
              ./queuelens check-config   check the settings (environment variables) without starting
              ./queuelens import-queue-log --tenant T [--source S] [--url URL] FILE
                                         send a queue_log file to the running server (QUEUELENS_API_TOKEN)
              ./queuelens rotate-key [--url URL]
                                         replace the vault key of the running server and re-encrypt every
                                         stored secret under the new one (QUEUELENS_API_TOKEN)
              ./queuelens help           this text
              ./queuelens help config    every setting with its default

            Tests: mvn -B verify
            """;

    private Main() {
    }

    public static void main(String[] args) {
        int code;
        try {
            code = run(args, System.getenv(), System.out, System.err);
        } catch (ConfigProblem e) {
            System.err.println("queuelens: " + e.getMessage());
            code = 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            code = 130;
        } catch (IOException e) {
            System.err.println("queuelens: " + e);
            code = 1;
        }
        System.exit(code);
    }

    /** The CLI without System.exit: what main runs, and what tests and other tools call. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err)
            throws IOException, InterruptedException {
        String command = args.length == 0 ? "help" : args[0];
        Path home = Path.of(env.getOrDefault(Setting.HOME.variable(), ".")).toAbsolutePath().normalize();
        switch (command) {
            case "run" -> {
                return runServer(LaunchConfig.from(withFlags(args, env), home), out, err);
            }
            case "check-config" -> {
                LaunchConfig config = LaunchConfig.from(withFlags(args, env), home);
                config.warnings().forEach(w -> err.println("queuelens: " + w));
                config.checkEnvironment();
                out.println("Settings are fine: port " + config.port() + ", data " + config.dataDir()
                        + ", database " + config.database().kind()
                        + (config.cluster().enabled() ? ", cluster " + config.cluster().name() : ""));
                return 0;
            }
            case "import-queue-log" -> {
                return ImportQueueLogCommand.run(Arrays.asList(args).subList(1, args.length), env, out, err);
            }
            case "rotate-key" -> {
                return RotateKeyCommand.run(Arrays.asList(args).subList(1, args.length), env, out, err);
            }
            case "help", "--help", "-h" -> {
                out.print(args.length > 1 && args[1].equals("config") ? settingsTable() : USAGE);
                return 0;
            }
            default -> {
                err.println("queuelens: unknown command '" + command + "'");
                err.print(USAGE);
                return 2;
            }
        }
    }

    /**
     * The environment with the command's flags applied: {@code --cluster} is the same as
     * QUEUELENS_CLUSTER_ENABLED=true, so the launcher and the server read one setting.
     */
    static Map<String, String> withFlags(String[] args, Map<String, String> env) {
        Map<String, String> effective = new java.util.HashMap<>(env);
        for (String flag : Arrays.asList(args).subList(1, args.length)) {
            if (flag.equals("--cluster")) {
                effective.put(Setting.CLUSTER_ENABLED.variable(), "true");
            } else {
                throw new ConfigProblem("Unknown option '" + flag + "' for " + args[0] + "; the only one is --cluster");
            }
        }
        return effective;
    }

    private static int runServer(LaunchConfig config, PrintStream out, PrintStream err)
            throws IOException, InterruptedException {
        config.warnings().forEach(w -> err.println("queuelens: " + w));
        out.println("Starting QueueLens on " + config.baseUrl() + " (data in " + config.dataDir() + ", database "
                + config.database().kind() + (config.cluster().enabled() ? ", cluster " + config.cluster().name() : "")
                + ") ...");
        PayaraMicroLauncher server = PayaraMicroLauncher.start(config, PayaraMicroLauncher.console(out));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "queuelens-stop"));
        try {
            server.awaitReady(Duration.ofMinutes(5));
            out.println(readyBanner(config));
        } catch (IllegalStateException e) {
            err.println("queuelens: the server did not become ready: " + e.getMessage());
            if (!server.isAlive()) {
                return 1;
            }
        }
        return server.waitFor();
    }

    static String readyBanner(LaunchConfig config) throws IOException {
        Path passwordFile = config.dataDir().resolve("initial-admin-password");
        String login = Files.isRegularFile(passwordFile)
                ? "First login: user 'admin', password '" + Files.readString(passwordFile).strip()
                  + "' (you will be asked to choose a new one)"
                : "Log in with your QueueLens account.";
        return """

                ==================================================================
                  QueueLens is ready:  %s
                  %s
                  Health: %s/health/ready   Stop: Ctrl-C
                ==================================================================
                """.formatted(config.baseUrl(), login, config.baseUrl());
    }

    static String settingsTable() {
        StringBuilder sb = new StringBuilder("Settings (environment variables):\n\n");
        Arrays.stream(Setting.values()).forEach(s -> sb.append(String.format("  %-32s default %s%n  %-32s %s%n%n",
                s.variable(), s.defaultValue(), "", s.description())));
        return sb.toString();
    }
}
