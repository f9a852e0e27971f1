package io.queuelens.ingest.control;

import io.queuelens.calls.control.AssemblerSettings;
import io.queuelens.calls.control.FactBatch;
import io.queuelens.calls.control.QueueLogParser;
import io.queuelens.calls.control.VisitAssembler;
import io.queuelens.calls.entity.Checkpoint;
import io.queuelens.calls.entity.ParsedLine;
import io.queuelens.calls.entity.QueueLogEvent;
import io.queuelens.rollups.control.QueueRollupRefresher;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.regex.Pattern;

/**
 * Reads an Asterisk realtime {@code queue_log} table incrementally by id (both layouts: data1..data5,
 * or the older single {@code data} column) and turns it into facts. Each {@link #step} reads at most
 * a batch of rows after the checkpoint and commits facts, rollups and the new checkpoint together.
 * Not thread-safe: one instance per source, driven by one timer.
 */
public final class QueueLogTableIngestion {

    public static final String READER = "queue_log_table";
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    private final String tenantId;
    private final String sourceId;
    private final String table;
    private final DataSource pbx;
    private final ZoneId pbxZone;
    private final FactCommitter committer;
    private final FactBatch batch = new FactBatch();

    private VisitAssembler assembler;
    private QueueLogParser parser;
    private long position;
    private Boolean singleDataColumn;

    /**
     * @param pbx     the PBX database holding the table (for the demo: the app database)
     * @param pbxZone the zone the PBX writes {@code time} in (its local zone, or UTC with queue_log_realtime_use_gmt)
     */
    public QueueLogTableIngestion(String tenantId, String sourceId, DataSource pbx, String table, ZoneId pbxZone,
                                  DataSource app, QueueRollupRefresher rollups) {
        if (!TABLE_NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("not a plain table name: " + table);
        }
        this.tenantId = tenantId;
        this.sourceId = sourceId;
        this.table = table;
        this.pbx = pbx;
        this.pbxZone = pbxZone;
        this.committer = new FactCommitter(app, tenantId, sourceId, READER, rollups);
    }

    /** Reads and stores up to {@code maxRows} new rows. On failure nothing is stored and the next step retries. */
    public IngestResult step(int maxRows) throws SQLException {
        if (assembler == null) {
            resume();
        }
        long read = 0;
        long last = position;
        Instant lastTime = null;
        try (Connection c = pbx.getConnection()) {
            boolean legacy = singleDataColumn(c);
            String columns = legacy ? "id, time, callid, queuename, agent, event, data"
                    : "id, time, callid, queuename, agent, event, data1, data2, data3, data4, data5";
            try (PreparedStatement ps = c.prepareStatement("SELECT " + columns + " FROM " + table
                    + " WHERE id > ? ORDER BY id LIMIT ?")) {
                ps.setLong(1, position);
                ps.setInt(2, maxRows);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        last = rs.getLong(1);
                        LocalDateTime time = rs.getObject(2, LocalDateTime.class);
                        ParsedLine line = legacy
                                ? parser.parseLegacyRow(last, time, rs.getString(3), rs.getString(4), rs.getString(5),
                                rs.getString(6), rs.getString(7))
                                : parser.parseRow(last, time, rs.getString(3), rs.getString(4), rs.getString(5),
                                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                                rs.getString(11));
                        if (line instanceof QueueLogEvent e) {
                            lastTime = e.time();
                        }
                        assembler.accept(line);
                        read++;
                    }
                }
            }
        }
        boolean caughtUp = read < maxRows;
        if (caughtUp && lastTime != null) {
            assembler.advanceTo(lastTime); // releases exited visits whose overflow window has passed
        }
        if (read == 0 && batch.isEmpty()) {
            return IngestResult.NONE;
        }
        long visits = batch.visits().size();
        long quarantined = batch.rejected().size();
        try {
            int buckets = committer.commit(batch, assembler.openVisits(),
                    new Checkpoint(TablePosition.format(last, parser.latestTableTime()), assembler.snapshot()),
                    "table:" + table + ":");
            position = last;
            return new IngestResult(read, visits, quarantined, buckets, caughtUp);
        } catch (SQLException | RuntimeException e) {
            assembler = null; // the next step resumes from the last committed checkpoint
            throw e;
        } finally {
            batch.clear();
        }
    }

    private void resume() throws SQLException {
        Checkpoint checkpoint = committer.lastCheckpoint().orElse(Checkpoint.START);
        TablePosition at = TablePosition.parse(checkpoint.position());
        position = at.rowId();
        parser = new QueueLogParser(pbxZone);
        if (at.latestTime() != null) {
            parser.resumeTableTimes(at.latestTime());
        }
        assembler = VisitAssembler.restore(tenantId, sourceId, batch, AssemblerSettings.DEFAULTS, checkpoint.state());
        batch.clear();
    }

    private boolean singleDataColumn(Connection c) throws SQLException {
        if (singleDataColumn == null) {
            DatabaseMetaData md = c.getMetaData();
            boolean hasData1 = false;
            for (String candidate : new String[]{table, table.toUpperCase(), table.toLowerCase()}) {
                try (ResultSet rs = md.getColumns(c.getCatalog(), null, candidate, null)) {
                    while (rs.next()) {
                        hasData1 |= rs.getString("COLUMN_NAME").equalsIgnoreCase("data1");
                    }
                }
            }
            singleDataColumn = !hasData1;
        }
        return singleDataColumn;
    }

    public long position() {
        return position;
    }
}
