package io.queuelens.identity.control;

import io.queuelens.identity.entity.Access;
import io.queuelens.identity.entity.Role;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The SQL behind {@link Access}: a user's enabled flag, roles, locale, tenant grants and queue limits
 * (tables of V1 and V12), read in three small queries, and the grants replaced as a whole.
 */
public final class GrantStore {

    private GrantStore() {
    }

    /** The access of an enabled user by name; empty for an unknown or disabled one. */
    public static Optional<Access> accessOf(Connection c, String username) throws SQLException {
        long id;
        String locale;
        try (PreparedStatement ps = c.prepareStatement("SELECT id, enabled, locale FROM app_user WHERE username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !rs.getBoolean(2)) {
                    return Optional.empty();
                }
                id = rs.getLong(1);
                locale = rs.getString(3);
            }
        }
        return Optional.of(Access.of(username, roles(c, id), grants(c, id), locale));
    }

    static Set<Role> roles(Connection c, long userId) throws SQLException {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        try (PreparedStatement ps = c.prepareStatement("SELECT role FROM app_user_role WHERE user_id = ?")) {
            ps.setLong(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    try {
                        roles.add(Role.valueOf(rs.getString(1)));
                    } catch (IllegalArgumentException unknownRole) {
                        // a role this version does not know grants nothing
                    }
                }
            }
        }
        return roles;
    }

    /** tenant id -> granted queues (empty = all), ordered by tenant id. */
    public static Map<String, Set<String>> grants(Connection c, long userId) throws SQLException {
        Map<String, Set<String>> grants = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT g.tenant_id, q.queue FROM app_user_tenant g "
                + "LEFT JOIN app_user_queue q ON q.user_id = g.user_id AND q.tenant_id = g.tenant_id "
                + "WHERE g.user_id = ?")) {
            ps.setLong(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Set<String> qs = grants.computeIfAbsent(rs.getString(1), t -> new TreeSet<>());
                    String queue = rs.getString(2);
                    if (queue != null) {
                        qs.add(queue);
                    }
                }
            }
        }
        return grants;
    }

    /** Replaces every grant of the user by these (tenant id -> queues, empty = all queues). */
    public static void replaceGrants(Connection c, long userId, Map<String, ? extends Collection<String>> grants)
            throws SQLException {
        try (PreparedStatement q = c.prepareStatement("DELETE FROM app_user_queue WHERE user_id = ?");
             PreparedStatement t = c.prepareStatement("DELETE FROM app_user_tenant WHERE user_id = ?")) {
            q.setLong(1, userId);
            q.executeUpdate();
            t.setLong(1, userId);
            t.executeUpdate();
        }
        Map<String, Collection<String>> ordered = new LinkedHashMap<>(new TreeMap<>(grants));
        try (PreparedStatement t = c.prepareStatement("INSERT INTO app_user_tenant (user_id, tenant_id) VALUES (?, ?)");
             PreparedStatement q = c.prepareStatement(
                     "INSERT INTO app_user_queue (user_id, tenant_id, queue) VALUES (?, ?, ?)")) {
            for (Map.Entry<String, Collection<String>> e : ordered.entrySet()) {
                t.setLong(1, userId);
                t.setString(2, e.getKey());
                t.executeUpdate();
                for (String queue : new TreeSet<>(e.getValue())) {
                    q.setLong(1, userId);
                    q.setString(2, e.getKey());
                    q.setString(3, queue);
                    q.executeUpdate();
                }
            }
        }
    }

    public static void setLocale(Connection c, String username, String locale) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE app_user SET locale = ? WHERE username = ?")) {
            ps.setString(1, locale);
            ps.setString(2, username);
            ps.executeUpdate();
        }
    }
}
