package io.queuelens.payouts.control;

import io.queuelens.kpi.control.KpiCalculator;
import io.queuelens.kpi.entity.KpiSettings;
import io.queuelens.kpi.entity.QueueTotals;
import io.queuelens.kpi.entity.SlaMode;
import io.queuelens.payouts.entity.AgentDayPayout;
import io.queuelens.payouts.entity.AgentPeriodTotal;
import io.queuelens.payouts.entity.PayoutLine;
import io.queuelens.payouts.entity.PayoutRevision;
import io.queuelens.schema.control.UtcColumns;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The payout_revision, payout_agent_day, payout_line and payout_lock rows, and the visit sums the rater needs. */
public final class PayoutStore {

    /** Started talk minutes and service level of one agent's answered visits of a day. */
    public record VisitSums(long answered, long answeredInSla, long startedTalkMinutes) {

        /** Answered within the SLA target / answered, by {@link KpiCalculator} (ANSWERED mode); null without answers. */
        public Double serviceLevel(KpiSettings settings) {
            QueueTotals t = new QueueTotals(answered, 0, answered, 0, 0, 0, 0, 0, 0, 0, answeredInSla, 0, 0, 0, 0, 0, 0, 0,
                    0, 0, 0, 0);
            return KpiCalculator.queueFigures(t, KpiSettings.builder().slaSeconds(settings.slaSeconds())
                    .slaMode(SlaMode.ANSWERED).build()).serviceLevel();
        }
    }

    private PayoutStore() {
    }

    // ---- revisions

    /** The next revision of a day for a launch; false when another launch took that number first (try again). */
    public static boolean addRevision(Connection c, String tenant, LocalDate day, int revision, long launchId, String by)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO payout_revision (tenant_id, work_day, revision, launch_id, "
                + "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, tenant);
            ps.setDate(2, Date.valueOf(day));
            ps.setInt(3, revision);
            ps.setLong(4, launchId);
            ps.setString(5, by);
            ps.setObject(6, UtcColumns.of(Instant.now()));
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (io.queuelens.jobs.control.JobTable.isDuplicate(e)) {
                return false;
            }
            throw e;
        }
    }

    public static int latestRevision(Connection c, String tenant, LocalDate day) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT MAX(revision) FROM payout_revision WHERE tenant_id = ? AND work_day = ?")) {
            ps.setString(1, tenant);
            ps.setDate(2, Date.valueOf(day));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** The (day, revision) pairs a launch computes, by day. */
    public static List<PayoutRevision> revisionsOfLaunch(Connection c, long launchId) throws SQLException {
        return revisions(c, "r.launch_id = ?", launchId);
    }

    public static List<PayoutRevision> revisionsOfDay(Connection c, String tenant, LocalDate day) throws SQLException {
        return revisions(c, "r.tenant_id = ? AND r.work_day = ?", tenant, Date.valueOf(day));
    }

    private static List<PayoutRevision> revisions(Connection c, String where, Object... args) throws SQLException {
        List<PayoutRevision> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT r.work_day, r.revision, r.launch_id, r.created_by, r.created_at, "
                + "(SELECT COUNT(*) FROM payout_agent_day d WHERE d.tenant_id = r.tenant_id AND d.work_day = r.work_day "
                + "AND d.revision = r.revision) FROM payout_revision r WHERE " + where + " ORDER BY r.work_day, r.revision")) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new PayoutRevision(rs.getDate(1).toLocalDate(), rs.getInt(2), rs.getLong(3), rs.getString(4),
                            UtcColumns.instant(rs.getObject(5, LocalDateTime.class)), rs.getInt(6)));
                }
            }
        }
        return out;
    }

    // ---- what a day holds

    /** Answered visits entered in [from, to), per agent: count, within SLA, started talk minutes. */
    public static Map<String, VisitSums> visitSums(Connection c, String tenant, Instant from, Instant to, int slaSeconds)
            throws SQLException {
        Map<String, VisitSums> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT agent, COUNT(*), SUM(CASE WHEN wait_s <= ? THEN 1 ELSE 0 END), "
                + "SUM(FLOOR((talk_s + 59) / 60)) FROM queue_visit WHERE tenant_id = ? AND outcome = 'ANSWERED' "
                + "AND agent IS NOT NULL AND entered_at >= ? AND entered_at < ? GROUP BY agent")) {
            ps.setInt(1, slaSeconds);
            ps.setString(2, tenant);
            ps.setObject(3, UtcColumns.of(from));
            ps.setObject(4, UtcColumns.of(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new VisitSums(rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                }
            }
        }
        return out;
    }

    /** Agents already written for a (tenant, day, revision): a restarted job skips them. */
    public static Set<String> doneAgents(Connection c, String tenant, LocalDate day, int revision) throws SQLException {
        Set<String> out = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT agent FROM payout_agent_day WHERE tenant_id = ? AND work_day = ? "
                + "AND revision = ?")) {
            ps.setString(1, tenant);
            ps.setDate(2, Date.valueOf(day));
            ps.setInt(3, revision);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    // ---- writing

    /**
     * Writes agent-days with their lines, in the caller's (chunk) transaction. An agent-day already
     * present is left as it is with its lines: a chunk repeated after a kill writes nothing twice.
     *
     * @return the agent-days written
     */
    public static int write(Connection c, List<AgentDayPayout> payouts) throws SQLException {
        int written = 0;
        Instant now = Instant.now();
        try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM payout_agent_day WHERE tenant_id = ? AND work_day = ? "
                + "AND revision = ? AND agent = ?");
             PreparedStatement day = c.prepareStatement("INSERT INTO payout_agent_day (tenant_id, work_day, revision, agent, "
                     + "rate_card_id, currency, total, computed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement line = c.prepareStatement("INSERT INTO payout_line (tenant_id, work_day, revision, agent, seq, "
                     + "component, detail, quantity, unit, rate, amount) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (AgentDayPayout p : payouts) {
                exists.setString(1, p.tenantId());
                exists.setDate(2, Date.valueOf(p.day()));
                exists.setInt(3, p.revision());
                exists.setString(4, p.agent());
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        continue;
                    }
                }
                day.setString(1, p.tenantId());
                day.setDate(2, Date.valueOf(p.day()));
                day.setInt(3, p.revision());
                day.setString(4, p.agent());
                day.setObject(5, p.rateCardId());
                day.setString(6, p.currency());
                day.setBigDecimal(7, p.total());
                day.setObject(8, UtcColumns.of(now));
                day.addBatch();
                for (PayoutLine l : p.lines()) {
                    line.setString(1, p.tenantId());
                    line.setDate(2, Date.valueOf(p.day()));
                    line.setInt(3, p.revision());
                    line.setString(4, p.agent());
                    line.setInt(5, l.seq());
                    line.setString(6, l.component());
                    line.setString(7, l.detail());
                    line.setBigDecimal(8, l.quantity());
                    line.setString(9, l.unit());
                    line.setBigDecimal(10, l.rate());
                    line.setBigDecimal(11, l.amount());
                    line.addBatch();
                }
                written++;
            }
            day.executeBatch();
            line.executeBatch();
        }
        return written;
    }

    // ---- reading for the page and the API

    /** Per agent-day of [from, to] the newest revision's total. */
    public static List<AgentPeriodTotal> period(Connection c, String tenant, LocalDate from, LocalDate to) throws SQLException {
        Set<LocalDate> locked = lockedDays(c, tenant, from, to);
        List<AgentPeriodTotal> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT d.work_day, d.agent, d.revision, d.total, d.currency, d.rate_card_id, "
                + "(SELECT COUNT(*) FROM payout_agent_day o WHERE o.tenant_id = d.tenant_id AND o.work_day = d.work_day AND o.agent = d.agent) "
                + "FROM payout_agent_day d WHERE d.tenant_id = ? AND d.work_day >= ? AND d.work_day <= ? AND d.revision = "
                + "(SELECT MAX(x.revision) FROM payout_agent_day x WHERE x.tenant_id = d.tenant_id AND x.work_day = d.work_day "
                + "AND x.agent = d.agent) ORDER BY d.work_day, d.agent")) {
            ps.setString(1, tenant);
            ps.setDate(2, Date.valueOf(from));
            ps.setDate(3, Date.valueOf(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    LocalDate day = rs.getDate(1).toLocalDate();
                    long card = rs.getLong(6);
                    Long cardId = rs.wasNull() ? null : card; // before reading another column
                    out.add(new AgentPeriodTotal(day, rs.getString(2), rs.getInt(3), rs.getInt(7), rs.getBigDecimal(4),
                            rs.getString(5), cardId, locked.contains(day)));
                }
            }
        }
        return out;
    }

    public static List<PayoutLine> lines(Connection c, String tenant, LocalDate day, int revision, String agent)
            throws SQLException {
        List<PayoutLine> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, component, detail, quantity, unit, rate, amount FROM payout_line "
                + "WHERE tenant_id = ? AND work_day = ? AND revision = ? AND agent = ? ORDER BY seq")) {
            ps.setString(1, tenant);
            ps.setDate(2, Date.valueOf(day));
            ps.setInt(3, revision);
            ps.setString(4, agent);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new PayoutLine(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4),
                            rs.getString(5), rs.getBigDecimal(6), rs.getBigDecimal(7)));
                }
            }
        }
        return out;
    }

    // ---- locks

    public static Set<LocalDate> lockedDays(Connection c, String tenant, LocalDate from, LocalDate to) throws SQLException {
        Set<LocalDate> out = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT work_day FROM payout_lock WHERE tenant_id = ? AND work_day >= ? "
                + "AND work_day <= ?")) {
            ps.setString(1, tenant);
            ps.setDate(2, Date.valueOf(from));
            ps.setDate(3, Date.valueOf(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getDate(1).toLocalDate());
                }
            }
        }
        return out;
    }

    public static void lock(Connection c, String tenant, LocalDate day, String by) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO payout_lock (tenant_id, work_day, locked_by, locked_at) "
                + "VALUES (?, ?, ?, ?)")) {
            ps.setString(1, tenant);
            ps.setDate(2, Date.valueOf(day));
            ps.setString(3, by);
            ps.setObject(4, UtcColumns.of(Instant.now()));
            ps.executeUpdate();
        }
    }

    public static int unlock(Connection c, String tenant, LocalDate from, LocalDate to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM payout_lock WHERE tenant_id = ? AND work_day >= ? AND work_day <= ?")) {
            ps.setString(1, tenant);
            ps.setDate(2, Date.valueOf(from));
            ps.setDate(3, Date.valueOf(to));
            return ps.executeUpdate();
        }
    }
}
