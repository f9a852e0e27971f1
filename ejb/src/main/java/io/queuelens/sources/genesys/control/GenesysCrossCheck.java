package io.queuelens.sources.genesys.control;

import io.queuelens.schema.control.LocalTransaction;
import io.queuelens.schema.control.UtcColumns;
import io.queuelens.sources.genesys.entity.CrossCheckRow;
import io.queuelens.sources.genesys.entity.GenesysApiException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares a day of an org: offered ({@code nOffered}) and answered ({@code tAnswered} count) per queue
 * from the aggregates query, with the imported queue visits of the org entered that day (offered =
 * visits, answered = ANSWERED visits). The result replaces the day's earlier check in
 * {@code genesys_crosscheck}; rows that differ are the mismatches a report shows.
 */
public final class GenesysCrossCheck {

    static final String AGGREGATES = "/api/v2/analytics/conversations/aggregates/query";

    private final GenesysApi api;
    private final DataSource app;
    private final String tenantId;
    private final String sourceId;

    public GenesysCrossCheck(GenesysApi api, DataSource app, String tenantId, String sourceId) {
        this.api = api;
        this.app = app;
        this.tenantId = tenantId;
        this.sourceId = sourceId;
    }

    /** Checks {@code day} in {@code zone} and stores the result. */
    public List<CrossCheckRow> check(LocalDate day, ZoneId zone) throws GenesysApiException, InterruptedException, SQLException {
        Instant from = day.atStartOfDay(zone).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
        JsonObject answer = api.post(AGGREGATES, Json.createObjectBuilder()
                .add("interval", from + "/" + to)
                .add("granularity", "PT30M")
                .add("timeZone", zone.getId())
                .add("groupBy", Json.createArrayBuilder().add("queueId"))
                .add("metrics", Json.createArrayBuilder().add("nOffered").add("tAnswered"))
                .build());
        Map<String, long[]> genesys = aggregates(answer);
        Map<String, long[]> facts = new TreeMap<>();
        Instant now = Instant.now();
        List<CrossCheckRow> rows = new ArrayList<>();
        LocalTransaction.run(app, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT queue, COUNT(*), SUM(CASE WHEN outcome = 'ANSWERED' "
                    + "THEN 1 ELSE 0 END) FROM queue_visit WHERE tenant_id = ? AND source_id = ? AND entered_at >= ? "
                    + "AND entered_at < ? GROUP BY queue")) {
                ps.setString(1, tenantId);
                ps.setString(2, sourceId);
                ps.setObject(3, UtcColumns.of(from));
                ps.setObject(4, UtcColumns.of(to));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        facts.put(rs.getString(1), new long[]{rs.getLong(2), rs.getLong(3)});
                    }
                }
            }
            Map<String, Boolean> queues = new TreeMap<>();
            genesys.keySet().forEach(q -> queues.put(q, true));
            facts.keySet().forEach(q -> queues.put(q, true));
            for (String q : queues.keySet()) {
                long[] g = genesys.getOrDefault(q, new long[2]);
                long[] f = facts.getOrDefault(q, new long[2]);
                rows.add(new CrossCheckRow(sourceId, day, q, g[0], g[1], f[0], f[1], now));
            }
            try (PreparedStatement del = c.prepareStatement(
                    "DELETE FROM genesys_crosscheck WHERE tenant_id = ? AND source_id = ? AND check_day = ?")) {
                del.setString(1, tenantId);
                del.setString(2, sourceId);
                del.setObject(3, day);
                del.executeUpdate();
            }
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO genesys_crosscheck (tenant_id, source_id, check_day, "
                    + "queue, offered_genesys, answered_genesys, offered_facts, answered_facts, checked_at) VALUES (?,?,?,?,?,?,?,?,?)")) {
                for (CrossCheckRow r : rows) {
                    ins.setString(1, tenantId);
                    ins.setString(2, sourceId);
                    ins.setObject(3, day);
                    ins.setString(4, r.queue());
                    ins.setLong(5, r.offeredGenesys());
                    ins.setLong(6, r.answeredGenesys());
                    ins.setLong(7, r.offeredFacts());
                    ins.setLong(8, r.answeredFacts());
                    ins.setObject(9, UtcColumns.of(now));
                    ins.addBatch();
                }
                ins.executeBatch();
            }
        });
        return rows;
    }

    /** The stored checks of the tenant's orgs from {@code from} to {@code to} (inclusive), by day, org and queue. */
    public static List<CrossCheckRow> stored(DataSource app, String tenantId, LocalDate from, LocalDate to) throws SQLException {
        List<CrossCheckRow> out = new ArrayList<>();
        try (Connection c = app.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT source_id, check_day, queue, "
                + "offered_genesys, answered_genesys, offered_facts, answered_facts, checked_at FROM genesys_crosscheck "
                + "WHERE tenant_id = ? AND check_day >= ? AND check_day <= ? ORDER BY check_day, source_id, queue")) {
            ps.setString(1, tenantId);
            ps.setObject(2, from);
            ps.setObject(3, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new CrossCheckRow(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getString(3), rs.getLong(4),
                            rs.getLong(5), rs.getLong(6), rs.getLong(7), UtcColumns.instant(rs.getObject(8, LocalDateTime.class))));
                }
            }
        }
        return out;
    }

    /** queue id -> {offered, answered}, summed over the answer's intervals. */
    static Map<String, long[]> aggregates(JsonObject answer) {
        Map<String, long[]> out = new TreeMap<>();
        JsonValue results = answer.get("results");
        if (results == null || results.getValueType() != JsonValue.ValueType.ARRAY) {
            return out;
        }
        for (JsonValue r : results.asJsonArray()) {
            JsonObject result = r.asJsonObject();
            JsonObject group = result.getJsonObject("group");
            if (group == null || !group.containsKey("queueId")) {
                continue;
            }
            long[] sums = out.computeIfAbsent(group.getString("queueId"), q -> new long[2]);
            for (JsonValue d : result.getOrDefault("data", JsonValue.EMPTY_JSON_ARRAY).asJsonArray()) {
                for (JsonValue m : d.asJsonObject().getOrDefault("metrics", JsonValue.EMPTY_JSON_ARRAY).asJsonArray()) {
                    JsonObject metric = m.asJsonObject();
                    JsonObject stats = metric.getJsonObject("stats");
                    long count = stats == null || !stats.containsKey("count") ? 0 : stats.getJsonNumber("count").longValue();
                    switch (metric.getString("metric", "")) {
                        case "nOffered" -> sums[0] += count;
                        case "tAnswered" -> sums[1] += count;
                        default -> {
                        }
                    }
                }
            }
        }
        return out;
    }
}
