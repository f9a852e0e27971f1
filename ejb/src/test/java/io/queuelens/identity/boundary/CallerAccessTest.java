package io.queuelens.identity.boundary;

import io.queuelens.identity.control.GrantStore;
import io.queuelens.identity.entity.Access;
import io.queuelens.identity.entity.Role;
import io.queuelens.testsupport.TestDatabases;
import io.queuelens.testsupport.TestDatabases.Db;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The access decision read from both databases the product runs on (V12 must migrate on each). */
class CallerAccessTest {

    private static CallerAccess over(Db db) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String t : List.of("a", "b")) {
                s.execute("INSERT INTO tenant (id, name, time_zone, locale, currency, created_at) "
                        + "VALUES ('" + t + "', 'T', 'UTC', 'en', 'EUR', CURRENT_TIMESTAMP)");
            }
        }
        CallerAccess access = new CallerAccess();
        access.dataSource = db.dataSource();
        return access;
    }

    private static long user(Db db, String name, boolean enabled, String... roles) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO app_user (username, password_hash, must_change_password, enabled, created_at) VALUES ('"
                    + name + "', 'x', FALSE, " + (enabled ? "TRUE" : "FALSE") + ", CURRENT_TIMESTAMP)");
            long id;
            try (ResultSet rs = s.executeQuery("SELECT id FROM app_user WHERE username = '" + name + "'")) {
                rs.next();
                id = rs.getLong(1);
            }
            for (String r : roles) {
                s.execute("INSERT INTO app_user_role (user_id, role) VALUES (" + id + ", '" + r + "')");
            }
            return id;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void aManagerSeesGrantedTenantsAndTheirQueues(String kind) throws Exception {
        try (Db db = TestDatabases.open(kind)) {
            CallerAccess decide = over(db);
            long id = user(db, "mia", true, "MANAGER", "REPORTS");
            try (Connection c = db.dataSource().getConnection()) {
                GrantStore.replaceGrants(c, id, Map.of("a", List.of(), "b", List.of("sales", "support")));
                GrantStore.setLocale(c, "mia", "pt");
            }
            Access mia = decide.of("mia", false);
            assertThat(mia.roles()).containsExactlyInAnyOrder(Role.MANAGER, Role.REPORTS);
            assertThat(mia.mayViewTenant("a")).isTrue();
            assertThat(mia.queueLimit("a")).isEmpty();
            assertThat(mia.queueLimit("b")).contains(Set.of("sales", "support"));
            assertThat(mia.mayViewTenant("c")).isFalse();
            assertThat(mia.locale()).contains("pt");

            try (Connection c = db.dataSource().getConnection()) {
                GrantStore.replaceGrants(c, id, Map.of("b", List.of("sales")));
            }
            Access after = decide.of("mia", false);
            assertThat(after.mayViewTenant("a")).as("a grant taken away is gone at the next request").isFalse();
            assertThat(after.queueLimit("b")).contains(Set.of("sales"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void disabledUnknownAndAnonymousCallersSeeNothing(String kind) throws Exception {
        try (Db db = TestDatabases.open(kind)) {
            CallerAccess decide = over(db);
            long id = user(db, "dora", false, "DASHBOARD");
            try (Connection c = db.dataSource().getConnection()) {
                GrantStore.replaceGrants(c, id, Map.of("a", List.of()));
            }
            assertThat(decide.of("dora", false)).isSameAs(Access.NONE);
            assertThat(decide.of("nobody", false)).isSameAs(Access.NONE);
            assertThat(decide.of(null, false)).isSameAs(Access.NONE);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void theServerTokenIsAnAdminButOnlyWhenItAuthenticatedAsTheToken(String kind) throws Exception {
        try (Db db = TestDatabases.open(kind)) {
            CallerAccess decide = over(db);
            assertThat(decide.of("api-token", true).isAdmin()).isTrue();
            assertThat(decide.of("api-token", true).mayViewTenant("b")).isTrue();
            assertThat(decide.of("api-token", false)).as("a login form user of that name is not the token")
                    .isSameAs(Access.NONE);
            user(db, "root", true, "ADMIN");
            assertThat(decide.of("root", false).mayViewTenant("b")).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void deletingATenantTakesItsGrantsAlong(String kind) throws Exception {
        try (Db db = TestDatabases.open(kind)) {
            CallerAccess decide = over(db);
            long id = user(db, "rita", true, "REPORTS");
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                GrantStore.replaceGrants(c, id, Map.of("a", List.of("q1"), "b", List.of()));
                s.execute("DELETE FROM tenant WHERE id = 'a'");
            }
            assertThat(decide.of("rita", false).grantedTenants()).containsExactly("b");
        }
    }
}
