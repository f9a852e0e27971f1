package io.queuelens.sources.asterisk.control;

import io.queuelens.sources.asterisk.entity.ConnectionCheck;
import io.queuelens.sources.asterisk.entity.QueueLogMode;
import org.asteriskjava.manager.AuthenticationFailedException;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.internal.ManagerConnectionImpl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * "Test connection": tries what a source's settings point at, each part on its own, and says in one
 * sentence per part what worked or what failed. Reads only (a count and a max id, a file's first
 * bytes, an AMI login and logoff); never stores anything.
 */
public final class SourceConnectionTester {

    /** The settings to try, secrets in plain text (entered in the form, or opened from the vault). */
    public record Target(QueueLogMode mode, String dbUrl, String dbUser, String dbPassword, String queueLogTable,
                         String queueLogFile, String cdrTable, String amiHost, Integer amiPort, String amiUser,
                         String amiSecret) {
        @Override
        public String toString() {
            return "Target[" + mode + "]";
        }
    }

    private SourceConnectionTester() {
    }

    public static List<ConnectionCheck> test(Target t) {
        List<ConnectionCheck> checks = new ArrayList<>();
        if (t.mode() == QueueLogMode.TABLE) {
            checks.add(table(t, "queueLogTable", t.queueLogTable(), true));
            if (t.cdrTable() != null && !t.cdrTable().isBlank()) {
                checks.add(table(t, "cdrTable", t.cdrTable(), false));
            }
        } else {
            checks.add(file(t.queueLogFile()));
        }
        if (t.amiHost() != null && !t.amiHost().isBlank()) {
            checks.add(ami(t));
        }
        return checks;
    }

    private static ConnectionCheck table(Target t, String part, String table, boolean queueLog) {
        if (!table.matches("[A-Za-z_][A-Za-z0-9_]{0,63}")) {
            return new ConnectionCheck(part, false, "not a plain table name: " + table);
        }
        PbxDataSource pbx = new PbxDataSource(t.dbUrl(), t.dbUser(), t.dbPassword());
        try (Connection c = pbx.getConnection()) {
            String sql = queueLog ? "SELECT COUNT(*), MAX(id) FROM " + table : "SELECT COUNT(*) FROM " + table;
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new ConnectionCheck(part, true, "connected to " + pbx.url() + " as " + t.dbUser() + "; table " + table
                        + " has " + rs.getLong(1) + " rows" + (queueLog ? " (last id " + rs.getLong(2) + ")" : ""));
            } catch (SQLException e) {
                return new ConnectionCheck(part, false, "connected to " + pbx.url() + ", but reading table " + table
                        + " failed: " + e.getMessage());
            }
        } catch (SQLException e) {
            return new ConnectionCheck(part, false, "cannot connect to " + pbx.url() + " as " + t.dbUser() + ": " + e.getMessage());
        }
    }

    private static ConnectionCheck file(String raw) {
        Path p = Path.of(raw.strip());
        if (!Files.exists(p)) {
            return new ConnectionCheck("queueLogFile", false, p + " does not exist on this server");
        }
        if (!Files.isRegularFile(p)) {
            return new ConnectionCheck("queueLogFile", false, p + " is not a regular file");
        }
        try (InputStream in = Files.newInputStream(p)) {
            byte[] head = in.readNBytes(512);
            String first = new String(head, java.nio.charset.StandardCharsets.UTF_8).lines().findFirst().orElse("");
            boolean looksRight = first.isEmpty() || first.matches("\\d+(\\.\\d+)?\\|.*");
            return new ConnectionCheck("queueLogFile", looksRight, looksRight
                    ? p + " is readable (" + Files.size(p) + " bytes)"
                    : p + " is readable, but its first line does not look like queue_log (epoch|callid|queue|agent|verb|...)");
        } catch (IOException e) {
            return new ConnectionCheck("queueLogFile", false, p + " cannot be read by the server's user: " + e.getMessage());
        }
    }

    private static ConnectionCheck ami(Target t) {
        int port = t.amiPort() == null ? 5038 : t.amiPort();
        String address = t.amiHost() + ":" + port;
        ManagerConnection c = new ManagerConnectionFactory(t.amiHost(), port, t.amiUser(),
                t.amiSecret() == null ? "" : t.amiSecret()).createManagerConnection();
        if (c instanceof ManagerConnectionImpl impl) {
            impl.setSocketTimeout(5000);
            impl.setDefaultResponseTimeout(5000);
        }
        try {
            c.login();
            return new ConnectionCheck("ami", true, "logged in to AMI at " + address + " as " + t.amiUser());
        } catch (AuthenticationFailedException e) {
            return new ConnectionCheck("amiSecret", false, "the PBX at " + address + " refused the AMI login of '"
                    + t.amiUser() + "': check the user and secret (manager.conf)");
        } catch (IOException | org.asteriskjava.manager.TimeoutException | RuntimeException e) {
            return new ConnectionCheck("amiHost", false, "cannot reach AMI at " + address + ": " + e.getMessage());
        } finally {
            try {
                c.logoff();
            } catch (RuntimeException notLoggedIn) {
                // nothing to log off from
            }
        }
    }
}
