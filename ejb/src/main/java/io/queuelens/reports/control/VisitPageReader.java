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

    public CallPage page(Connection c, CallListRequest r) throws SQLException {
        List<Object> args = new ArrayList<>();
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
