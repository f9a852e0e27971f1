package io.queuelens.payouts.control;

import io.queuelens.payouts.entity.AgentGroup;
import io.queuelens.payouts.entity.RateCard;
import io.queuelens.payouts.entity.TalkRounding;
import io.queuelens.schema.control.UtcColumns;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The rate_card, agent_group and agent_group_member rows of a tenant (every statement names the tenant). */
public final class RateCardTable {

    private static final String CARD_COLUMNS = "id, tenant_id, name, agent, group_id, valid_from, valid_to, per_answered, "
            + "per_talk_minute, talk_rounding, per_ready_hour, pause_rates, sl_target_percent, sl_bonus, answered_target, "
            + "answered_bonus, per_ring_no_answer";

    private RateCardTable() {
    }

    public static List<RateCard> cards(Connection c, String tenant) throws SQLException {
        return cards(c, "tenant_id = ? ORDER BY valid_from, name, id", tenant);
    }

    public static Optional<RateCard> card(Connection c, String tenant, long id) throws SQLException {
        return cards(c, "tenant_id = ? AND id = ?", tenant, id).stream().findFirst();
    }

    public static long insert(Connection c, RateCard r, String by) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO rate_card (tenant_id, name, agent, group_id, valid_from, "
                + "valid_to, per_answered, per_talk_minute, talk_rounding, per_ready_hour, pause_rates, sl_target_percent, "
                + "sl_bonus, answered_target, answered_bonus, per_ring_no_answer, updated_by, updated_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            int i = bind(ps, r);
            ps.setString(i++, by);
            ps.setObject(i, UtcColumns.of(Instant.now()));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    public static boolean update(Connection c, RateCard r, String by) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE rate_card SET tenant_id = ?, name = ?, agent = ?, group_id = ?, "
                + "valid_from = ?, valid_to = ?, per_answered = ?, per_talk_minute = ?, talk_rounding = ?, per_ready_hour = ?, "
                + "pause_rates = ?, sl_target_percent = ?, sl_bonus = ?, answered_target = ?, answered_bonus = ?, "
                + "per_ring_no_answer = ?, updated_by = ?, updated_at = ? WHERE id = ? AND tenant_id = ?")) {
            int i = bind(ps, r);
            ps.setString(i++, by);
            ps.setObject(i++, UtcColumns.of(Instant.now()));
            ps.setLong(i++, r.id());
            ps.setString(i, r.tenantId());
            return ps.executeUpdate() == 1;
        }
    }

    public static boolean delete(Connection c, String tenant, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM rate_card WHERE id = ? AND tenant_id = ?")) {
            ps.setLong(1, id);
            ps.setString(2, tenant);
            return ps.executeUpdate() == 1;
        }
    }

    private static int bind(PreparedStatement ps, RateCard r) throws SQLException {
        int i = 1;
        ps.setString(i++, r.tenantId());
        ps.setString(i++, r.name());
        ps.setString(i++, r.agent());
        if (r.groupId() == null) {
            ps.setNull(i++, Types.BIGINT);
        } else {
            ps.setLong(i++, r.groupId());
        }
        ps.setDate(i++, Date.valueOf(r.validFrom()));
        ps.setDate(i++, r.validTo() == null ? null : Date.valueOf(r.validTo()));
        ps.setBigDecimal(i++, r.perAnswered());
        ps.setBigDecimal(i++, r.perTalkMinute());
        ps.setString(i++, r.talkRounding().name());
        ps.setBigDecimal(i++, r.perReadyHour());
        ps.setString(i++, r.pauseRatesText());
        ps.setBigDecimal(i++, r.slTargetPercent());
        ps.setBigDecimal(i++, r.slBonus());
        if (r.answeredTarget() == null) {
            ps.setNull(i++, Types.INTEGER);
        } else {
            ps.setInt(i++, r.answeredTarget());
        }
        ps.setBigDecimal(i++, r.answeredBonus());
        ps.setBigDecimal(i++, r.perRingNoAnswer());
        return i;
    }

    private static List<RateCard> cards(Connection c, String where, Object... args) throws SQLException {
        List<RateCard> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + CARD_COLUMNS + " FROM rate_card WHERE " + where)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long group = rs.getLong(5);
                    Long groupId = rs.wasNull() ? null : group;
                    Date to = rs.getDate(7);
                    int target = rs.getInt(15);
                    Integer answeredTarget = rs.wasNull() ? null : target;
                    out.add(new RateCard(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), groupId,
                            rs.getDate(6).toLocalDate(), to == null ? null : to.toLocalDate(), rs.getBigDecimal(8),
                            rs.getBigDecimal(9), TalkRounding.valueOf(rs.getString(10)), rs.getBigDecimal(11),
                            RateCard.parsePauseRates(rs.getString(12)), rs.getBigDecimal(13), rs.getBigDecimal(14),
                            answeredTarget, rs.getBigDecimal(16), rs.getBigDecimal(17)));
                }
            }
        }
        return out;
    }

    // ---- agent groups

    public static List<AgentGroup> groups(Connection c, String tenant) throws SQLException {
        Map<Long, String> names = new LinkedHashMap<>();
        Map<Long, List<String>> members = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT g.id, g.name, m.agent FROM agent_group g LEFT JOIN "
                + "agent_group_member m ON m.group_id = g.id WHERE g.tenant_id = ? ORDER BY g.name, m.agent")) {
            ps.setString(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.put(rs.getLong(1), rs.getString(2));
                    List<String> list = members.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>());
                    if (rs.getString(3) != null) {
                        list.add(rs.getString(3));
                    }
                }
            }
        }
        List<AgentGroup> out = new ArrayList<>();
        names.forEach((id, name) -> out.add(new AgentGroup(id, tenant, name, members.get(id))));
        return out;
    }

    public static long insertGroup(Connection c, String tenant, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO agent_group (tenant_id, name) VALUES (?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, tenant);
            ps.setString(2, name);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    public static boolean renameGroup(Connection c, String tenant, long id, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE agent_group SET name = ? WHERE id = ? AND tenant_id = ?")) {
            ps.setString(1, name);
            ps.setLong(2, id);
            ps.setString(3, tenant);
            return ps.executeUpdate() == 1;
        }
    }

    /** Replaces the members of a group (the caller checked the group is the tenant's). */
    public static void setMembers(Connection c, long groupId, List<String> agents) throws SQLException {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM agent_group_member WHERE group_id = ?")) {
            del.setLong(1, groupId);
            del.executeUpdate();
        }
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO agent_group_member (group_id, agent) VALUES (?, ?)")) {
            for (String a : new java.util.TreeSet<>(agents)) {
                ins.setLong(1, groupId);
                ins.setString(2, a);
                ins.addBatch();
            }
            ins.executeBatch();
        }
    }

    public static boolean deleteGroup(Connection c, String tenant, long id) throws SQLException {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM agent_group_member WHERE group_id IN "
                + "(SELECT id FROM agent_group WHERE id = ? AND tenant_id = ?)")) {
            del.setLong(1, id);
            del.setString(2, tenant);
            del.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM agent_group WHERE id = ? AND tenant_id = ?")) {
            ps.setLong(1, id);
            ps.setString(2, tenant);
            return ps.executeUpdate() == 1;
        }
    }

    public static boolean groupHasCards(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM rate_card WHERE group_id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }
}
