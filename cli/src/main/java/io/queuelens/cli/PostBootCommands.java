package io.queuelens.cli;

import java.util.List;

/**
 * The asadmin commands Payara Micro runs after boot and before deploying the app: the JDBC pool
 * and resource {@code jdbc/queuelens} that the app's persistence unit uses. Payara Server gets the
 * same pool from server-config/src/main/payara-server. The password is a reference to the
 * environment, so it never lands in a file.
 */
final class PostBootCommands {

    static final String POOL = "queuelens-pool";

    private PostBootCommands() {
    }

    static List<String> forDatabase(Database db) {
        String properties = String.join(":",
                "URL=" + escape(db.url()),
                "user=" + escape(db.user()),
                "password=" + escape("${ENV=" + Setting.DB_PASSWORD.variable() + "}"));
        return List.of(
                "create-jdbc-connection-pool --datasourceclassname " + db.kind().dataSourceClass()
                        + " --restype javax.sql.XADataSource"
                        + " --isconnectvalidatereq true --validationmethod auto-commit"
                        + " --property " + properties + " " + POOL,
                "create-jdbc-resource --connectionpoolid " + POOL + " jdbc/queuelens");
    }

    /** asadmin property lists split on ':' and '=', and ';' ends a value: escape them in values. */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace(":", "\\:").replace("=", "\\=").replace(";", "\\;");
    }
}
