package io.queuelens.ingest.control;

import io.queuelens.schema.control.DatabaseKind;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The imports running, by tenant, source and name. Two imports of one name would write the same
 * reader's checkpoint and quarantine positions from two streams at once, and a server settling an
 * interrupted import's rollups would clear the backlog of one still running; the second comer is
 * refused instead ({@link AlreadyRunning}).
 * <p>
 * In this server a set says which run. In a cluster the members share the database, so on MariaDB and
 * MySQL the claim is also a named lock there ({@code GET_LOCK}), held by a connection of its own for
 * the import's duration: the database frees it when that connection ends, also when the member holding
 * it is killed, so a dead member's import never blocks its name. H2 serves one server only, where the
 * set is enough.
 */
public final class ImportsInProgress {

    private static final Logger LOG = Logger.getLogger(ImportsInProgress.class.getName());
    private static final Set<String> RUNNING = ConcurrentHashMap.newKeySet();

    private ImportsInProgress() {
    }

    /**
     * Thrown when an import of the same tenant, source and name is still running. An application
     * exception, so the EJB container hands it to the REST resource as it is (a 409) instead of
     * wrapping it as a system failure.
     */
    @jakarta.ejb.ApplicationException
    public static final class AlreadyRunning extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        AlreadyRunning(String tenantId, String sourceId, String name, String where) {
            super("an import of '" + name + "' into " + tenantId + "/" + sourceId
                    + " is still running" + where + "; send the file again when it has finished");
        }
    }

    /** Held for the duration of one import; closing it lets the next import of that name start. */
    public interface Claim extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Claims the name in this server and, on MariaDB/MySQL, in the database shared by the cluster.
     *
     * @throws AlreadyRunning when the same tenant, source and name is being imported now, here or on another member
     * @throws SQLException   when the database cannot be asked; nothing is claimed then
     */
    public static Claim claim(DataSource database, String tenantId, String sourceId, String name) throws SQLException {
        Claim local = claim(tenantId, sourceId, name);
        Connection c = null;
        try {
            c = database.getConnection();
            if (DatabaseKind.of(c) != DatabaseKind.MYSQL) {
                c.close();
                return local;
            }
            String lock = lockName(tenantId, sourceId, name);
            try (PreparedStatement ps = c.prepareStatement("SELECT GET_LOCK(?, 0)")) {
                ps.setString(1, lock);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || rs.getInt(1) != 1) {
                        throw new AlreadyRunning(tenantId, sourceId, name, " on another server");
                    }
                }
            }
            return new DatabaseClaim(c, lock, local);
        } catch (SQLException | RuntimeException e) {
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException closing) {
                    e.addSuppressed(closing);
                }
            }
            local.close();
            throw e;
        }
    }

    /** The claim in this server only (H2, tests). @throws AlreadyRunning when the name is being imported here */
    static Claim claim(String tenantId, String sourceId, String name) {
        String key = key(tenantId, sourceId, name);
        if (!RUNNING.add(key)) {
            throw new AlreadyRunning(tenantId, sourceId, name, "");
        }
        return () -> RUNNING.remove(key);
    }

    private static String key(String tenantId, String sourceId, String name) {
        return tenantId + "\u0000" + sourceId + "\u0000" + name;
    }

    /** MySQL refuses lock names over 64 characters: a digest of the key keeps any name under it. */
    static String lockName(String tenantId, String sourceId, String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key(tenantId, sourceId, name).getBytes(StandardCharsets.UTF_8));
            return "queuelens-import-" + HexFormat.of().formatHex(digest, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * The named lock and the connection holding it; the connection goes back to its pool only once the
     * lock is released. Closing twice is harmless.
     */
    private static final class DatabaseClaim implements Claim {
        private final Connection connection;
        private final String lock;
        private final Claim local;
        private boolean closed;

        DatabaseClaim(Connection connection, String lock, Claim local) {
            this.connection = connection;
            this.lock = lock;
            this.local = local;
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            try (PreparedStatement ps = connection.prepareStatement("SELECT RELEASE_LOCK(?)")) {
                ps.setString(1, lock);
                ps.executeQuery().close();
                connection.close();
            } catch (SQLException e) {
                // a pooled connection still holding the lock would keep the name claimed: end it instead
                LOG.log(Level.WARNING, "Releasing the import lock " + lock + " failed; its connection is closed for good", e);
                try {
                    connection.abort(Runnable::run);
                } catch (SQLException aborting) {
                    LOG.log(Level.WARNING, "Aborting the connection of import lock " + lock + " failed", aborting);
                }
            } finally {
                local.close();
            }
        }
    }
}
