package io.queuelens.cdrs.control;

import io.queuelens.cdrs.entity.CdrListing;
import io.queuelens.cdrs.entity.CdrQuery;
import io.queuelens.schema.control.UtcColumns;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The search's SQL: every value a bound parameter, the sort column from {@link io.queuelens.cdrs.entity.CdrSort}'s
 * whitelist, the id as tie-breaker so pages never overlap or skip rows, and the tenant on every query.
 */
public final class CdrSearchSql {

    private static final String COLUMNS = "id, calldate, clid, src, dst, did, caller_name, disposition, duration, "
            + "billsec, queue, agent, recording_file, uniqueid, channel, dstchannel, dcontext, lastapp, calldate_local";

    /** Whether a CDR's named recording file (as stored, with the call's local time) is there to be played. */
    @FunctionalInterface
    public interface RecordingCheck {
        /** Exports do not look: they say only whether the PBX named a file. */
        RecordingCheck NONE = (file, calldateLocal) -> false;

        boolean exists(String recordingFile, LocalDateTime calldateLocal);
    }

    private CdrSearchSql() {
    }

    public static long count(Connection c, CdrQuery q) throws SQLException {
        List<Object> args = new ArrayList<>();
        String where = where(q, args);
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM cdr_record WHERE " + where)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Receives the CDRs of {@link #each} one at a time. */
    @FunctionalInterface
    public interface CdrHandler {
        void cdr(CdrListing c) throws java.io.IOException;
    }

    /**
     * Every CDR the query selects (offset and limit ignored), in its order, read forward-only (see
     * VisitPageReader.each for the fetch size): for exports.
     */
    public static void each(Connection c, CdrQuery q, CdrHandler handler) throws SQLException, java.io.IOException {
        List<Object> args = new ArrayList<>();
        String where = where(q, args);
        String dir = q.ascending() ? " ASC" : " DESC";
        String sql = "SELECT " + COLUMNS + " FROM cdr_record WHERE " + where + " ORDER BY " + q.sort().column() + dir
                + ", id" + dir;
        try (PreparedStatement ps = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            ps.setFetchSize(io.queuelens.reports.control.VisitPageReader.streamingFetchSize(c));
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    handler.cdr(listing(rs, RecordingCheck.NONE));
                }
            }
        }
    }

    /** One page of the query's CDRs, each with whether its recording is there ({@code recordings} asked for named files only). */
    public static List<CdrListing> rows(Connection c, CdrQuery q, RecordingCheck recordings) throws SQLException {
        List<Object> args = new ArrayList<>();
        String where = where(q, args);
        String dir = q.ascending() ? " ASC" : " DESC";
        String sql = "SELECT " + COLUMNS + " FROM cdr_record WHERE " + where + " ORDER BY " + q.sort().column() + dir
                + ", id" + dir + " LIMIT ? OFFSET ?";
        args.add(q.limit());
        args.add(q.offset());
        List<CdrListing> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(listing(rs, recordings));
                }
            }
        }
        return out;
    }

    private static CdrListing listing(ResultSet rs, RecordingCheck recordings) throws SQLException {
        String recording = rs.getString(13);
        boolean named = recording != null && !recording.isEmpty();
        return new CdrListing(rs.getLong(1), UtcColumns.instant(rs.getObject(2, LocalDateTime.class)),
                rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                rs.getString(8), rs.getInt(9), rs.getInt(10), rs.getString(11), rs.getString(12),
                named, named && recordings.exists(recording, rs.getObject(19, LocalDateTime.class)),
                rs.getString(14), rs.getString(15),
                rs.getString(16), rs.getString(17), rs.getString(18));
    }

    /** Distinct queues of a tenant's CDRs (the filter's choices). */
    public static List<String> queues(Connection c, String tenant) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT DISTINCT queue FROM cdr_record WHERE tenant_id = ? AND queue IS NOT NULL ORDER BY queue")) {
            ps.setString(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    static String where(CdrQuery q, List<Object> args) {
        StringBuilder w = new StringBuilder("tenant_id = ? AND calldate >= ? AND calldate < ?");
        args.add(q.tenant());
        args.add(UtcColumns.of(q.from()));
        args.add(UtcColumns.of(q.to()));
        if (q.number() != null) {
            String like = "%" + escapeLike(q.number()) + "%";
            w.append(" AND (src LIKE ? ESCAPE '!' OR dst LIKE ? ESCAPE '!' OR clid LIKE ? ESCAPE '!')");
            args.add(like);
            args.add(like);
            args.add(like);
        }
        equal(w, args, "did", q.did());
        equal(w, args, "disposition", q.disposition());
        equal(w, args, "queue", q.queue());
        equal(w, args, "agent", q.agent());
        if (!q.queueLimit().isEmpty()) {
            w.append(" AND queue IN (").append(String.join(", ", java.util.Collections.nCopies(q.queueLimit().size(), "?")))
                    .append(")");
            args.addAll(new java.util.TreeSet<>(q.queueLimit()));
        }
        return w.toString();
    }

    private static void equal(StringBuilder w, List<Object> args, String column, String value) {
        if (value != null) {
            w.append(" AND ").append(column).append(" = ?");
            args.add(value);
        }
    }

    /** The user's text is matched literally: LIKE's own wildcards are escaped. */
    static String escapeLike(String s) {
        return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private static void bind(PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            ps.setObject(i + 1, args.get(i));
        }
    }
}
