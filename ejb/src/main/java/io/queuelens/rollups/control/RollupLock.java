package io.queuelens.rollups.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Serializes the transactions that recompute a tenant's buckets of one rollup table ({@code rollup_lock},
 * V11). Taken after a transaction's own facts are written and before it reads any fact for the
 * recomputation, and held to its commit: a recomputation then reads every fact committed by the
 * writer before it (its snapshot starts after the lock), and the writer after it reads this one's.
 */
public enum RollupLock {
    QUEUE, AGENT;

    /** Blocks until this transaction holds the tenant's lock of this kind (released at commit or rollback). */
    public void acquire(Connection c, String tenantId) throws SQLException {
        if (c.getAutoCommit()) {
            throw new IllegalStateException("a rollup lock is held to the end of a transaction; auto-commit is on");
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO rollup_lock (tenant_id, kind) VALUES (?, ?) ON DUPLICATE KEY UPDATE kind = VALUES(kind)")) {
            ps.setString(1, tenantId);
            ps.setString(2, name());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT kind FROM rollup_lock WHERE tenant_id = ? AND kind = ? FOR UPDATE")) {
            ps.setString(1, tenantId);
            ps.setString(2, name());
            ps.executeQuery().close();
        }
    }
}
