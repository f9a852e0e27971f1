package io.queuelens.reports.control;

import io.queuelens.calls.control.FactStore;
import io.queuelens.calls.entity.Outcome;
import io.queuelens.calls.entity.QueueVisit;
import io.queuelens.reports.entity.CallListRequest;
import io.queuelens.reports.entity.CallPage;
import io.queuelens.schema.control.UtcColumns;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads one page of {@code queue_visit} and the number of matching visits. Every value is a bind
 * parameter; the only SQL text taken from a request is the sort column, which comes from
 * {@code CallSort}'s constants.
 */
public final class VisitPageReader {

    /** Receives the visits of {@link #each} one at a time. */
    @FunctionalInterface
    public interface VisitHandler {
        void visit(QueueVisit v) throws java.io.IOException;
    }

    public CallPage page(Connection c, CallListRequest r) throws SQLException {
        List<Object> args = new ArrayList<>();
        StringBuilder where = where(r, args);
        long total;
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM queue_visit" + where)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
        }
        String dir = r.descending() ? " DESC" : " ASC";
        String order = " ORDER BY " + r.sort().column() + dir + ", entered_at" + dir + ", id" + dir;
        List<QueueVisit> visits = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(FactStore.SELECT_VISIT + where + order + " LIMIT ? OFFSET ?")) {
            bind(ps, args);
            ps.setInt(args.size() + 1, r.size());
            ps.setLong(args.size() + 2, r.offset());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    visits.add(FactStore.visit(rs));
                }
            }
        }
        return new CallPage(r, visits, total);
    }

    /**
     * Every visit the request selects (its page and size ignored), in its order, read forward-only and
     * handed over one at a time: exports of a million visits never hold more than the driver's buffer.
     * MySQL Connector/J streams row by row only with fetch size Integer.MIN_VALUE; other drivers
     * (H2) get a bounded fetch size.
     */
    public void each(Connection c, CallListRequest r, VisitHandler handler) throws SQLException, java.io.IOException {
        List<Object> args = new ArrayList<>();
        StringBuilder where = where(r, args);
        String dir = r.descending() ? " DESC" : " ASC";
        String order = " ORDER BY " + r.sort().column() + dir + ", entered_at" + dir + ", id" + dir;
        try (PreparedStatement ps = c.prepareStatement(FactStore.SELECT_VISIT + where + order,
                ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            ps.setFetchSize(streamingFetchSize(c));
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    handler.visit(FactStore.visit(rs));
                }
            }
        }
    }

    /** Integer.MIN_VALUE for MySQL Connector/J (its row-by-row streaming), else 1000. */
    public static int streamingFetchSize(Connection c) throws SQLException {
        String driver = c.getMetaData().getDriverName();
        return driver != null && (driver.contains("MySQL") || driver.contains("MariaDB")) ? Integer.MIN_VALUE : 1000;
    }

    private static StringBuilder where(CallListRequest r, List<Object> args) {
        StringBuilder where = new StringBuilder(" WHERE tenant_id = ? AND entered_at >= ? AND entered_at < ?");
        args.add(r.tenant());
        args.add(UtcColumns.of(r.from()));
        args.add(UtcColumns.of(r.to()));
        in(where, args, "queue", r.queues());
        in(where, args, "agent", r.agents());
        in(where, args, "outcome", r.outcomes().stream().map(Outcome::name).sorted().toList());
        if (r.caller() != null) {
            where.append(" AND caller_number = ?");
            args.add(r.caller());
        }
        return where;
    }

    private static void in(StringBuilder where, List<Object> args, String column, List<String> values) {
        if (!values.isEmpty()) {
            where.append(" AND ").append(column).append(" IN (")
                    .append(String.join(", ", Collections.nCopies(values.size(), "?"))).append(')');
            args.addAll(values);
        }
    }

    private static void bind(PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            ps.setObject(i + 1, args.get(i));
        }
    }
}
