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
     * fact and rollup writers of an import are all batches (docs/PERFORMANCE.md, import). A value the
     * configured URL already sets wins.
     */
    static final Map<String, String> MYSQL_DRIVER_PROPERTIES = Map.of("rewriteBatchedStatements", "true");

    static List<String> forDatabase(Database db) {
        String properties = String.join(":",
                "URL=" + escape(driverUrl(db)),
                "user=" + escape(db.user()),
                "password=" + escape("${ENV=" + Setting.DB_PASSWORD.variable() + "}"));
        return List.of(
                "create-jdbc-connection-pool --datasourceclassname " + db.kind().dataSourceClass()
                        + " --restype javax.sql.XADataSource"
                        + " --isconnectvalidatereq true --validationmethod auto-commit"
                        + " --property " + properties + " " + POOL,
                "create-jdbc-resource --connectionpoolid " + POOL + " jdbc/queuelens",
                // Jakarta Batch's job repository in the app database: by default it is an H2 file under
                // the Payara root folder, which the launcher clears at every start, so a killed job could
                // not be restarted from its checkpoint. The pool is XA, which chunk steps need.
                // Its schema must be named: Payara's JBatch runs "USE <schema>" (MySQL) or "SET SCHEMA" (H2) on
                // every pooled connection it takes, with "test" as the MySQL default, which would move the
                // app's own connections into another database.
                "set-batch-runtime-configuration --datasourcelookupname jdbc/queuelens --schemaname " + batchSchema(db));
    }

    /** The schema (MySQL/MariaDB: database) the app's tables are in, for Jakarta Batch's job repository. */
    static String batchSchema(Database db) {
        if (db.isEmbedded()) {
            return db.url().toUpperCase(java.util.Locale.ROOT).contains("DATABASE_TO_LOWER=TRUE") ? "public" : "PUBLIC";
        }
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
