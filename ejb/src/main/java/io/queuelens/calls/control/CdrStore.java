package io.queuelens.calls.control;

import io.queuelens.calls.entity.CdrRecord;
import io.queuelens.schema.control.UtcColumns;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Writes CDR facts with JDBC batches inside the caller's transaction, as upserts on the natural key:
 * reading the same cdr rows again (the reader's look-back overlap, a replay after a crash) leaves the
 * same rows. The link columns (queue, agent, visit_call_id) belong to {@link VisitCdrLinks} and are
 * never overwritten here.
 */
public final class CdrStore {

    static final String UPSERT = """
            INSERT INTO cdr_record (tenant_id, source_id, natural_key, calldate, calldate_local, clid, src, dst, did,
                caller_name, dcontext, channel, dstchannel, lastapp, lastdata, duration, billsec, disposition,
                accountcode, userfield, uniqueid, linkedid, sequence, recording_file, ingested_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON DUPLICATE KEY UPDATE calldate = VALUES(calldate), calldate_local = VALUES(calldate_local),
                clid = VALUES(clid), src = VALUES(src), dst = VALUES(dst), did = VALUES(did),
                caller_name = VALUES(caller_name), dcontext = VALUES(dcontext), channel = VALUES(channel),
                dstchannel = VALUES(dstchannel), lastapp = VALUES(lastapp), lastdata = VALUES(lastdata),
                duration = VALUES(duration), billsec = VALUES(billsec), disposition = VALUES(disposition),
                accountcode = VALUES(accountcode), userfield = VALUES(userfield), uniqueid = VALUES(uniqueid),
                linkedid = VALUES(linkedid), sequence = VALUES(sequence), recording_file = VALUES(recording_file)""";

    private CdrStore() {
    }

    public static void upsert(Connection c, Collection<CdrRecord> records) throws SQLException {
        LocalDateTime now = UtcColumns.of(Instant.now());
        try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
            for (CdrRecord r : records) {
                int i = 1;
                ps.setString(i++, r.tenantId());
                ps.setString(i++, r.sourceId());
                ps.setString(i++, clip(r.naturalKey(), 200));
                ps.setObject(i++, UtcColumns.of(r.calldate()));
                ps.setObject(i++, r.calldateLocal());
                ps.setString(i++, clip(r.clid(), 160));
                ps.setString(i++, clip(r.src(), 80));
                ps.setString(i++, clip(r.dst(), 80));
                ps.setString(i++, clip(r.did(), 80));
                ps.setString(i++, clip(r.callerName(), 128));
                ps.setString(i++, clip(r.dcontext(), 80));
                ps.setString(i++, clip(r.channel(), 160));
                ps.setString(i++, clip(r.dstchannel(), 160));
                ps.setString(i++, clip(r.lastapp(), 80));
                ps.setString(i++, clip(r.lastdata(), 255));
                ps.setInt(i++, r.duration());
                ps.setInt(i++, r.billsec());
                ps.setString(i++, clip(r.disposition(), 45));
                ps.setString(i++, clip(r.accountcode(), 80));
                ps.setString(i++, clip(r.userfield(), 255));
                ps.setString(i++, clip(r.uniqueid(), 150));
                ps.setString(i++, clip(r.linkedid(), 150));
                if (r.sequence() == null) {
                    ps.setNull(i++, Types.INTEGER);
                } else {
                    ps.setInt(i++, r.sequence());
                }
                ps.setString(i++, clip(r.recordingFile(), 255));
                ps.setObject(i, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Natural keys of this source's CDRs that started at or after {@code from} (the reader skips them). */
    public static Set<String> keysSince(Connection c, String tenantId, String sourceId, Instant from) throws SQLException {
        Set<String> keys = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT natural_key FROM cdr_record WHERE tenant_id = ? AND source_id = ? AND calldate >= ?")) {
            ps.setString(1, tenantId);
            ps.setString(2, sourceId);
            ps.setObject(3, UtcColumns.of(from));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
            }
        }
        return keys;
    }

    /**
     * Call ids (uniqueid and linkedid) of the not yet linked CDRs stored since {@code storedSince} of calls
     * that started since {@code calledSince}: what a link sweep revisits. Both bounds keep it small: only
     * live calls can race with their visit, and a CDR without a visit (an outbound call) is only retried
     * for a while.
     */
    public static Set<String> unlinkedCallIds(Connection c, String tenantId, String sourceId, Instant storedSince,
                                              Instant calledSince) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT uniqueid, linkedid FROM cdr_record "
                + "WHERE tenant_id = ? AND source_id = ? AND ingested_at >= ? AND calldate >= ? AND visit_call_id IS NULL")) {
            ps.setString(1, tenantId);
            ps.setString(2, sourceId);
            ps.setObject(3, UtcColumns.of(storedSince));
            ps.setObject(4, UtcColumns.of(calledSince));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                    String linked = rs.getString(2);
                    if (linked != null && !linked.isEmpty()) {
                        ids.add(linked);
                    }
                }
            }
        }
        return ids;
    }

    static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
