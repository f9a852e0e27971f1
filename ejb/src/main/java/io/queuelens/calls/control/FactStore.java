package io.queuelens.calls.control;

import io.queuelens.schema.control.InList;
import io.queuelens.schema.control.MultiRowInsert;
import io.queuelens.schema.control.UtcColumns;
import io.queuelens.calls.entity.AgentPause;
import io.queuelens.calls.entity.AgentSession;
import io.queuelens.calls.entity.Outcome;
import io.queuelens.calls.entity.QueueLogEvent;
import io.queuelens.calls.entity.QueueVisit;
import io.queuelens.calls.entity.Rejected;
import io.queuelens.calls.entity.RingNoAnswer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Writes facts with plain JDBC batches inside the caller's transaction. Every statement is an upsert
 * on the fact's natural key, so writing the same facts again (a re-import, a replay after a crash)
 * leaves exactly the same rows. Times are stored as UTC wall times ({@code DATETIME}).
 */
public final class FactStore {

    // caller_name and did keep what the CDR link filled in when the queue_log has none (COALESCE)
    static final String INSERT_VISIT = """
            INSERT INTO queue_visit (tenant_id, source_id, call_id, visit_seq, queue, caller_number, caller_name, did,
                entered_at, connected_at, ended_at, outcome, wait_s, ring_s, talk_s, hold_s, agent, transferred,
                transfer_target, completed_by, exit_key, original_position, ring_no_answers, next_queue) VALUES""";
    static final int VISIT_COLUMNS = 24;
    static final String ON_DUPLICATE_VISIT = """
            ON DUPLICATE KEY UPDATE queue = VALUES(queue), caller_number = VALUES(caller_number),
                caller_name = COALESCE(VALUES(caller_name), caller_name), did = COALESCE(VALUES(did), did), entered_at = VALUES(entered_at),
                connected_at = VALUES(connected_at), ended_at = VALUES(ended_at), outcome = VALUES(outcome),
                wait_s = VALUES(wait_s), ring_s = VALUES(ring_s), talk_s = VALUES(talk_s), hold_s = VALUES(hold_s),
                agent = VALUES(agent), transferred = VALUES(transferred), transfer_target = VALUES(transfer_target),
                completed_by = VALUES(completed_by), exit_key = VALUES(exit_key),
                original_position = VALUES(original_position), ring_no_answers = VALUES(ring_no_answers),
                next_queue = VALUES(next_queue)""";
    static final String INSERT_SESSION = "INSERT INTO agent_session (tenant_id, source_id, agent, queue, login_at, logout_at) VALUES";
    static final String ON_DUPLICATE_SESSION = "ON DUPLICATE KEY UPDATE logout_at = VALUES(logout_at)";
    static final String INSERT_PAUSE = "INSERT INTO agent_pause (tenant_id, source_id, agent, queue, reason, start_at, end_at) VALUES";
    static final String ON_DUPLICATE_PAUSE = "ON DUPLICATE KEY UPDATE reason = VALUES(reason), end_at = VALUES(end_at)";
    static final String INSERT_RING = "INSERT INTO ring_no_answer (tenant_id, source_id, call_id, visit_seq, queue, agent, rang_at, ring_ms) VALUES";
    static final String ON_DUPLICATE_RING = "ON DUPLICATE KEY UPDATE ring_ms = VALUES(ring_ms)";
    static final String UPSERT_RAW = """
            INSERT INTO raw_event (tenant_id, source_id, position, event_time, call_id, queue, agent, verb, data)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE verb = VALUES(verb)""";
    static final String UPSERT_QUARANTINE = """
            INSERT INTO quarantined_input (tenant_id, source_id, position, raw_input, reason, received_at)
            VALUES (?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE reason = VALUES(reason)""";

    private final String tenantId;
    private final String sourceId;

    public FactStore(String tenantId, String sourceId) {
        this.tenantId = tenantId;
        this.sourceId = sourceId;
    }

    /**
     * Writes a batch plus the visits still in progress (so today's reports see waiting and talking
     * calls; their final form later replaces them under the same key).
     *
     * @param positionPrefix names the reader in quarantine/raw positions, e.g. {@code table:} or {@code file:}
     */
    public void write(Connection c, FactBatch batch, Collection<QueueVisit> inProgress, String positionPrefix)
            throws SQLException {
        Prepared writes = prepare(false, true, batch, inProgress, positionPrefix); // statements on c, in this order
        writes.visits().write(c);
        writes.rest().write(c);
    }

    /** Some of a batch's writes, made ready without a connection for a transaction on another thread ({@link #prepare}). */
    @FunctionalInterface
    public interface Writes {
        void write(Connection c) throws SQLException;
    }

    /**
     * A batch's writes in two parts that touch different tables, so that two transactions can run them side by side:
     * the visits (and their CDR links), and the rest (agent sessions, pauses, ring-no-answers, unknown and quarantined
     * lines). {@code anyVisits} is false when the first part writes nothing.
     */
    public record Prepared(Writes visits, Writes rest, boolean anyVisits) {
    }

    /**
     * {@link #write}'s writes made ready now, to run later in transactions on other threads: on MariaDB/MySQL
     * ({@code text}) the rows' statement text is built here, so that building it overlaps the database running the
     * statements before; on H2 (prepared batches, bound to their connection) everything is done by the returned writes.
     * The batch and visits must not change until they ran.
     *
     * @param text      whether the target database takes the rows as statement text ({@link MultiRowInsert#text})
     * @param fractions whether it keeps a time's fraction of a second ({@link MultiRowInsert#storesFractions}); only
     *                  read with {@code text}
     */
    public Prepared prepare(boolean text, boolean fractions, FactBatch batch, Collection<QueueVisit> inProgress,
                            String positionPrefix) throws SQLException {
        List<QueueVisit> visits = visits(batch, inProgress);
        if (!text) {
            return new Prepared(c -> {
                visitStatements((head, columns, tail) -> MultiRowInsert.into(c, head, columns, tail), visits);
                linkCdrs(c, visits);
            }, c -> {
                agentStatements((head, columns, tail) -> MultiRowInsert.into(c, head, columns, tail), batch);
                writeUnknownAndRejected(c, batch, positionPrefix);
            }, !visits.isEmpty());
        }
        List<String> visitText = new ArrayList<>();
        visitStatements((head, columns, tail) -> MultiRowInsert.text(fractions, head, columns, tail, visitText), visits);
        List<String> agentText = new ArrayList<>();
        agentStatements((head, columns, tail) -> MultiRowInsert.text(fractions, head, columns, tail, agentText), batch);
        return new Prepared(c -> {
            MultiRowInsert.execute(c, visitText);
            linkCdrs(c, visits);
        }, c -> {
            MultiRowInsert.execute(c, agentText);
            writeUnknownAndRejected(c, batch, positionPrefix);
        }, !visits.isEmpty());
    }

    /** Where a batch's multi-row upserts go: statements run on a connection now, or statement text for later. */
    @FunctionalInterface
    private interface Statements {
        MultiRowInsert open(String head, int columns, String tail) throws SQLException;
    }

    private static List<QueueVisit> visits(FactBatch batch, Collection<QueueVisit> inProgress) {
        List<QueueVisit> visits = new ArrayList<>(batch.visits());
        visits.addAll(inProgress);
        return visits;
    }

    private void visitStatements(Statements statements, List<QueueVisit> visits) throws SQLException {
        try (MultiRowInsert rows = statements.open(INSERT_VISIT, VISIT_COLUMNS, ON_DUPLICATE_VISIT)) {
            visitRows(rows, visits);
        }
    }

    private void agentStatements(Statements statements, FactBatch batch) throws SQLException {
        try (MultiRowInsert rows = statements.open(INSERT_SESSION, 6, ON_DUPLICATE_SESSION)) {
            sessionRows(rows, batch.sessions());
        }
        try (MultiRowInsert rows = statements.open(INSERT_PAUSE, 7, ON_DUPLICATE_PAUSE)) {
            pauseRows(rows, batch.pauses());
        }
        try (MultiRowInsert rows = statements.open(INSERT_RING, 8, ON_DUPLICATE_RING)) {
            ringRows(rows, batch.rings());
        }
    }

    /** The CDR may have come first: link now (caller name, DID and recording from it; queue/agent to it). */
    private void linkCdrs(Connection c, List<QueueVisit> visits) throws SQLException {
        VisitCdrLinks.link(c, tenantId, sourceId, visits.stream().map(QueueVisit::callId).toList());
    }

    private void sessionRows(MultiRowInsert rows, List<AgentSession> sessions) throws SQLException {
        for (AgentSession s : sessions) {
            rows.text(tenantId).text(sourceId).text(s.agent()).text(s.queue()).time(s.loginAt()).time(s.logoutAt())
                    .endRow();
        }
    }

    private void pauseRows(MultiRowInsert rows, List<AgentPause> pauses) throws SQLException {
        for (AgentPause p : pauses) {
            rows.text(tenantId).text(sourceId).text(p.agent()).text(p.queue()).text(clip(p.reason(), 128))
                    .time(p.startAt()).time(p.endAt()).endRow();
        }
    }

    private void ringRows(MultiRowInsert rows, List<RingNoAnswer> rings) throws SQLException {
        for (RingNoAnswer r : rings) {
            rows.text(tenantId).text(sourceId).text(r.callId()).number(r.visitSeq()).text(r.queue()).text(r.agent())
                    .time(r.at()).number(r.ringMillis()).endRow();
        }
    }

    /** Unknown verbs (kept raw) and quarantined lines: few, so prepared statements on every database. */
    private void writeUnknownAndRejected(Connection c, FactBatch batch, String positionPrefix) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPSERT_RAW)) {
            for (QueueLogEvent e : batch.unknown()) {
                ps.setString(1, tenantId);
                ps.setString(2, sourceId);
                ps.setString(3, positionPrefix + e.position());
                ps.setObject(4, UtcColumns.of(e.time()));
                ps.setString(5, clip(e.callId(), 80));
                ps.setString(6, clip(e.queue(), 128));
                ps.setString(7, clip(e.agent(), 128));
                ps.setString(8, clip(e.verbName(), 64));
                ps.setString(9, clip(String.join("|", e.data()), 1000));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        java.time.LocalDateTime now = UtcColumns.of(Instant.now());
        try (PreparedStatement ps = c.prepareStatement(UPSERT_QUARANTINE)) {
            for (Rejected r : batch.rejected()) {
                ps.setString(1, tenantId);
                ps.setString(2, sourceId);
                ps.setString(3, positionPrefix + r.position());
                ps.setString(4, clip(r.rawLine(), 2000));
                ps.setString(5, clip(r.reason(), 400));
                ps.setObject(6, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void visitRows(MultiRowInsert rows, List<QueueVisit> visits) throws SQLException {
        for (QueueVisit v : visits) {
            rows.text(v.tenantId()).text(v.sourceId()).text(v.callId()).number(v.visitSeq())
                    .text(clip(v.queue(), 128)).text(clip(v.callerNumber(), 80)).text(clip(v.callerName(), 128))
                    .text(clip(v.did(), 80))
                    .time(v.enteredAt()).time(v.connectedAt()).time(v.endedAt())
                    .text(v.outcome().name()).number(v.waitSeconds()).number(v.ringSeconds())
                    .number(v.talkSeconds()).number(v.holdSeconds())
                    .text(clip(v.agent(), 128)).bool(v.transferred()).text(clip(v.transferTarget(), 200))
                    .text(v.completedBy()).text(clip(v.exitKey(), 8)).number(v.originalPosition())
                    .number(v.ringNoAnswers()).text(clip(v.nextQueue(), 128))
                    .endRow();
        }
    }

    /** Every queue_visit column {@link #visit} reads, in its order; append a WHERE clause. */
    public static final String SELECT_VISIT = """
            SELECT tenant_id, source_id, call_id, visit_seq, queue, caller_number, caller_name, did, entered_at,
                   connected_at, ended_at, outcome, wait_s, ring_s, talk_s, hold_s, agent, transferred,
                   transfer_target, completed_by, exit_key, original_position, ring_no_answers, next_queue
            FROM queue_visit
            """;

    /**
     * Visits of all queues of a tenant that entered in [from, to), oldest first. The tenant's queues
     * are named in the query: the entry index is (tenant, queue, entered_at), and without the queue
     * the database walks every visit of the tenant for each range (the import's rollup refresh asks
     * for a few minutes at a time, so that walk made it quadratic in the facts already stored).
     */
    public static List<QueueVisit> visitsEnteredBetween(Connection c, String tenantId, Instant from, Instant to)
            throws SQLException {
        return visitsEnteredBetween(c, tenantId, queuesOf(c, tenantId), from, to);
    }

    /**
     * {@link #visitsEnteredBetween(Connection, String, Instant, Instant)} with the tenant's queues as
     * {@link #queuesOf} found them (in the same transaction, after the last write), for a caller that
     * reads several ranges in a row: finding them is one round trip per queue.
     */
    public static List<QueueVisit> visitsEnteredBetween(Connection c, String tenantId, List<String> queues, Instant from,
                                                        Instant to) throws SQLException {
        if (queues.isEmpty()) {
            return List.of();
        }
        InList in = InList.of(c);
        try (PreparedStatement ps = c.prepareStatement(SELECT_VISIT + "WHERE tenant_id = ? AND " + in.sql("queue", queues.size())
                + " AND entered_at >= ? AND entered_at < ? ORDER BY entered_at, call_id, visit_seq")) {
            ps.setString(1, tenantId);
            int i = in.bind(ps, 2, queues);
            ps.setObject(i++, UtcColumns.of(from));
            ps.setObject(i, UtcColumns.of(to));
            return visits(ps);
        }
    }

    /**
     * The queues a tenant has visits in, one per collation-equal name. MariaDB reads DISTINCT over an
     * index prefix by walking every entry, so this skips through the entry index instead: each
     * "next queue after" is one index dive, and a tenant has a handful of queues.
     */
    public static List<String> queuesOf(Connection c, String tenantId) throws SQLException {
        List<String> queues = new ArrayList<>();
        try (PreparedStatement first = c.prepareStatement("SELECT MIN(queue) FROM queue_visit WHERE tenant_id = ?");
             PreparedStatement next = c.prepareStatement("SELECT MIN(queue) FROM queue_visit WHERE tenant_id = ? AND queue > ?")) {
            first.setString(1, tenantId);
            String queue = single(first);
            while (queue != null) {
                queues.add(queue);
                next.setString(1, tenantId);
                next.setString(2, queue);
                queue = single(next);
            }
        }
        return queues;
    }

    private static String single(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** Visits of these caller numbers that entered in [from, to). */
    public static List<QueueVisit> visitsOfCallers(Connection c, String tenantId, List<String> callers, Instant from,
                                                   Instant to) throws SQLException {
        if (callers.isEmpty()) {
            return List.of();
        }
        InList in = InList.of(c);
        try (PreparedStatement ps = c.prepareStatement(SELECT_VISIT
                + "WHERE tenant_id = ? AND entered_at >= ? AND entered_at < ? AND " + in.sql("caller_number", callers.size()))) {
            ps.setString(1, tenantId);
            ps.setObject(2, UtcColumns.of(from));
            ps.setObject(3, UtcColumns.of(to));
            in.bind(ps, 4, callers);
            return visits(ps);
        }
    }

    private static List<QueueVisit> visits(PreparedStatement ps) throws SQLException {
        List<QueueVisit> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(visit(rs));
            }
        }
        return out;
    }

    /** Visits of one queue that entered in [from, to), oldest first. */
    public static List<QueueVisit> visitsEntered(Connection c, String tenantId, String queue, Instant from, Instant to)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT_VISIT
                + "WHERE tenant_id = ? AND queue = ? AND entered_at >= ? AND entered_at < ? ORDER BY entered_at, call_id, visit_seq")) {
            ps.setString(1, tenantId);
            ps.setString(2, queue);
            ps.setObject(3, UtcColumns.of(from));
            ps.setObject(4, UtcColumns.of(to));
            return visits(ps);
        }
    }

    public static QueueVisit visit(ResultSet rs) throws SQLException {
        int pos = rs.getInt(22);
        Integer originalPosition = rs.wasNull() ? null : pos;
        return new QueueVisit(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), UtcColumns.instant(rs.getObject(9, java.time.LocalDateTime.class)),
                UtcColumns.instant(rs.getObject(10, java.time.LocalDateTime.class)), UtcColumns.instant(rs.getObject(11, java.time.LocalDateTime.class)), Outcome.valueOf(rs.getString(12)),
                rs.getInt(13), rs.getInt(14), rs.getInt(15), rs.getInt(16), rs.getString(17), rs.getBoolean(18),
                rs.getString(19), rs.getString(20), rs.getString(21), originalPosition, rs.getInt(23), rs.getString(24));
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
