package io.queuelens.cli;

import java.net.URI;
import java.nio.file.Path;

/**
 * The app database as the launcher sees it: which JDBC data source class the server pool uses, the
 * URL that class understands, and where to probe that the server is reachable before starting.
 */
public record Database(Kind kind, String url, String user, String host, int port) {

    public enum Kind {
        H2("org.h2.jdbcx.JdbcDataSource"),
        MARIADB("com.mysql.cj.jdbc.MysqlXADataSource"),
        MYSQL("com.mysql.cj.jdbc.MysqlXADataSource");

        /** XA classes: Jakarta Batch chunk steps fail on a non-XA MariaDB pool. */
        final String dataSourceClass;

        Kind(String dataSourceClass) {
            this.dataSourceClass = dataSourceClass;
        }

        public String dataSourceClass() {
            return dataSourceClass;
        }
    }

    // LOCK_TIMEOUT like InnoDB's 50 s: rollup writers of a tenant queue behind each other (RollupLock), H2's 1 s default would fail them
    static final String H2_OPTIONS = ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=50000";

    /** The embedded default: an H2 file in the data folder. */
    static Database embedded(Path dataDir) {
        return new Database(Kind.H2, "jdbc:h2:file:" + dataDir.resolve("db").resolve("queuelens") + H2_OPTIONS, "sa", null, 0);
    }

    static Database parse(String url, String user) {
        if (url.startsWith("jdbc:h2:")) {
            String withOptions = url.contains("MODE=") ? url : url + H2_OPTIONS;
            return new Database(Kind.H2, withOptions, user == null ? "sa" : user, null, 0);
        }
        Kind kind;
        String rest;
        if (url.startsWith("jdbc:mariadb://")) {
            kind = Kind.MARIADB;
            rest = url.substring("jdbc:mariadb://".length());
        } else if (url.startsWith("jdbc:mysql://")) {
            kind = Kind.MYSQL;
            rest = url.substring("jdbc:mysql://".length());
        } else {
            throw new ConfigProblem("QUEUELENS_DB_URL '" + url + "' is not supported; use jdbc:h2:file:PATH, "
                    + "jdbc:mariadb://HOST:PORT/DATABASE or jdbc:mysql://HOST:PORT/DATABASE");
        }
        URI uri = URI.create("db://" + rest);
        if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
            throw new ConfigProblem("QUEUELENS_DB_URL '" + url + "' needs a host and a database name, "
                    + "e.g. jdbc:mariadb://127.0.0.1:3306/queuelens");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : 3306;
        // MariaDB is reached through mysql-connector-j, which speaks to both.
        String driverUrl = "jdbc:mysql://" + rest;
        return new Database(kind, driverUrl, user == null ? "root" : user, uri.getHost(), port);
    }

    boolean isEmbedded() {
        return kind == Kind.H2;
    }
}
