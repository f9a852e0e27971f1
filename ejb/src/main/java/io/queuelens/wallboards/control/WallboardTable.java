package io.queuelens.wallboards.control;

import io.queuelens.schema.control.UtcColumns;
import io.queuelens.wallboards.entity.Threshold;
import io.queuelens.wallboards.entity.Wallboard;
import io.queuelens.wallboards.entity.WallboardCard;
import io.queuelens.wallboards.entity.WallboardFigure;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Boards in {@code wallboard} (V9). The cards are stored as JSON; a figure this version no longer
 * knows is dropped when reading, so an old board still opens.
 */
public final class WallboardTable {

    private static final String COLUMNS = "id, tenant_id, owner, name, shared, interval_seconds, cards, updated_at";

    private WallboardTable() {
    }

    /** The user's own boards and the boards shared in the tenant, the user's first, each by name. */
    public static List<Wallboard> visibleTo(Connection c, String tenantId, String user) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM wallboard WHERE tenant_id = ? "
                + "AND (owner = ? OR shared = ?) ORDER BY CASE WHEN owner = ? THEN 0 ELSE 1 END, name, id")) {
            ps.setString(1, tenantId);
            ps.setString(2, user);
            ps.setBoolean(3, true);
            ps.setString(4, user);
            return read(ps);
        }
    }

    public static Optional<Wallboard> find(Connection c, String tenantId, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM wallboard WHERE tenant_id = ? AND id = ?")) {
            ps.setString(1, tenantId);
            ps.setLong(2, id);
            return read(ps).stream().findFirst();
        }
    }

    public static Optional<Wallboard> findByName(Connection c, String tenantId, String owner, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM wallboard WHERE tenant_id = ? AND owner = ? AND name = ?")) {
            ps.setString(1, tenantId);
            ps.setString(2, owner);
            ps.setString(3, name);
            return read(ps).stream().findFirst();
        }
    }

    public static Wallboard insert(Connection c, Wallboard b, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO wallboard (tenant_id, owner, name, shared, "
                + "interval_seconds, cards, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, b.tenantId());
            ps.setString(2, b.owner());
            ps.setString(3, b.name().strip());
            ps.setBoolean(4, b.shared());
            ps.setInt(5, b.intervalSeconds());
            ps.setString(6, cardsJson(b.cards()));
            ps.setObject(7, UtcColumns.of(now));
            ps.setObject(8, UtcColumns.of(now));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return b.withId(keys.getLong(1), now);
            }
        }
    }

    /** Replaces a stored board of its owner; false when there is no such board of that owner. */
    public static boolean update(Connection c, Wallboard b, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE wallboard SET name = ?, shared = ?, interval_seconds = ?, "
                + "cards = ?, updated_at = ? WHERE tenant_id = ? AND id = ? AND owner = ?")) {
            ps.setString(1, b.name().strip());
            ps.setBoolean(2, b.shared());
            ps.setInt(3, b.intervalSeconds());
            ps.setString(4, cardsJson(b.cards()));
            ps.setObject(5, UtcColumns.of(now));
            ps.setString(6, b.tenantId());
            ps.setLong(7, b.id());
            ps.setString(8, b.owner());
            return ps.executeUpdate() == 1;
        }
    }

    public static boolean delete(Connection c, String tenantId, long id, String owner) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM wallboard WHERE tenant_id = ? AND id = ? AND owner = ?")) {
            ps.setString(1, tenantId);
            ps.setLong(2, id);
            ps.setString(3, owner);
            return ps.executeUpdate() == 1;
        }
    }

    private static List<Wallboard> read(PreparedStatement ps) throws SQLException {
        List<Wallboard> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Wallboard(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5),
                        rs.getInt(6), cards(rs.getString(7)), UtcColumns.instant(rs.getObject(8, java.time.LocalDateTime.class))));
            }
        }
        return out;
    }

    static String cardsJson(List<WallboardCard> cards) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (WallboardCard card : cards) {
            JsonArrayBuilder queues = Json.createArrayBuilder();
            card.queues().forEach(queues::add);
            JsonArrayBuilder figures = Json.createArrayBuilder();
            card.figures().forEach(f -> figures.add(f.key()));
            JsonObjectBuilder thresholds = Json.createObjectBuilder();
            card.thresholds().forEach((f, t) -> thresholds.add(f.key(), Json.createArrayBuilder().add(t.yellow()).add(t.red())));
            array.add(Json.createObjectBuilder().add("title", card.title()).add("queues", queues).add("figures", figures)
                    .add("color", card.color()).add("thresholds", thresholds));
        }
        return array.build().toString();
    }

    static List<WallboardCard> cards(String json) {
        List<WallboardCard> out = new ArrayList<>();
        try (var reader = Json.createReader(new StringReader(json))) {
            for (JsonValue v : reader.readArray()) {
                JsonObject o = v.asJsonObject();
                List<String> queues = o.getJsonArray("queues").getValuesAs(jakarta.json.JsonString::getString);
                List<WallboardFigure> figures = new ArrayList<>();
                for (String key : o.getJsonArray("figures").getValuesAs(jakarta.json.JsonString::getString)) {
                    WallboardFigure.byKey(key).ifPresent(figures::add);
                }
                Map<WallboardFigure, Threshold> thresholds = new EnumMap<>(WallboardFigure.class);
                for (Map.Entry<String, JsonValue> t : o.getJsonObject("thresholds").entrySet()) {
                    JsonArray limits = t.getValue().asJsonArray();
                    WallboardFigure.byKey(t.getKey()).ifPresent(f -> thresholds.put(f,
                            new Threshold(limits.getJsonNumber(0).doubleValue(), limits.getJsonNumber(1).doubleValue())));
                }
                out.add(new WallboardCard(o.getString("title", ""), queues, figures, o.getString("color"), thresholds));
            }
        }
        return out;
    }
}
