package io.queuelens.reports.control;

import io.queuelens.reports.entity.SummaryRequest;
import io.queuelens.schema.control.UtcColumns;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collections;
import java.util.List;

/**
 * Which {@code queue_visit} rows a report reads: the tenant's visits that entered the queue in
 * [from, to), in the selected queues (none = all) and, where a page filters them, answered by the
 * selected agents (none = all). As in the rollups, a visit belongs to the time it entered the queue;
 * from/to lie on the 15-minute grid, so this selects exactly the visits of the rollup buckets summed
 * for the same request. Every clause is bound, never concatenated from input.
 */
public final class VisitScope {

    private final String tenant;
    private final Instant from;
    private final Instant to;
    private final List<String> queues;
    private final List<String> agents;

    public VisitScope(String tenant, Instant from, Instant to, List<String> queues, List<String> agents) {
        this.tenant = tenant;
        this.from = from;
        this.to = to;
        this.queues = List.copyOf(queues);
        this.agents = List.copyOf(agents);
    }

    public static VisitScope of(SummaryRequest request, List<String> agents) {
        return new VisitScope(request.tenant(), request.from(), request.to(), request.queues(), agents);
    }

    /** The WHERE conditions on the visit table aliased {@code alias}, without the word WHERE. */
    String where(String alias) {
        String a = alias.isEmpty() ? "" : alias + ".";
        StringBuilder sql = new StringBuilder(a + "tenant_id = ? AND " + a + "entered_at >= ? AND " + a + "entered_at < ?");
        if (!queues.isEmpty()) {
            sql.append(" AND ").append(a).append("queue IN (").append(marks(queues.size())).append(')');
        }
        if (!agents.isEmpty()) {
            sql.append(" AND ").append(a).append("agent IN (").append(marks(agents.size())).append(')');
        }
        return sql.toString();
    }

    /** Binds the parameters of {@link #where} from index {@code first}; returns the next free index. */
    int bind(PreparedStatement ps, int first) throws SQLException {
        int i = first;
        ps.setString(i++, tenant);
        ps.setObject(i++, UtcColumns.of(from));
        ps.setObject(i++, UtcColumns.of(to));
        for (String q : queues) {
            ps.setString(i++, q);
        }
        for (String agent : agents) {
            ps.setString(i++, agent);
        }
        return i;
    }

    String tenant() {
        return tenant;
    }

    Instant from() {
        return from;
    }

    Instant to() {
        return to;
    }

    List<String> agents() {
        return agents;
    }

    List<String> queues() {
        return queues;
    }

    private static String marks(int n) {
        return String.join(",", Collections.nCopies(n, "?"));
    }

}
