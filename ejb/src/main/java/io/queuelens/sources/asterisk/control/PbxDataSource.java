package io.queuelens.sources.asterisk.control;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The PBX's database (asteriskcdrdb) as a plain, unpooled DataSource: one connection per ingestion
 * step every few seconds is cheap, and a pool per configured PBX would have to be created and
 * destroyed with the configuration. Read-only by intent; connect and read timeouts keep a dead PBX
 * from blocking the reader's thread. {@code jdbc:mariadb://} is accepted and spoken through
 * mysql-connector-j, like the app database.
 */
public final class PbxDataSource implements DataSource {

    static final String DRIVER = "com.mysql.cj.jdbc.Driver";

    private final String url;
    private final String user;
    private final String password;

    public PbxDataSource(String url, String user, String password) {
        this.url = url.startsWith("jdbc:mariadb://") ? "jdbc:mysql://" + url.substring("jdbc:mariadb://".length()) : url;
        this.user = user;
        this.password = password == null ? "" : password;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return getConnection(user, password);
    }

    @Override
    public Connection getConnection(String username, String pw) throws SQLException {
        if (url.startsWith("jdbc:mysql:")) {
            loadDriver();
        }
        Properties props = new Properties();
        props.setProperty("user", username);
        props.setProperty("password", pw);
        props.setProperty("connectTimeout", "5000");
        props.setProperty("socketTimeout", "60000");
        Connection c = DriverManager.getConnection(url, props);
        c.setReadOnly(true);
        return c;
    }

    /**
     * DriverManager may have scanned for drivers before the server's extra libraries were visible;
     * loading the class registers it.
     */
    private static void loadDriver() throws SQLException {
        try {
            Class.forName(DRIVER, true, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            try {
                Class.forName(DRIVER);
            } catch (ClassNotFoundException again) {
                throw new SQLException("the MySQL/MariaDB driver (mysql-connector-j) is not on the server's classpath", again);
            }
        }
    }

    public String url() {
        return url;
    }

    @Override
    public String toString() {
        return "PbxDataSource[" + user + "@" + url + "]";
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // not used
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // connectTimeout is set per connection
    }

    @Override
    public int getLoginTimeout() {
        return 5;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}
