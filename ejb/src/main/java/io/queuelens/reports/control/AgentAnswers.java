package io.queuelens.reports.control;

import io.queuelens.calls.control.FactStore;
import io.queuelens.calls.entity.AgentPause;
import io.queuelens.calls.entity.QueueVisit;
import io.queuelens.kpi.control.KpiCalculator;
import io.queuelens.kpi.entity.KpiSettings;
import io.queuelens.kpi.entity.QueueTotals;
import io.queuelens.reports.entity.AgentAnswered;
import io.queuelens.rollups.control.AfterCallWorkMatcher;
import io.queuelens.schema.control.UtcColumns;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Answered visits per agent from the facts (there is no per-agent rollup of queue visits): counts and
 * sums by one GROUP BY, after-call work by {@link AfterCallWorkMatcher} exactly as the rollups match
 * it, and the figures by {@link KpiCalculator} from those totals.
 */
public final class AgentAnswers {

    /** Pauses starting this far around the range can still be a range call's after-call work. */
    private static final Duration PAUSE_SLACK = Duration.ofHours(1);

    private static final String SUMS = """
            SELECT agent, COUNT(*), SUM(CASE WHEN wait_s <= ? THEN 1 ELSE 0 END), SUM(CASE WHEN transferred THEN 1 ELSE 0 END),
                   SUM(CASE WHEN visit_seq = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN talk_s < ? THEN 1 ELSE 0 END),
                   SUM(wait_s), SUM(talk_s), SUM(hold_s), MAX(wait_s)
            FROM queue_visit WHERE outcome = 'ANSWERED' AND agent IS NOT NULL AND \s""";

    private AgentAnswers() {
    }

    /**
     * @param settings the KPI settings the thresholds come from (the reports count with KPI.md's
     *                 defaults until settings are stored; see {@code SummaryReports})
     */
    public static List<AgentAnswered> byAgent(Connection c, VisitScope scope, KpiSettings settings) throws SQLException {
        Map<String, Long> acw = acwByAgent(c, scope, settings);
        List<AgentAnswered> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SUMS + scope.where("") + " GROUP BY agent ORDER BY agent")) {
            ps.setInt(1, settings.slaSeconds());
            // shortCallSeconds 0 = off: no talk is shorter than 0
            ps.setInt(2, settings.shortCallSeconds());
            scope.bind(ps, 3);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String agent = rs.getString(1);
                    long answered = rs.getLong(2);
                    QueueTotals t = new QueueTotals(answered, 0, answered, 0, 0, 0, 0, 0, 0, 0,
                            rs.getLong(3), rs.getLong(4), 0, rs.getLong(5), rs.getLong(6),
                            rs.getLong(7), 0, rs.getLong(8), rs.getLong(9), acw.getOrDefault(agent, 0L),
                            rs.getLong(10), 1);
                    out.add(new AgentAnswered(agent, t, KpiCalculator.queueFigures(t, settings)));
                }
            }
        }
        return out;
    }

    /** The agents who answered a visit of the scope, sorted: the page's agent choices, without the figures' cost. */
    public static List<String> names(Connection c, VisitScope scope) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT agent FROM queue_visit WHERE outcome = 'ANSWERED' "
                + "AND agent IS NOT NULL AND " + scope.where("") + " ORDER BY agent")) {
            scope.bind(ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    /**
     * The after-call work of the scope's answered visits, per agent. Every answered visit of the
     * range competes for the pauses (an agent's calls in other queues too), as in the rollups.
     */
    private static Map<String, Long> acwByAgent(Connection c, VisitScope scope, KpiSettings settings) throws SQLException {
        List<QueueVisit> answered = FactStore.visitsEnteredBetween(c, scope.tenant(), scope.from(), scope.to()).stream()
                .filter(v -> v.answered() && v.agent() != null).toList();
        if (answered.isEmpty()) {
            return Map.of();
        }
        Map<String, Integer> acw = AfterCallWorkMatcher.acwSeconds(answered,
                pauses(c, scope.tenant(), scope.from().minus(PAUSE_SLACK), scope.to().plus(PAUSE_SLACK).plus(Duration.ofDays(1))),
                v -> settings);
        Set<String> queues = new HashSet<>(scope.queues());
        Set<String> agents = new HashSet<>(scope.agents());
        Map<String, Long> byAgent = new HashMap<>();
        for (QueueVisit v : answered) {
            if ((queues.isEmpty() || queues.contains(v.queue())) && (agents.isEmpty() || agents.contains(v.agent()))) {
                byAgent.merge(v.agent(), (long) acw.getOrDefault(v.naturalKey(), 0), Long::sum);
            }
        }
        return byAgent;
    }

    private static List<AgentPause> pauses(Connection c, String tenant, Instant from, Instant to) throws SQLException {
        List<AgentPause> pauses = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT tenant_id, source_id, agent, queue, reason, start_at, end_at "
                + "FROM agent_pause WHERE tenant_id = ? AND start_at >= ? AND start_at < ?")) {
            ps.setString(1, tenant);
            ps.setObject(2, UtcColumns.of(from));
            ps.setObject(3, UtcColumns.of(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    pauses.add(new AgentPause(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), UtcColumns.instant(rs.getObject(6, LocalDateTime.class)),
                            UtcColumns.instant(rs.getObject(7, LocalDateTime.class))));
                }
            }
        }
        return pauses;
    }
}
