package io.queuelens.sources.demo.control;

import io.queuelens.schema.control.LocalTransaction;
import io.queuelens.sources.demo.entity.CdrRow;
import io.queuelens.sources.demo.entity.QueueLogRow;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes the simulated PBX's history into {@code demo_queue_log} (Asterisk's realtime queue_log
 * layout) and {@code demo_cdr} (FreePBX's cdr layout) with plain JDBC. Rows are buffered and written by
 * {@link #flush()} in one transaction with batch inserts, so a restart sees whole flushes only.
 * <p>
 * Times are written as local date-times of the PBX's zone, as Asterisk does unless
 * {@code queue_log_realtime_use_gmt=yes} (and as FreePBX's cdr always does).
 */
public final class PbxTableWriter {

    static final String INSERT_QUEUE_LOG = "INSERT INTO demo_queue_log (time, callid, queuename, agent, event, "
            + "data1, data2, data3, data4, data5) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String INSERT_CDR = "INSERT INTO demo_cdr (calldate, clid, src, dst, dcontext, channel, dstchannel, "
            + "lastapp, lastdata, duration, billsec, disposition, amaflags, accountcode, uniqueid, userfield, did, "
            + "recordingfile, cnum, cnam, outbound_cnum, outbound_cnam, dst_cnam, linkedid, peeraccount, sequence) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final int BATCH = 1000;

    private final DataSource dataSource;
    private final ZoneId zone;
    private final List<QueueLogRow> queueLog = new ArrayList<>();
    private final List<CdrRow> cdr = new ArrayList<>();
    private long queueLogWritten;
    private long cdrWritten;

    public PbxTableWriter(DataSource dataSource, ZoneId zone) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    public synchronized void add(QueueLogRow row) {
        queueLog.add(row);
    }

    public synchronized void add(CdrRow row) {
        cdr.add(row);
    }

    public synchronized int pending() {
        return queueLog.size() + cdr.size();
    }

    /** Writes everything buffered in one transaction; on failure the rows stay buffered. */
    public synchronized int flush() throws SQLException {
        if (queueLog.isEmpty() && cdr.isEmpty()) {
            return 0;
        }
        LocalTransaction.run(dataSource, con -> {
            insertQueueLog(con);
            insertCdr(con);
        });
        int written = queueLog.size() + cdr.size();
        queueLogWritten += queueLog.size();
        cdrWritten += cdr.size();
        queueLog.clear();
        cdr.clear();
        return written;
    }

    private void insertQueueLog(Connection con) throws SQLException {
        if (queueLog.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = con.prepareStatement(INSERT_QUEUE_LOG)) {
            int n = 0;
            for (QueueLogRow r : queueLog) {
                ps.setObject(1, local(r.time()));
                ps.setString(2, r.callid());
                ps.setString(3, r.queue());
                ps.setString(4, r.agent());
                ps.setString(5, r.event());
                for (int i = 1; i <= 5; i++) {
                    ps.setString(5 + i, r.dataColumn(i));
                }
                ps.addBatch();
                if (++n % BATCH == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
    }

    private void insertCdr(Connection con) throws SQLException {
        if (cdr.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = con.prepareStatement(INSERT_CDR)) {
            int n = 0;
            for (CdrRow r : cdr) {
                ps.setObject(1, local(r.calldate()).withNano(0));
                ps.setString(2, r.clid());
                ps.setString(3, r.src());
                ps.setString(4, r.dst());
                ps.setString(5, r.dcontext());
                ps.setString(6, r.channel());
                ps.setString(7, r.dstchannel());
                ps.setString(8, r.lastapp());
                ps.setString(9, r.lastdata());
                ps.setInt(10, r.duration());
                ps.setInt(11, r.billsec());
                ps.setString(12, r.disposition());
                ps.setInt(13, r.amaflags());
                ps.setString(14, r.accountcode());
                ps.setString(15, r.uniqueid());
                ps.setString(16, r.userfield());
                ps.setString(17, r.did());
                ps.setString(18, r.recordingfile());
                ps.setString(19, r.cnum());
                ps.setString(20, r.cnam());
                ps.setString(21, r.outboundCnum());
                ps.setString(22, r.outboundCnam());
                ps.setString(23, r.dstCnam());
                ps.setString(24, r.linkedid());
                ps.setString(25, r.peeraccount());
                ps.setInt(26, r.sequence());
                ps.addBatch();
                if (++n % BATCH == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
    }

    private LocalDateTime local(Instant instant) {
        return LocalDateTime.ofInstant(instant, zone);
    }

    /**
     * The time of the newest queue_log row, or empty for an empty table. An ambiguous local time (the
     * hour repeated when daylight saving ends) is read as the later instant, so resuming never repeats rows.
     */
    public Optional<Instant> lastQueueLogTime() throws SQLException {
        try (Connection con = dataSource.getConnection();
             Statement st = con.createStatement();
             ResultSet rs = st.executeQuery("SELECT MAX(time) FROM demo_queue_log")) {
            if (rs.next()) {
                // LocalDateTime, not Timestamp: no detour through the JVM's default time zone
                LocalDateTime t = rs.getObject(1, LocalDateTime.class);
                if (t != null) {
                    return Optional.of(t.atZone(zone).withLaterOffsetAtOverlap().toInstant());
                }
            }
            return Optional.empty();
        }
    }

    public synchronized long queueLogWritten() {
        return queueLogWritten;
    }

    public synchronized long cdrWritten() {
        return cdrWritten;
    }
}
