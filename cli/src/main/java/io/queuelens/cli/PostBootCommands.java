package io.queuelens.cli;

import java.util.List;
import java.util.Map;

/**
 * The asadmin commands Payara Micro runs after boot and before deploying the app: the JDBC pool
 * and resource {@code jdbc/queuelens} that the app's persistence unit uses, and Jakarta Batch's job
 * repository in that same database. Payara Server gets the
 * same pool from server-config/src/main/payara-server. The password is a reference to the
 * environment, so it never lands in a file.
 */
final class PostBootCommands {

    static final String POOL = "queuelens-pool";

    private PostBootCommands() {
    }

    /**
     * mysql-connector-j settings the app relies on, for MariaDB and MySQL. rewriteBatchedStatements
     * sends a JDBC batch as multi-row INSERTs, one round trip per batch instead of one per row: the
     * queue rollups, CDRs, deletes and backlog rows are batches (the facts and agent buckets, the bulk of
     * an import, build their multi-row statements themselves: MultiRowInsert, docs/PERFORMANCE.md, import).
     * A value the configured URL already sets wins.
     */
    static final Map<String, String> MYSQL_DRIVER_PROPERTIES = Map.of("rewriteBatchedStatements", "true");

    static List<String> forDatabase(Database db) {
        String properties = String.join(":",
                "URL=" + escape(driverUrl(db)),
                "user=" + escape(db.user()),
                "password=" + escape("${ENV=" + Setting.DB_PASSWORD.variable() + "}"));
        List<String> commands = new java.util.ArrayList<>(List.of(
                "create-jdbc-connection-pool --datasourceclassname " + db.kind().dataSourceClass()
                        + " --restype javax.sql.XADataSource"
                        + " --isconnectvalidatereq true --validationmethod auto-commit"
                        + " --property " + properties + " " + POOL,
                "create-jdbc-resource --connectionpoolid " + POOL + " jdbc/queuelens"));
        // Jakarta Batch's job repository must outlive a restart: by default it is an H2 file under the
        // Payara root folder, which the launcher clears at every start, so a killed job could not be
        // restarted from its checkpoint. Its pools are XA, which chunk steps need.
        if (db.isEmbedded()) {
            // On H2 a file of its own beside the app's: Payara's JBatch looks its tables up by upper-case
            // name, and the app's DATABASE_TO_LOWER=TRUE makes them lower-case, so at the second start it
            // tries to create them again and the batch runtime fails.
            String batchProperties = String.join(":",
                    "URL=" + escape(batchH2Url(db)),
                    "user=" + escape(db.user()),
                    "password=" + escape("${ENV=" + Setting.DB_PASSWORD.variable() + "}"));
            commands.add("create-jdbc-connection-pool --datasourceclassname " + db.kind().dataSourceClass()
                    + " --restype javax.sql.XADataSource --isconnectvalidatereq true --validationmethod auto-commit"
                    + " --property " + batchProperties + " " + BATCH_POOL);
            commands.add("create-jdbc-resource --connectionpoolid " + BATCH_POOL + " " + BATCH_RESOURCE);
            commands.add("set-batch-runtime-configuration --datasourcelookupname " + BATCH_RESOURCE);
        } else {
            // In the app database. Its schema must be named: Payara's JBatch runs "USE <schema>" on every
            // pooled connection it takes, with "test" as the default, which would move the app's own
            // connections into another database.
            commands.add("set-batch-runtime-configuration --datasourcelookupname jdbc/queuelens --schemaname " + batchSchema(db));
        }
        return commands;
    }

    static final String BATCH_POOL = "queuelens-batch-pool";
    static final String BATCH_RESOURCE = "jdbc/queuelens-batch";

    /** H2: the job repository's own file, beside the app's ({@code <path>-jbatch}), with H2's default identifiers. */
    static String batchH2Url(Database db) {
        String url = db.url();
        int options = url.indexOf(';');
        return (options < 0 ? url : url.substring(0, options)) + "-jbatch;LOCK_TIMEOUT=50000";
    }

    /** MySQL/MariaDB: the database the app's tables are in, for Jakarta Batch's job repository. */
    static String batchSchema(Database db) {
        String rest = db.url().substring(db.url().indexOf("//") + 2);
        String path = java.net.URI.create("db://" + rest).getPath();
        return path.substring(1);
    }

    /** The database's URL plus {@link #MYSQL_DRIVER_PROPERTIES} it does not set itself (H2's URL as it is). */
    static String driverUrl(Database db) {
        if (db.isEmbedded()) {
            return db.url();
        }
        StringBuilder url = new StringBuilder(db.url());
        String query = url.indexOf("?") < 0 ? "" : url.substring(url.indexOf("?") + 1);
        for (Map.Entry<String, String> p : new java.util.TreeMap<>(MYSQL_DRIVER_PROPERTIES).entrySet()) {
            boolean set = java.util.Arrays.stream(query.split("&")).anyMatch(kv -> kv.split("=", 2)[0].equalsIgnoreCase(p.getKey()));
            if (!set) {
                url.append(url.indexOf("?") < 0 ? '?' : '&').append(p.getKey()).append('=').append(p.getValue());
            }
        }
        return url.toString();
    }

    /** asadmin property lists split on ':' and '=', and ';' ends a value: escape them in values. */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace(":", "\\:").replace("=", "\\=").replace(";", "\\;");
    }
}
