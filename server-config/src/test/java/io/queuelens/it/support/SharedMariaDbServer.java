package io.queuelens.it.support;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.nio.file.Path;
import java.util.Map;

/**
 * One QueueLens server on a throwaway MariaDB database, shared by every IT class that asks for it
 * (starting Payara takes tens of seconds), stopped and dropped when the whole run ends.
 * Test classes declare {@code @ExtendWith(SharedMariaDbServer.class)} and take a {@link Deployment}.
 */
public final class SharedMariaDbServer implements ParameterResolver {

    /** The server-admin REST token the shared server is started with. */
    public static final String API_TOKEN = "it-" + java.util.UUID.randomUUID();
    /** The shared server's JSON log file (QUEUELENS_LOG_FILE; FileHandler appends .0 for the current file). */
    public static final Path JSON_LOG = Path.of(System.getProperty("queuelens.it.dir", "target/it"))
            .toAbsolutePath().resolve("ops-log").resolve("queuelens.log");

    /** Map.of for more than ten settings. */
    private static Map<String, String> settings(String... keysAndValues) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    /** The running server and the database it writes to. */
    public record Deployment(RunningServer server, ThrowawayMariaDb database) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws Throwable {
            try {
                server.close();
            } finally {
                database.close();
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == Deployment.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        return e.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Deployment.class, k -> start(), Deployment.class);
    }

    private static Deployment start() {
        try {
            ThrowawayMariaDb db = ThrowawayMariaDb.create("ql_it");
            try {
                RunningServer server = RunningServer.start("mariadb", settings(
                        "QUEUELENS_DB_URL", db.queuelensUrl(),
                        "QUEUELENS_DB_USER", ThrowawayMariaDb.USER,
                        "QUEUELENS_DEMO_BACKFILL_DAYS", "2",
                        "QUEUELENS_API_TOKEN", API_TOKEN,
                        "QUEUELENS_DEMO_EVENT_RATE", "100", // calls flow at any hour of the day
                        // MailIT watches a mail fail, be retried and go out: seconds, not the default 15 s / 30 s
                        "QUEUELENS_MAIL_POLL_SECONDS", "2",
                        "QUEUELENS_MAIL_RETRY_BASE_SECONDS", "2",
                        "QUEUELENS_MAIL_RETRY_MAX_BACKOFF_SECONDS", "4",
                        // SubscriptionsIT: a summary's XLSX (a few KB) is attached, with its PDF (chart) it is linked
                        "QUEUELENS_SUBSCRIPTIONS_ATTACH_MAX_MB", "0.015",
                        // where SourcesPageBrowserIT puts the queue_log of its FILE source (beside the data folder)
                        "QUEUELENS_SOURCES_FILE_ROOTS", Path.of(System.getProperty("queuelens.it.dir", "target/it"))
                                .toAbsolutePath().resolve("pbx-files").toString(),
                        // OperationsApiIT reads this JSON log (the server's own server.log stays as it is)
                        "QUEUELENS_LOG_FORMAT", "json",
                        // GenesysResilienceIT: a silent notification socket is replaced after 10 s, not the default 90 s
                        "QUEUELENS_GENESYS_LIVE_HEARTBEAT_TIMEOUT_SECONDS", "10",
                        "QUEUELENS_LOG_FILE", JSON_LOG.toString()));
                return new Deployment(server, db);
            } catch (Exception e) {
                db.close();
                throw e;
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not start QueueLens on MariaDB", e);
        }
    }
}
